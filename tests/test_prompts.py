"""The questions at a terminal, typed through Click's runner (the tmux test types for real).

Standard input counts as a terminal here; everything else is real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from stackwise.cli.commands import main
from stackwise.cli.group import EXIT_INTERRUPTED, INTERRUPTED
from support.cli import command_args, tree

SKIP_SELECTION = ["", "", "", "", ""]


@pytest.fixture(autouse=True)
def _at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("stackwise.cli.options.stdin_is_terminal", lambda: True)


def type_in(runner: CliRunner, tmp_path: Path, typed: list[str], *args: str) -> Result:
    return runner.invoke(main, ["new", *args, "-o", str(tmp_path)], input="\n".join(typed) + "\n")


def last_command(result: Result) -> str:
    lines = result.stdout.splitlines()
    return lines[lines.index("The same project without questions:") + 1].strip()


def test_a_whole_conversation_with_mistakes_corrected_and_an_override(
    runner: CliRunner, tmp_path: Path
) -> None:
    typed = [
        "game",  # not a kind of project: asked again
        "web-app",
        "admin blockchain",  # one need is unknown: asked again
        "admin, html",
        "huge",
        "large",
        "",
        "",
        "n",  # not Django
        "rails",
        "Flask",
        "Flask",  # a fine title, but its package name would shadow flask
        "flask",
        "shop",
        "y",  # change the options
        "Sells {{ things }}",
        "Zoë",
        "zoe at example",
        "zoe@example.com",
        "1.0 beta",
        "1.0b1",
        "gpl",
        "GPL-3.0-or-later",
        "",
        "none",  # auth (from the scenario) needs a database: asked again
        "postgresql",
        "",  # auth: yes, from the scenario
        "",  # admin: yes, from the needs
        "",
        "",  # html: yes, from the needs
        "",
        "",  # tasks, email, sentry: their defaults
        "",
        "",
        "n",
        "gitlab",
    ]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    for line in [
        "Error: invalid value for building: 'game' (allowed: small-api, async-api, web-app, "
        "realtime, learning, prototype)",
        "Error: invalid value for needs: 'blockchain' (allowed: database, admin, auth, html, "
        "api-docs, validation, async, websockets, typing)",
        "Error: invalid value for size: 'huge' (allowed: small, medium, large)",
        "Recommended: Django",
        "Use Django? [Y/n]: n",
        "Error: invalid value for framework: 'rails' (allowed: flask, fastapi)",
        "Note: the rules preferred Django (13 to 1): A full-featured web application with user "
        "auth and admin is the scenario the seed recommends Django for.",
        "The project name gives no usable package name: invalid value for project_slug: "
        "'flask' would shadow a package the starter imports; choose another name",
        "Error: invalid value for project_slug: 'flask' would shadow a package the starter "
        "imports; choose another name",
        "Error: invalid value for author_email: 'zoe at example' (an address like "
        "name@example.com)",
        "Error: invalid value for version: '1.0 beta' (a PEP 440 version such as 0.1.0)",
        "Error: invalid value for license: 'gpl' (allowed: MIT, BSD-3-Clause, Apache-2.0, "
        "GPL-3.0-or-later, Proprietary)",
        "Error: auth=yes (from building: web-app) needs a database, but database=none: set "
        "database=sqlite or postgresql, or auth=no",
        "User accounts and login (yes, no) [yes]: ",
        "Admin interface (yes, no) [yes]: ",
        "HTML pages (yes, no) [yes]: ",
    ]:
        assert line in out, line
    files = tree(tmp_path / "shop")
    assert f"Created Flask project 'Flask': {len(files)} files in {tmp_path / 'shop'}" in out
    assert "Next steps:" in out
    assert "  pytest" in out
    record = json.loads(files[".stackwise.json"])
    assert {k: record[k] for k in ("building", "needs", "size", "framework")} == {
        "building": "web-app",
        "needs": ["admin", "html"],
        "size": "large",
        "framework": "flask",
    }
    assert record["description"] == "Sells {{ things }}"
    assert (record["license"], record["database"], record["docker"], record["ci"]) == (
        "GPL-3.0-or-later",
        "postgresql",
        "no",
        "gitlab",
    )
    assert result.stderr == ""  # the note was shown in the conversation, not again


def test_the_command_printed_at_the_end_makes_the_same_project(
    runner: CliRunner, tmp_path: Path
) -> None:
    typed = ["async-api", "api-docs websockets", "", "", "", "", "Ticket Desk", "y"]
    typed += ["", "Tickets & {% raw %}", "", "", "2.0", "", "3.12", "none"]
    typed += ["", "", "", "", "", "", "", ""]  # the options' defaults
    result = type_in(runner, tmp_path / "one", typed)
    assert result.exit_code == 0, result.output

    again = runner.invoke(main, command_args(last_command(result), tmp_path / "two"))

    assert again.exit_code == 0, again.stderr
    assert tree(tmp_path / "one" / "ticket_desk") == tree(tmp_path / "two" / "ticket_desk")


def test_enter_at_the_options_keeps_every_default_and_asks_nothing_more(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = type_in(runner, tmp_path, [*SKIP_SELECTION, "", "Quick One", ""])

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    summary = out[out.index("Project options:") + 1 : out.index("Project options:") + 19]
    assert summary == [
        "  Package name: quick_one",
        "  One-line description: (empty)",
        "  Author name: (empty)",
        "  Author e-mail: (empty)",
        "  Version: 0.1.0",
        "  License: MIT",
        "  Python version: 3.11",
        "  Database: sqlite",
        "  User accounts and login: no",
        "  Admin interface: no",
        "  OpenAPI documentation: no",
        "  HTML pages: no",
        "  WebSockets: no",
        "  Background tasks: none",
        "  Outgoing e-mail: no",
        "  Error reporting with Sentry: no",
        "  Docker: yes",
        "  Continuous integration: github",
    ]
    assert "Change any of these? [y/N]: " in out
    assert (
        last_command(result)
        == f"stackwise new --no-input --framework flask --name 'Quick One' -o {tmp_path}"
    )


def test_without_a_database_no_auth_or_admin_question(runner: CliRunner, tmp_path: Path) -> None:
    typed = [*SKIP_SELECTION, "", "No Db", "y", "", "", "", "", "", "", "", "none"]
    typed += ["", "", "", "", "", "", "", ""]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    assert "User accounts and login" not in result.stdout.split("Change any")[1]
    assert "Admin interface" not in result.stdout.split("Change any")[1]
    record = json.loads((tmp_path / "no_db" / ".stackwise.json").read_text("utf-8"))
    assert (record["database"], record["auth"], record["admin"]) == ("none", "no", "no")


def test_django_offers_no_none_database_and_refuses_it_typed(
    runner: CliRunner, tmp_path: Path
) -> None:
    typed = ["web-app", "", "", "", "", "", "Webshop", "y", "", "", "", "", "", "", ""]
    typed += ["none", "sqlite", "", "", "", "", "", "", "", "", "", ""]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert "Database (sqlite, postgresql) [sqlite]: none" in out
    assert (
        "Error: database=none is not available for Django (the chosen framework): set "
        "database=sqlite or postgresql, or choose --framework flask or fastapi"
    ) in out


def test_fastapi_shows_api_docs_on_by_default(runner: CliRunner, tmp_path: Path) -> None:
    typed = ["async-api", "", "", "", "", "", "Api", "y", *[""] * 18]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    assert "OpenAPI documentation (yes, no) [yes]: " in result.stdout.splitlines()
    record = json.loads((tmp_path / "api" / ".stackwise.json").read_text("utf-8"))
    assert record["api_docs"] == "yes"


def test_answers_given_as_flags_are_not_asked(runner: CliRunner, tmp_path: Path) -> None:
    args = ["--building", "web-app", "--size", "large", "--framework", "django"]
    args += ["--name", "Shop", "--set", "database=postgresql"]
    typed = ["", "", "", ""]

    result = type_in(runner, tmp_path, typed, *args)

    assert result.exit_code == 0, result.output
    prompts = [line for line in result.stdout.splitlines() if line.endswith(": ")]
    assert prompts == [
        "What does it need? Any of: database, admin, auth, html, api-docs, validation, async, "
        "websockets, typing (separate with spaces; Enter for none): ",
        "How experienced is the team with Python web frameworks? (beginner, intermediate, "
        "experienced; Enter to skip): ",
        "What matters most? (control, performance, batteries; Enter to skip): ",
        "Change any of these? [y/N]: ",
    ]
    assert "  Database: postgresql" not in result.stdout  # given, so not among the defaults


def test_a_name_that_gives_no_package_name_asks_for_one(runner: CliRunner, tmp_path: Path) -> None:
    result = type_in(runner, tmp_path, [*SKIP_SELECTION, "", "¡¡¡", "class", "shouts", ""])

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert (
        "The project name gives no usable package name: cannot derive project_slug from "
        "project_name '¡¡¡' (got ''); pass --set project_slug=NAME"
    ) in out
    assert (
        "Error: invalid value for project_slug: 'class' is a Python keyword; choose another name"
    ) in out
    assert (tmp_path / "shouts" / ".stackwise.json").is_file()


def test_a_control_character_in_the_name_is_refused_and_asked_again(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = type_in(runner, tmp_path, [*SKIP_SELECTION, "", "Tab\there", "Tab here", ""])

    assert result.exit_code == 0, result.output
    assert (
        "Error: invalid value for project_name: it contains a control character (U+0009); use "
        "one line of printable text"
    ) in result.stdout.splitlines()


def test_input_that_ends_mid_way_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    result = type_in(runner, tmp_path / "out", [*SKIP_SELECTION, ""])

    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr == f"{INTERRUPTED}\n"
    assert not (tmp_path / "out").exists()


def test_no_input_and_json_ask_nothing_even_at_a_terminal(
    runner: CliRunner, tmp_path: Path
) -> None:
    quiet = runner.invoke(main, ["new", "--no-input", "-o", str(tmp_path)], input="")
    as_json = runner.invoke(main, ["new", "--json", "-o", str(tmp_path)], input="")

    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout.startswith("Created Flask project 'My Project': ")
    assert (as_json.exit_code, as_json.stdout) == (2, "")
    assert as_json.stderr == "Error: missing project name: pass --name NAME (or --no-input)\n"


def test_a_yes_no_question_says_to_answer_y_or_n(runner: CliRunner, tmp_path: Path) -> None:
    typed = [*SKIP_SELECTION, "maybe", "y", "Shop", "perhaps", ""]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert "Use Flask? [Y/n]: maybe" in out
    assert "Error: 'maybe' is not an answer: answer y or n" in out
    assert "Error: 'perhaps' is not an answer: answer y or n" in out
    assert (tmp_path / "shop" / ".stackwise.json").is_file()


def test_an_existing_target_is_reported_as_soon_as_the_name_gives_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "mine.txt").write_text("mine")
    typed = [*SKIP_SELECTION, "", "Shop", "Shop Two", ""]

    result = type_in(runner, tmp_path, typed)

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    error = f"Error: {tmp_path / 'shop'} already exists; choose another name"
    assert out.index(error) < out.index("Project options:")
    assert (tmp_path / "shop" / "mine.txt").read_text() == "mine"
    assert (tmp_path / "shop_two" / ".stackwise.json").is_file()


def test_an_existing_target_from_a_given_package_name_asks_for_the_package_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "mine.txt").write_text("mine")
    typed = [*SKIP_SELECTION, "", "Anything", "shop2", ""]

    result = type_in(runner, tmp_path, typed, "--set", "project_slug=shop")

    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert f"Error: {tmp_path / 'shop'} already exists; choose another name" in out
    assert "Package name: shop2" in out
    assert (tmp_path / "shop2" / ".stackwise.json").is_file()
