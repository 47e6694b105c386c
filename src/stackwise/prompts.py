"""Questions at a terminal: each answer checked as it is typed and asked again when wrong.

Only questions not already answered by a flag, ``--set`` or the answers file are asked.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from stackwise import checks
from stackwise.answers import RawAnswers
from stackwise.errors import UsageProblem
from stackwise.options import FRAMEWORKS, SELECTION, Question
from stackwise.plan import Plan


def _checked(check: Callable[[str], str]) -> Callable[[str], str]:
    """Turn a check's ``UsageProblem`` into the error Click shows before asking again."""

    def proc(value: str) -> str:
        try:
            return check(value)
        except UsageProblem as exc:
            raise click.BadParameter(str(exc)) from None

    return proc


def _optional_choice(question: Question) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        return checks.choice(question.key, value) if value else ""

    return check


def _needs(value: str) -> str:
    items = [item.strip() for item in value.replace(",", " ").split()]
    for item in items:
        checks.choice("needs", item)
    return " ".join(items)


def ask_selection(raw: RawAnswers) -> None:
    """Ask the selection questions not yet answered; Enter skips one."""
    for question in SELECTION:
        if question.key in raw.selection:
            continue
        choices = ", ".join(question.choices)
        if question.kind == "multi":
            text = f"{question.text} (any of {choices}; separate with spaces)"
            answer = click.prompt(text, default="", show_default=False, value_proc=_checked(_needs))
            if answer:
                raw.selection["needs"] = frozenset(answer.split())
        else:
            text = f"{question.text} ({choices}; Enter to skip)"
            proc = _checked(_optional_choice(question))
            answer = click.prompt(text, default="", show_default=False, value_proc=proc)
            if answer:
                raw.selection[question.key] = answer


def ask_framework(plan: Plan) -> str:
    """Accept the recommendation or name another framework."""
    rec = plan.recommendation
    winner = rec.winner
    if click.confirm(f"Use {rec.names[winner]}?", default=True):
        return winner
    others = [fw for fw in FRAMEWORKS if fw != winner]
    return str(click.prompt("Framework instead", type=click.Choice(others)))


def ask_name() -> str:
    return str(click.prompt("Project name", value_proc=_checked(checks.project_name)))
