"""The ``stackwise`` command: parse, prompt, call the library, print.

Library errors become Click exceptions in one place (``cli/group.py``). Each command imports
what it needs when it runs, so ``--help`` and ``--version`` start as fast as Click does.
"""

from __future__ import annotations

from typing import Any

import click

from stackwise import __version__
from stackwise.answers.vocabulary import DEFAULT_PROJECT_NAME, FRAMEWORKS
from stackwise.cli.group import OneLineUsageError, StackwiseGroup
from stackwise.cli.interrupts import Terminated
from stackwise.cli.options import (
    answers_option,
    complete_set,
    is_interactive,
    json_option,
    print_json,
    rules_option,
    selection_options,
    template_options,
    tui_available,
    wanted_template,
)


@click.group(cls=StackwiseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="stackwise", message="%(prog)s %(version)s"
)
def main() -> None:
    """Recommend Flask, FastAPI or Django for your project, say why, and generate a starter."""


@main.command()
@selection_options
@answers_option
@rules_option
@json_option
def recommend(
    answers_file: str | None, rules_file: str | None, as_json: bool, **flags: Any
) -> None:
    """Recommend a framework from what you are building, with every reason."""
    from stackwise import api
    from stackwise.answers import sources
    from stackwise.cli import report
    from stackwise.config import load_config

    rules = api.load_rules(rules_file or load_config().rules_file)
    rec = api.recommend(sources.collect(answers_file, (), flags), rules)
    if as_json:
        print_json(rec.to_dict())
    else:
        click.echo(report.recommendation_text(rec))


@main.command()
@template_options
@json_option
def questions(
    as_json: bool,
    template_source: str | None,
    checkout: str | None,
    directory: str | None,
    trust: bool,
) -> None:
    """List every question, its choices, default and help."""
    from stackwise import api
    from stackwise.cli import report

    wanted = wanted_template(template_source, checkout, directory, trust)
    if wanted is not None:
        from stackwise.cli import from_template

        from_template.questions(wanted, as_json)
    elif as_json:
        print_json({"questions": api.questions()})
    else:
        click.echo(report.questions_text())


@main.command()
@selection_options
@click.option(
    "--framework", type=click.Choice(("auto", *FRAMEWORKS)), help="Override the recommendation."
)
@click.option("--name", "project_name", help="The project name (any text, one line).")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a project option. Repeatable.",
    shell_complete=lambda _ctx, _param, incomplete: complete_set(incomplete),
)
@answers_option
@template_options
@rules_option
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Where the project directory is created.",
)
@click.option("--no-input", is_flag=True, help="Ask nothing; missing answers take their defaults.")
@click.option(
    "--plain",
    is_flag=True,
    help="Ask line by line, without arrow-key lists (also STACKWISE_PLAIN=1 or TERM=dumb).",
)
@click.option(
    "--dry-run", is_flag=True, help="Show the decision, answers and files; write nothing."
)
@click.option("--lock", is_flag=True, help="Run uv lock: the project is born with uv.lock.")
@click.option(
    "--installer",
    type=click.Choice(("uv", "pip")),
    help="Whose commands the next steps give [default: uv when it is on PATH, else pip].",
)
@json_option
def new(
    answers_file: str | None,
    rules_file: str | None,
    sets: tuple[str, ...],
    output_dir: str,
    no_input: bool,
    plain: bool,
    dry_run: bool,
    lock: bool,
    installer: str | None,
    as_json: bool,
    template_source: str | None,
    checkout: str | None,
    directory: str | None,
    trust: bool,
    **flags: Any,
) -> None:
    """Answer a few questions, get a recommendation, and generate the starter."""
    wanted = wanted_template(template_source, checkout, directory, trust)
    if wanted is not None:  # before the imports below, which a --template does not need
        from stackwise.cli import from_template

        if rules_file is not None:
            raise OneLineUsageError("--rules goes with the built-in templates, not --template")
        project_name = flags.pop("project_name")
        from_template.refuse_selection(flags)
        from_template.new(
            wanted,
            answers_file=answers_file,
            sets=sets,
            name=project_name,
            output_dir=output_dir,
            interactive=is_interactive(no_input, as_json),
            dry_run=dry_run,
            lock=lock,
            as_json=as_json,
        )
        return
    if trust:
        raise OneLineUsageError("--trust goes with --template SOURCE")
    from pathlib import Path  # here, not at the top: it costs start-up time

    from stackwise import api
    from stackwise.answers import sources
    from stackwise.answers.identity import git_identity
    from stackwise.cli import prompts, report
    from stackwise.config import load_config

    raw = sources.collect(answers_file, sets, flags)
    config = load_config()
    rules = api.load_rules(rules_file or config.rules_file)
    identity = {**git_identity(), **sources.config_defaults(config.defaults, str(config.path))}
    interactive = is_interactive(no_input, as_json)
    asked_framework = interactive and "framework" not in raw.options
    if interactive:
        if tui_available(plain):
            from stackwise.cli import tui

            tui.interview(raw, rules, identity, Path(output_dir))
        else:
            prompts.interview(raw, rules, identity, Path(output_dir))
        click.echo("")
    name_default = DEFAULT_PROJECT_NAME if no_input else None
    plan = api.resolve(raw, name_default=name_default, identity=identity, rules=rules)
    installer = installer or api.installer_on_path()
    make = api.preview if dry_run else api.create
    result = make(plan, Path(output_dir), installer=installer, lock=lock)
    if plan.overridden and not asked_framework:
        click.echo(report.override_note(plan.recommendation, plan.framework), err=True)
    command = plan.command(output_dir, lock=lock)
    if as_json:
        print_json(report.result_dict(plan, result, command, dry_run=dry_run))
    elif dry_run:
        click.echo(report.dry_run_text(plan, result, command))
    else:
        click.echo(report.result_text(plan, result, command))


