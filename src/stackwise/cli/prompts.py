"""Questions at a terminal: each answer checked as it is typed and asked again when wrong.

Only questions not already answered by a flag, ``--set`` or the answers file are asked, and
only those that apply: no admin or auth question once ``database=none``, no ``none``
database for Django. Every answer goes into the same ``RawAnswers`` a flag would fill, so
the plan, its checks and the equivalent command treat typed answers like flags.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from stackwise.answers import checks
from stackwise.answers.resolve import applies, check_combination, chosen_framework, offered, resolve
from stackwise.answers.sources import RawAnswers
from stackwise.answers.vocabulary import (
    BY_KEY,
    FRAMEWORKS,
    SELECTION,
    YES_NO,
    Question,
    template_keys,
)
from stackwise.cli import report
from stackwise.errors import TargetExistsError, UsageProblem, shown
from stackwise.project.create import check_target
from stackwise.recommend.engine import Recommendation, recommend
from stackwise.recommend.rules import RuleSet

if TYPE_CHECKING:
    from stackwise.template.at_hand import TemplateAtHand

_YES_NO_WORDS = {"y": "yes", "yes": "yes", "n": "no", "no": "no"}

#: Asks for one line of text until ``check`` accepts it: (prompt, check, default) -> value.
Ask = Callable[[str, Callable[[str], str], "str | None"], str]


class Flow(NamedTuple):
    """How each part of the conversation is asked: plain lines here, lists in ``tui``."""

    selection: Callable[[RawAnswers], None]
    framework: Callable[[Recommendation], str]
    text: Ask
    options: Callable[[RawAnswers, str, Mapping[str, str], Path], None]


def interview(
    raw: RawAnswers,
    rules: RuleSet,
    identity: Mapping[str, str],
    output_dir: Path,
    flow: Flow | None = None,
) -> None:
    """The whole conversation: selection, recommendation, framework, name, options."""
    flow = flow or PLAIN
    flow.selection(raw)
    rec = recommend(raw.to_selection(), rules)
    click.echo("")
    click.echo(report.recommendation_text(rec))
    click.echo("")
    if "framework" not in raw.options:
        raw.options["framework"] = flow.framework(rec)
    framework = chosen_framework(raw, rec)
    ask_name(raw, framework, output_dir, flow.text)
    flow.options(raw, framework, identity, output_dir)


def ask_name(raw: RawAnswers, framework: str, output_dir: Path, ask: Ask | None = None) -> None:
    """The project name, and the package name where needed, until the target is free.

    The project directory is known as soon as the package name is, so a name whose directory
    exists and is not empty is refused as it is typed, like any other wrong answer; a name or
    package name given by a flag is found then too, and asked again.
    """
    ask = ask or _ask
    name_text, slug_text = BY_KEY["project_name"].text, BY_KEY["project_slug"].text

    def free_name(value: str) -> str:
        value = checks.project_name(value)
        if "project_slug" not in raw.options:
            slug = usable_slug(value, framework)
            if slug is not None:
                target_free(output_dir / slug)
        return value

    def free_slug(value: str) -> str:
        value = checks.slug(value, framework)
        target_free(output_dir / value)
        return value

    while True:
        if "project_name" not in raw.options:
            raw.options["project_name"] = ask(name_text, free_name, None)
        if "project_slug" not in raw.options:
            try:
                checks.slug(checks.derive_slug(raw.options["project_name"]), framework)
            except UsageProblem as exc:
                click.echo(f"The project name gives no usable package name: {exc}")
                raw.options["project_slug"] = ask(slug_text, free_slug, None)
        slug = raw.options.get("project_slug") or checks.derive_slug(raw.options["project_name"])
        try:
            target_free(output_dir / slug)
            return
        except UsageProblem as exc:
            click.echo(f"Error: {exc}")
        if "project_slug" in raw.options:
            raw.options["project_slug"] = ask(slug_text, free_slug, None)
        else:
            del raw.options["project_name"]


def usable_slug(name: str, framework: str) -> str | None:
    """The package name the project name gives, or ``None`` when it gives no usable one."""
    try:
        return checks.slug(checks.derive_slug(name), framework)
    except UsageProblem:
        return None


def target_free(target: Path) -> None:
    """Refuse, as a wrong answer, a name whose project directory exists and is not empty."""
    try:
        check_target(target)
    except TargetExistsError:
        raise UsageProblem(f"{target} already exists; choose another name") from None


def _checked(check: Callable[[str], str]) -> Callable[[str], str]:
    """Turn a check's ``UsageProblem`` into the error Click shows before asking again."""

    def proc(value: str) -> str:
        try:
            return check(value)
        except UsageProblem as exc:
            raise click.BadParameter(str(exc)) from None

    return proc


def _ask(text: str, check: Callable[[str], str], default: str | None = None) -> str:
    shown = default not in (None, "")
    return str(click.prompt(text, default=default, show_default=shown, value_proc=_checked(check)))


