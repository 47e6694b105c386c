"""``new`` and ``questions`` with ``--template SOURCE``: any cookiecutter template.

There is no recommendation to make (the template is chosen), so the selection flags and
``--framework`` are refused; the rest works as with the built-ins: answers from
``--name``, ``--set``, an answers file and the config's defaults, each checked before
anything runs, questions at a terminal, ``--dry-run`` and ``--json``.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import click

from stackwise import __version__
from stackwise.errors import UsageProblem


class Wanted(NamedTuple):
    """``--template SOURCE [--checkout REF] [--directory DIR] [--trust]`` as given."""

    source: str
    checkout: str | None
    directory: str | None
    trust: bool = False


def open_wanted(wanted: Wanted) -> tuple[Any, bool, Any]:
    """The template at hand, whether its hooks may run, and the user's config."""
    from stackwise import api
    from stackwise.config import load_config
    from stackwise.template.sources import expand

    config = load_config()
    alias = config.alias(wanted.source, wanted.checkout, wanted.directory)
    template = api.open_template(alias.source, alias.checkout, alias.directory)
    trusted = wanted.trust or config.trusts(wanted.source, alias.source, expand(alias.source))
    return template, trusted, config


def questions(wanted: Wanted, as_json: bool) -> None:
    from stackwise import api

    template = open_wanted(wanted)[0]
    if as_json:
        data = {"questions": api.questions(template)}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    lines = [f"Questions of {wanted.source}:"]
    for q in template.questions:
        kind = "a JSON object" if q.kind == "dict" else "text"
        choices = ", ".join(q.choices) if q.choices else kind
        default = q.default if q.default not in (None, "") else "none"
        lines += [f"  {q.key} ({q.cli_flag})", f"    {q.text} [{choices}] default: {default}"]
    click.echo("\n".join(lines))


def refuse_selection(flags: Mapping[str, Any]) -> None:
    given = sorted(key for key, value in flags.items() if value not in (None, ()))
    if given:
        flag = "--need" if given[0] == "needs" else f"--{given[0]}"
        raise UsageProblem(f"{flag} chooses among the built-in templates; not with --template")


def new(
    wanted: Wanted,
    *,
    answers_file: str | None,
    sets: tuple[str, ...],
    name: str | None,
    output_dir: str,
    interactive: bool,
    dry_run: bool,
    lock: bool,
    as_json: bool,
) -> None:
    from stackwise import api
    from stackwise.project.from_template import refuse_untrusted

    template, trusted, config = open_wanted(wanted)
    refuse_untrusted(template, trusted)
    answers = api.template_answers(
        template,
        file=answers_file,
        sets=sets,
        name=name,
        defaults=config.defaults,
        defaults_origin=f"{config.path}: defaults",
    )
    if interactive:
        from stackwise.cli.prompts import ask_template

        ask_template(template, answers)
        click.echo("")
    result, values = api.create_from_template(
        template, answers, Path(output_dir), trusted=trusted, dry_run=dry_run, lock=lock
    )
    shown = wanted._replace(trust=trusted and bool(template.hooks))
    command = _command(shown, answers, output_dir, lock=lock)
    if as_json:
        data = {
            "stackwise_version": __version__,
            "dry_run": dry_run,
            "template": template.origin._asdict(),
            "project_dir": str(result.project_dir),
            "files": list(result.files),
            "answers": values,
            "command": command,
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    verb = "Would write" if dry_run else "Created"
    lines = [f"{verb} {len(result.files)} files in {result.project_dir} from {wanted.source}"]
    lines += [f"  {path}" for path in result.files] if dry_run else []
    lines += ["", "The same project without questions:", f"  {command}"]
    click.echo("\n".join(lines))


def _command(
    wanted: Wanted, answers: Mapping[str, Any], output_dir: str, *, lock: bool = False
) -> str:
    words = ["stackwise", "new", "--no-input", "--template", wanted.source]
    words += ["--checkout", wanted.checkout] if wanted.checkout else []
    words += ["--directory", wanted.directory] if wanted.directory else []
    words += ["--trust"] if wanted.trust else []
    for key, value in answers.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        words += ["--set", f"{key}={shown}"]
    words += ["--lock"] if lock else []
    return shlex.join([*words, "-o", output_dir])


def served_template(wanted: Wanted) -> Any:
    """What ``serve --template`` serves: the template opened once, its hooks' trust decided
    before the server starts (an untrusted template with hooks is refused, as by ``new``)."""
    from stackwise.project.from_template import refuse_untrusted
    from stackwise.web.served import OneTemplate

    template, trusted, _config = open_wanted(wanted)
    refuse_untrusted(template, trusted)
    shown = wanted._replace(trust=trusted and bool(template.hooks))
    return OneTemplate(template, trusted, lambda answers: _command(shown, answers, "."))