@main.group()
def template() -> None:
    """Work on templates: check one before handing it out."""


@template.command("check", short_help="List what a template's renders get wrong.")
@click.argument("source")
@click.option(
    "--run-tests", is_flag=True, help="Also install the default project and run its own tests."
)
@click.option("--trust", is_flag=True, help="Run the template's hooks (it is not built in).")
@json_option
def check_template(source: str, run_tests: bool, trust: bool, as_json: bool) -> None:
    """Render SOURCE (a built-in's name or a template directory) over a pairwise set of its
    options, twice each, and list every problem: output that differs between renders,
    leftover template syntax, files that do not parse. Exit 1 if any."""
    from stackwise import api

    report = api.check_template(source, run_tests=run_tests, trust=trust)
    if as_json:
        print_json(report.to_dict())
    else:
        for problem in report.problems:
            click.echo(problem.line())
        click.echo(report.summary())
    if report.problems:
        raise click.exceptions.Exit(1)


#: What ``serve`` says when the web stack is not installed.
SERVE_EXTRA_MISSING = 'stackwise serve needs the serve extra: pip install "stackwise[serve]"'


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port."
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in a web browser.")
@click.option(
    "--allowed-host",
    "allowed",
    multiple=True,
    metavar="HOST",
    help="Also answer requests whose Host header is HOST (a proxy's name). Repeatable.",
)
@template_options
def serve(
    host: str,
    port: int,
    open_page: bool,
    allowed: tuple[str, ...],
    template_source: str | None,
    checkout: str | None,
    directory: str | None,
    trust: bool,
) -> None:
    """Serve the web page and HTTP API (needs the serve extra)."""
    try:
        from stackwise.web import server
    except ImportError:
        raise click.ClickException(SERVE_EXTRA_MISSING) from None
    wanted = wanted_template(template_source, checkout, directory, trust)
    if wanted is None and trust:
        raise OneLineUsageError("--trust goes with --template SOURCE")
    served = None
    if wanted is not None:
        from stackwise.cli.from_template import served_template

        served = served_template(wanted)
    try:
        server.run(host, port, allowed, open_page, served)
    except (KeyboardInterrupt, Terminated):  # uvicorn shuts down, then passes the signal on
        click.echo("Stopped serving.", err=True)


def _register_update() -> None:
    from stackwise.cli.update import check, diff, update

    for command in (update, check, diff):
        main.add_command(command)


_register_update()