def _pick(key: str, value: str, choices: tuple[str, ...]) -> str:
    """A choice typed in any case; ``y``/``n`` for yes/no; Enter skips a selection answer."""
    typed = value.strip()
    if BY_KEY[key].choices == YES_NO:
        typed = _YES_NO_WORDS.get(typed.lower(), typed)
    by_lower = {c.lower(): c for c in choices}
    return checks.choice(key, by_lower.get(typed.lower(), typed)) if typed else ""


def _picker(key: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    return lambda value: _pick(key, value, choices)


def _needs(value: str) -> str:
    items = value.replace(",", " ").split()
    return " ".join(_pick("needs", item, BY_KEY["needs"].choices) for item in items)


def ask_selection(raw: RawAnswers) -> None:
    """Ask the selection questions not yet answered; Enter skips one."""
    for question in SELECTION:
        if question.key in raw.selection:
            continue
        choices = ", ".join(question.choices)
        if question.kind == "multi":
            text = f"{question.text} Any of: {choices} (separate with spaces; Enter for none)"
            answer = _ask(text, _needs, "")
            if answer:
                raw.selection["needs"] = frozenset(answer.split())
        else:
            text = f"{question.text} ({choices}; Enter to skip)"
            answer = _ask(text, _picker(question.key, question.choices), "")
            if answer:
                raw.selection[question.key] = answer


def ask_framework(rec: Recommendation) -> str:
    """Accept the recommendation or name another; overriding shows what the rules preferred."""
    winner = rec.winner
    if confirm(f"Use {rec.names[winner]}?", default=True):
        return winner
    others = tuple(fw for fw in FRAMEWORKS if fw != winner)
    chosen = _ask(f"Framework instead ({', '.join(others)})", lambda v: _pick_from(v, others))
    click.echo(report.override_note(rec, chosen))
    return chosen


def confirm(text: str, *, default: bool) -> bool:
    """A yes/no question that says what it takes when the answer is neither."""

    def check(value: str) -> str:
        typed = value.strip().lower()
        if not typed:
            return "yes" if default else "no"
        if typed not in _YES_NO_WORDS:
            raise UsageProblem(f"{shown(value)} is not an answer: answer y or n")
        return _YES_NO_WORDS[typed]

    hint = "[Y/n]" if default else "[y/N]"
    return _ask(f"{text} {hint}", check, "") == "yes"


def _pick_from(value: str, allowed: tuple[str, ...]) -> str:
    typed = value.strip().lower()
    if typed not in allowed:
        raise UsageProblem(
            f"invalid value for framework: {shown(value)} (allowed: {', '.join(allowed)})"
        )
    return typed


def ask_options(raw: RawAnswers, framework: str, identity: Mapping[str, str]) -> None:
    """Show the project options' defaults; change them one by one only if asked to."""
    open_keys = [k for k in template_keys(framework) if k not in raw.options]
    if not open_keys:
        return
    options = resolve(raw, framework, None, identity)
    click.echo("Project options:")
    for key in open_keys:
        if applies(key, options):
            click.echo(f"  {BY_KEY[key].text}: {options[key] or '(empty)'}")
    if not confirm("Change any of these?", default=False):
        return
    for key in open_keys:
        options = resolve(raw, framework, None, identity)
        if applies(key, options):
            raw.options[key] = ask_option(key, raw, framework, options)


def ask_option(key: str, raw: RawAnswers, framework: str, options: Mapping[str, str]) -> str:
    """One project option, checked with the others; ``update`` asks its new options so."""
    question = BY_KEY[key]
    if question.kind == "text":
        if key == "project_slug":
            return _ask(question.text, partial(checks.slug, framework=framework), options[key])
        return _ask(question.text, lambda v: checks.check(question, v), options[key])
    choices = offered(key, framework)

    def check(value: str) -> str:
        picked = _pick(key, value, choices)
        if not picked:
            raise UsageProblem(
                f"invalid value for {key}: it is empty (allowed: {', '.join(choices)})"
            )
        check_combination(framework, {**options, key: picked}, raw)
        return picked

    return _ask(f"{question.text} ({', '.join(choices)})", check, options[key])


#: The plain prompts: a line each, checked by Click as it is typed.
PLAIN = Flow(
    selection=ask_selection,
    framework=ask_framework,
    text=_ask,
    options=lambda raw, framework, identity, _output_dir: ask_options(raw, framework, identity),
)


def ask_template(template: TemplateAtHand, answers: dict[str, Any]) -> None:
    """A ``--template``'s questions not yet answered, one line each, in the template's order;
    each default as the template renders it from the answers so far, each answer checked
    as it is typed."""
    from stackwise.answers import template_answers
    from stackwise.render.cookiecutter import plain_defaults

    for question in template.questions:
        if question.key in answers:
            continue
        value = plain_defaults(template.path, answers).get(question.key)
        default = _shown_default(value)
        text = question.text
        if question.choices:
            text = f"{text} ({', '.join(question.choices)})"

        def check(typed: str, question: Question = question, default: str = default) -> str:
            answer = template_answers.check(question, typed if typed.strip() else default)
            return json.dumps(answer) if isinstance(answer, dict) else answer

        typed = _ask(text, check, default)
        answers[question.key] = template_answers.check(question, typed)


def _shown_default(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)
