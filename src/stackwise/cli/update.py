"""``stackwise update``, ``check`` and ``diff``: Click commands over ``project.update``.

``update`` exits 0 when the project is up to date or was updated cleanly, 1 when conflicts
are left (each listed, with what to do next), and 2 when it refuses (nothing changed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from stackwise.answers.sources import RawAnswers
    from stackwise.project.update.plan import Step
    from stackwise.project.update.run import Outcome
    from stackwise.template.at_hand import TemplateAtHand

PROJECT_DIR = click.argument(
    "project_dir", default=".", required=False, type=click.Path(file_okay=False)
)
NEXT_STEP = (
    "Resolve each conflict (git status lists them, git mergetool helps), "
    "then git add the files and commit."
)
TRUST = click.option(
    "--trust", is_flag=True, help="A --template project: let its template's hooks run."
)
BINARY_STEP = (
    "Each PATH.stackwise-new is the template's version: take what you want, then delete it."
)


def sets_option(func: Any) -> Any:
    from stackwise.cli.options import complete_set

    return click.option(
        "--set",
        "sets",
        multiple=True,
        metavar="KEY=VALUE",
        help="Change a project option. Repeatable.",
        shell_complete=lambda _ctx, _param, incomplete: complete_set(incomplete),
    )(func)


@click.command()
@PROJECT_DIR
@sets_option
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False),
    help="A YAML or JSON file of answers to change.",
)
@click.option("--no-input", is_flag=True, help="Ask nothing; new options take their defaults.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--base-ref",
    metavar="GITREF",
    help="Take the base from this commit of the project (its unchanged generation).",
)
@click.option(
    "--checkout",
    metavar="REF",
    help="A --template project: update to this branch, tag or commit of its template.",
)
@TRUST
def update(
    project_dir: str,
    sets: tuple[str, ...],
    answers_file: str | None,
    no_input: bool,
    dry_run: bool,
    as_json: bool,
    base_ref: str | None,
    checkout: str | None,
    trust: bool,
) -> None:
    """Bring the project to the template at hand and to changed answers, three-way."""
    from pathlib import Path

    from stackwise.cli.options import is_interactive, print_json
    from stackwise.project.update.run import update as run
    from stackwise.project.update.sides import Request

    ask = TerminalAsker() if is_interactive(no_input, as_json) else None
    request = Request(answers_file, sets, ask, checkout, trust)
    outcome = run(Path(project_dir), request, base_ref=base_ref, dry_run=dry_run)
    if as_json:
        print_json(outcome_dict(outcome))
    else:
        click.echo(outcome_text(outcome))
    raise click.exceptions.Exit(outcome.exit_code)


@click.command()
@PROJECT_DIR
@sets_option
@TRUST
def check(project_dir: str, sets: tuple[str, ...], trust: bool) -> None:
    """Exit 1 when an update would change the project (a newer template, other answers)."""
    from pathlib import Path

    from stackwise.project.update.run import plan_update
    from stackwise.project.update.sides import Request

    outcome = plan_update(Path(project_dir), Request(sets=sets, trust=trust))
    if not outcome.changes:
        click.echo(f"{outcome.project}: up to date.")
        return
    click.echo(f"{outcome.project}: behind; stackwise update would change:")
    click.echo("\n".join(_answer_lines(outcome) + _file_lines(outcome.steps)))
    raise click.exceptions.Exit(1)


@click.command()
@PROJECT_DIR
@click.option("--base-ref", metavar="GITREF", help="Compare with this commit instead.")
@TRUST
def diff(project_dir: str, base_ref: str | None, trust: bool) -> None:
    """The project's own changes against a pristine render of its record."""
    from pathlib import Path

    from stackwise.project.update.diff import project_diff

    text = project_diff(Path(project_dir), base_ref, trust=trust)
    if text:
        click.echo(text, nl=False)


class TerminalAsker:
    """At a terminal, only the options that are new in the template are asked."""

    def new_options(self, raw: RawAnswers, keys: tuple[str, ...]) -> None:
        from stackwise.answers.resolve import applies, resolve
        from stackwise.cli.prompts import ask_option

        framework = str(raw.options["framework"])
        click.echo("The template has new options:")
        for key in keys:
            options = resolve(raw, framework, None, {})
            if applies(key, options):
                raw.options[key] = ask_option(key, raw, framework, options)

    def template(self, template: TemplateAtHand, answers: dict[str, Any]) -> None:
        from stackwise.cli.prompts import ask_template

        if any(key not in answers for key in template.keys):
            click.echo("The template has new questions:")
            ask_template(template, answers)


def _label(step: Step) -> str:
    extra = {
        "binary-conflict": f" (the template's: {step.beside})",
        "moved": f" (now {step.beside})",
        "renamed": f" (from {step.beside})",
    }
    return f"  {step.case:<17}{step.path}{extra.get(step.case, '')}"


def _reported(steps: tuple[Step, ...]) -> list[Step]:
    return [s for s in steps if s.changes or s.case == "deleted"]


def _file_lines(steps: tuple[Step, ...]) -> list[str]:
    return [_label(step) for step in _reported(steps)]


def _answer_lines(outcome: Outcome) -> list[str]:
    return [f"  answer {k}: {_shown(a)} -> {_shown(b)}" for k, (a, b) in outcome.changed.items()]


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    return " ".join(value) if isinstance(value, list) else str(value) or "(empty)"


def outcome_text(outcome: Outcome) -> str:
    lines = ["Dry run: nothing was written."] if outcome.dry_run else []
    if not outcome.changes:
        return "\n".join([*lines, f"{outcome.project}: up to date; nothing to change."])
    count, conflicts = len(outcome.changes), len(outcome.conflicts)
    verb = "Would update" if outcome.dry_run else "Updated"
    tail = f", {conflicts} with conflicts" if conflicts else ""
    noun = "file" if count == 1 else "files"
    lines.append(f"{verb} {outcome.project}: {count} {noun}{tail}.")
    lines += _answer_lines(outcome) + _file_lines(outcome.steps)
    if conflicts:
        lines.append(NEXT_STEP)
        if any(s.case == "binary-conflict" for s in outcome.conflicts):
            lines.append(BINARY_STEP)
    return "\n".join(lines)


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """The object ``update --json`` prints; its schema is in docs/json-output.md."""
    from stackwise import __version__

    status = "conflicts" if outcome.conflicts else "updated" if outcome.changes else "up-to-date"
    recorded = outcome.recorded
    return {
        "stackwise_version": __version__,
        "project_dir": str(outcome.project),
        "dry_run": outcome.dry_run,
        "status": status,
        "record": {
            "schema": recorded.schema,
            "version": recorded.version,
            "source": recorded.source,
            "hash": recorded.hash,
            "ref": recorded.ref,
            "commit": recorded.commit,
            "directory": recorded.directory,
        },
        "answers": dict(outcome.answers),
        "changed_answers": {k: {"from": a, "to": b} for k, (a, b) in outcome.changed.items()},
        "new_options": list(outcome.new_keys),
        "files": [
            {"path": s.path, "case": s.case, "conflict": s.conflict, "beside": s.beside}
            for s in _reported(outcome.steps)
        ],
        "conflicts": [s.path for s in outcome.conflicts],
    }
