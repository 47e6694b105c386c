"""The options and checks several commands share, built from the answer vocabulary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from stackwise.answers.vocabulary import SELECTION
from stackwise.cli.group import OneLineUsageError

F = TypeVar("F", bound=Callable[..., Any])


def selection_options(func: F) -> F:
    """The selection flags of design section 4, built from the answer vocabulary."""
    for question in reversed(SELECTION):
        choice = click.Choice(question.choices)
        name = question.cli_flag
        if question.kind == "multi":
            func = click.option(
                name, question.key, type=choice, multiple=True, help=f"{question.help} Repeatable."
            )(func)
        else:
            func = click.option(name, question.key, type=choice, help=question.help)(func)
    return func


def answers_option(func: F) -> F:
    return click.option(
        "--answers",
        "answers_file",
        type=click.Path(dir_okay=False),
        help="A YAML or JSON file of answers (the keys of 'stackwise questions').",
    )(func)


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_file",
        type=click.Path(dir_okay=False),
        help="Recommend by this rules file (an organisation's policy) instead of stackwise's.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")(func)


def print_json(data: dict[str, Any]) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def complete_set(incomplete: str) -> list[Any]:
    """``--set`` completes a key as ``key=``, then that key's choices as ``key=choice``."""
    from click.shell_completion import CompletionItem

    from stackwise.answers.vocabulary import BY_KEY, PROJECT_KEYS

    key, sep, value = incomplete.partition("=")
    if not sep:
        return [CompletionItem(f"{k}=") for k in PROJECT_KEYS if k.startswith(key)]
    choices = BY_KEY[key].choices if key in PROJECT_KEYS else ()
    return [CompletionItem(f"{key}={c}") for c in choices if c.startswith(value)]


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def tui_available(plain: bool) -> bool:
    """Whether the arrow-key lists can run here; checked before importing them."""
    import os

    if plain or os.environ.get("STACKWISE_PLAIN", "") not in ("", "0"):
        return False
    if os.environ.get("TERM", "dumb") in ("", "dumb"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def is_interactive(no_input: bool, as_json: bool) -> bool:
    """Ask questions only of a person: never with --no-input or --json, or without a terminal."""
    return not no_input and not as_json and stdin_is_terminal()


def template_options(func: F) -> F:
    """``--template SOURCE [--checkout REF] [--directory DIR]``, as cookiecutter spells them."""
    options = [
        click.option(
            "--template",
            "template_source",
            metavar="SOURCE",
            help="Any cookiecutter template: a directory, a git URL, gh:/gl:/bb:owner/name, "
            "or an alias from the config file.",
        ),
        click.option("--checkout", metavar="REF", help="A branch, tag or commit of a git SOURCE."),
        click.option("--directory", metavar="DIR", help="The template's directory in SOURCE."),
        click.option("--trust", is_flag=True, help="Run the hooks of a --template SOURCE."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def wanted_template(
    template_source: str | None, checkout: str | None, directory: str | None, trust: bool
) -> Any:
    """What ``--template`` and its companions name, or ``None`` for the built-ins."""
    if template_source is None:
        given = [f for f, v in (("--checkout", checkout), ("--directory", directory)) if v]
        if given:
            raise OneLineUsageError(f"{given[0]} goes with --template SOURCE")
        return None
    from stackwise.cli.from_template import Wanted

    return Wanted(template_source, checkout, directory, trust)
