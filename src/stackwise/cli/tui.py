"""The questions as lists: arrow keys to choose, space to tick, a summary before writing.

The same conversation as ``prompts`` (only the questions that apply, every answer checked as
it is typed, the existing target found as soon as the name gives it), through questionary on
prompt_toolkit, for a terminal that can move its cursor. The project options are not asked
one by one: a summary shows them all, and "Change something" edits one and comes back.
This module is imported only on that path, so nothing else pays for prompt_toolkit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import click
import questionary
from questionary import Choice

from stackwise.answers import checks
from stackwise.answers.resolve import applies, check_combination, offered, resolve
from stackwise.answers.sources import RawAnswers
from stackwise.answers.vocabulary import (
    BY_KEY,
    CHOICE_HELP,
    SELECTION,
    YES_NO,
    Question,
)
from stackwise.cli import prompts, report
from stackwise.errors import UsageProblem
from stackwise.recommend.engine import Recommendation
from stackwise.recommend.rules import RuleSet

LIST_HINT = "(arrow keys; type to filter; Enter to choose)"
CHECKBOX_HINT = "(arrow keys; space to tick; Enter to accept)"
CREATE, CHANGE, CANCEL = "create", "change", "cancel"


@contextmanager
def _ctrl_d_stops() -> Iterator[None]:
    """Ctrl-D at a prompt_toolkit question ends the run as Ctrl-C does."""
    try:
        yield
    except EOFError:
        raise click.Abort from None


def interview(
    raw: RawAnswers, rules: RuleSet, identity: Mapping[str, str], output_dir: Path
) -> None:
    """Selection, recommendation, framework, name, then the summary until "Create"."""
    with _ctrl_d_stops():
        prompts.interview(raw, rules, identity, output_dir, LISTS)


def _choices(question: Question, values: tuple[str, ...]) -> list[Choice]:
    helps = CHOICE_HELP.get(question.key, {})
    return [Choice(value, value=value, description=helps.get(value)) for value in values]


def ask_selection(raw: RawAnswers) -> None:
    """Each selection question not yet answered: a list (or checkboxes for the needs)."""
    for question in SELECTION:
        if question.key in raw.selection:
            continue
        if question.kind == "multi":
            ticked = questionary.checkbox(
                question.text, _choices(question, question.choices), instruction=CHECKBOX_HINT
            ).unsafe_ask()
            if ticked:
                raw.selection[question.key] = frozenset(ticked)
            continue
        skip = Choice("(skip)", value="", description="No answer: no rule fires for it.")
        answer = _select(question.text, [skip, *_choices(question, question.choices)], "")
        if answer:
            raw.selection[question.key] = answer


def _select(message: str, choices: list[Choice], default: str) -> str:
    picked: str = questionary.select(
        message,
        choices,
        default=next(c for c in choices if c.value == default),
        use_search_filter=True,
        use_jk_keys=False,
        instruction=LIST_HINT,
    ).unsafe_ask()
    return picked


def ask_framework(rec: Recommendation) -> str:
    """The recommendation first and chosen by default; another choice shows the rules' view."""
    winner = rec.winner
    choices = [
        Choice(
            f"{rec.names[fw]} ({rec.scores[fw]}{', recommended' if fw == winner else ''})",
            value=fw,
        )
        for fw in rec.ranking
    ]
    chosen = _select("Framework", choices, winner)
    if chosen != winner:
        click.echo(report.override_note(rec, chosen))
    return chosen


def ask_text(message: str, check: Callable[[str], str], default: str | None) -> str:
    """One line of text, checked on every key stroke; Enter only when the check passes."""

    def validate(value: str) -> bool | str:
        try:
            check(value)
        except UsageProblem as exc:
            return str(exc)
        return True

    answer: str = questionary.text(message, default=default or "", validate=validate).unsafe_ask()
    return check(answer)


def summary(options: Mapping[str, str]) -> list[str]:
    lines = ["Project options:"]
    for key in options:
        if applies(key, options):
            lines.append(f"  {BY_KEY[key].text}: {options[key] or '(empty)'}")
    return lines


def review(raw: RawAnswers, framework: str, identity: Mapping[str, str], output_dir: Path) -> None:
    """The summary and "create / change something / cancel" until the user creates."""
    while True:
        options = resolve(raw, framework, None, identity)
        click.echo("\n".join(summary(options)))
        action = _select(
            "Create the project?",
            [
                Choice("Create it", value=CREATE),
                Choice("Change something", value=CHANGE),
                Choice("Cancel: write nothing", value=CANCEL),
            ],
            CREATE,
        )
        if action == CREATE:
            return
        if action == CANCEL:
            raise click.Abort
        change_one(raw, framework, options, output_dir)


def change_one(
    raw: RawAnswers, framework: str, options: Mapping[str, str], output_dir: Path
) -> None:
    """Pick one option from the list and answer it; back to the summary either way."""
    keys = [k for k in options if applies(k, options)]
    choices = [Choice(f"{BY_KEY[k].text}: {options[k] or '(empty)'}", value=k) for k in keys]
    back = Choice("(back to the summary)", value="")
    key = _select("Change which option?", [back, *choices], "")
    if key:
        raw.options[key] = ask_option(key, raw, framework, options, output_dir)


def ask_option(
    key: str, raw: RawAnswers, framework: str, options: Mapping[str, str], output_dir: Path
) -> str:
    question = BY_KEY[key]
    if question.kind == "text":
        check = _text_check(key, raw, framework, output_dir)
        return ask_text(question.text, check, options[key])
    if question.choices == YES_NO:
        yes = questionary.confirm(question.text, default=options[key] == "yes").unsafe_ask()
        return "yes" if yes else "no"
    while True:
        picked = _select(question.text, _option_choices(question, framework), options[key])
        try:
            check_combination(framework, {**options, key: picked}, raw)
            return picked
        except UsageProblem as exc:
            click.echo(f"Error: {exc}")


def _option_choices(question: Question, framework: str) -> list[Choice]:
    """The choices, those this framework's starter lacks shown but not choosable."""
    allowed = offered(question.key, framework)
    shown = _choices(question, question.choices)
    for choice in shown:
        if choice.value not in allowed:
            choice.disabled = f"not available for {framework}"
    return shown


def _text_check(
    key: str, raw: RawAnswers, framework: str, output_dir: Path
) -> Callable[[str], str]:
    """The option's own check; a new package name must also leave the target free."""
    question = BY_KEY[key]

    def check(value: str) -> str:
        if key == "project_slug":
            value = checks.slug(value, framework)
            prompts.target_free(output_dir / value)
            return value
        value = checks.check(question, value)
        if key == "project_name" and "project_slug" not in raw.options:
            slug = checks.slug(checks.derive_slug(value), framework, derived=True)
            prompts.target_free(output_dir / slug)
        return value

    return check


#: The conversation in lists, checkboxes and a summary.
LISTS = prompts.Flow(
    selection=ask_selection, framework=ask_framework, text=ask_text, options=review
)
