"""The command line through Click's CliRunner: output, JSON, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise import __version__
from stackwise.cli import main
from stackwise.engine import Selection, recommend
from stackwise.options import QUESTIONS
from stackwise.rules import load_rules


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])

    assert (result.exit_code, result.stdout) == (0, f"stackwise {__version__}\n")


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])

    assert result.exit_code == 0
    for command in ("new", "questions", "recommend"):
        assert f"  {command} " in result.stdout


def test_recommend_prints_winner_scores_reasons_and_trade_offs(runner: CliRunner) -> None:
    result = runner.invoke(main, ["recommend", "--building", "web-app", "--need", "admin"])

    assert result.exit_code == 0
    assert result.stdout == (
        "Recommended: Django\n"
        "\n"
        "  Framework  Score\n"
        "  Django         8\n"
        "  Flask          0\n"
        "  FastAPI        0\n"
        "\n"
        "Reasons for Django:\n"
        "  +4 A full-featured web application with user auth and admin is the scenario the "
        "seed recommends Django for. [framework-comparison.md, When to Use Each Framework: "
        '"Full-featured web application with user auth and admin"]\n'
        "  +2 Only Django has an admin panel built in. [framework-comparison.md, Key Feature "
        'Comparison: "Admin Panel"]\n'
        "  +1 Django has ORM, admin and auth built in. [framework-table.md, Python Frameworks: "
        '"Built-in Features"]\n'
        "  +1 Django has admin, ORM, auth and templating built in. [framework-comparison.md, "
        'Pros and Cons Summary: "Django Pros: Built-in admin, ORM, auth, templating"]\n'
        "Trade-offs of Django:\n"
        "  - Can be heavyweight for small APIs\n"
        "  - Async support still improving\n"
    )


def test_recommend_says_when_no_rule_fired(runner: CliRunner) -> None:
    result = runner.invoke(main, ["recommend"])

    assert result.exit_code == 0
    assert (
        "No rule fired (no answers to go on); Flask comes first in the tie-break order."
        in result.stdout
    )


def test_recommend_json_is_one_object_equal_to_the_engine_result(runner: CliRunner) -> None:
    args = ["recommend", "--json", "--building", "realtime", "--need", "async", "--need", "typing"]
    result = runner.invoke(main, args)

    assert result.exit_code == 0
    expected = recommend(Selection("realtime", frozenset({"async", "typing"})), load_rules())
    assert json.loads(result.stdout) == expected.to_dict()
    assert result.stderr == ""


def test_recommend_reads_an_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("building: async-api\nneeds: [api-docs]\n", encoding="utf-8")

    result = runner.invoke(main, ["recommend", "--json", "--answers", str(answers)])

    assert result.exit_code == 0
    assert json.loads(result.stdout)["framework"] == "fastapi"


def test_questions_json_lists_every_question(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions", "--json"])

    assert result.exit_code == 0
    data = json.loads(result.stdout)["questions"]
    assert [q["key"] for q in data] == [q.key for q in QUESTIONS]
    building = data[0]
    assert building == {
        "key": "building",
        "group": "selection",
        "question": "What are you building?",
        "kind": "choice",
        "choices": ["small-api", "async-api", "web-app", "realtime", "learning", "prototype"],
        "default": None,
        "framework_defaults": {},
        "flag": "--building",
        "help": "The kind of project; each matches a scenario of the seed's 'When to Use' table.",
    }
    api_docs = next(q for q in data if q["key"] == "api_docs")
    assert (api_docs["default"], api_docs["framework_defaults"]) == ("no", {"fastapi": "yes"})


def test_questions_text_shows_choices_and_defaults(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions"])

    assert result.exit_code == 0
    database = "  database (--set database=VALUE)\n    Database [sqlite, postgresql, none]"
    assert f"{database} default: sqlite\n" in result.stdout
    assert "  needs (--need)\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["recommend", "--building", "game"],
            2,
            "Error: Invalid value for '--building': 'game' is not one of 'small-api', "
            "'async-api', 'web-app', 'realtime', 'learning', 'prototype'.\n",
        ),
        (
            ["new", "--framework", "rails"],
            2,
            "Error: Invalid value for '--framework': 'rails' is not one of 'auto', 'flask', "
            "'fastapi', 'django'.\n",
        ),
        (
            ["recommend", "--need", "blockchain"],
            2,
            "Error: Invalid value for '--need': 'blockchain' is not one of 'database', 'admin', "
            "'auth', 'html', 'api-docs', 'validation', 'async', 'websockets', 'typing'.\n",
        ),
        (["recommend", "--colour"], 2, "Error: No such option '--colour'.\n"),
        (["--colour"], 2, "Error: No such option '--colour'.\n"),
        (["deploy"], 2, "Error: No such command 'deploy'.\n"),
        (["new", "--no-input", "--set", "auth"], 2, "Error: --set expects KEY=VALUE, got 'auth'\n"),
        (
            ["new", "--no-input", "--set", "auth=maybe"],
            2,
            "Error: invalid value for auth: 'maybe' (allowed: yes, no)\n",
        ),
        (
            ["new", "--no-input", "--set", "building=web-app"],
            2,
            "Error: building is a selection answer: pass --building\n",
        ),
        (
            ["new", "--no-input", "--set", "database=none", "--set", "admin=yes"],
            2,
            "Error: admin=yes needs a database, but database=none: set database=sqlite or "
            "postgresql, or admin=no\n",
        ),
        (
            ["new", "--no-input", "--framework", "django", "--set", "database=none"],
            2,
            "Error: database=none is not available for Django (the chosen framework): set "
            "database=sqlite or postgresql, or choose --framework flask or fastapi\n",
        ),
        (["new"], 2, "Error: missing project name: pass --name NAME (or --no-input)\n"),
        (
            ["new", "--no-input", "--name", "Class"],
            2,
            "Error: invalid value for project_slug: 'class' is a Python keyword\n",
        ),
        (
            ["new", "--no-input", "--name", "Flask"],
            2,
            "Error: invalid value for project_slug: 'flask' would shadow a package the starter "
            "imports; choose another name\n",
        ),
        (
            ["new", "--no-input", "--name", "!!!"],
            2,
            "Error: cannot derive project_slug from project_name '!!!' (got ''); pass --set "
            "project_slug=NAME\n",
        ),
        (
            ["recommend", "--answers", "missing.yaml"],
            2,
            "Error: cannot read answers file missing.yaml: No such file or directory\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_the_right_exit_code(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(main, args)

    assert (result.exit_code, result.stderr, result.stdout) == (code, message, "")
    assert list(tmp_path.iterdir()) == []


def test_new_generates_the_project_and_prints_next_steps(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--framework", "flask", "--name", "Demo App", "-o", str(tmp_path)]
    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    project = tmp_path / "demo_app"
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert result.stdout == (
        f"Created Flask project 'Demo App': {len(files)} files in {project}\n"
        "\n"
        "Next steps:\n"
        f"  cd {project}\n"
        "  python3.11 -m venv .venv\n"
        "  . .venv/bin/activate\n"
        '  pip install -e ".[dev]"\n'
        "  pytest\n"
        "  flask --app demo_app run --debug\n"
        "\n"
        "The same project without questions:\n"
        f"  stackwise new --no-input --framework flask --name 'Demo App' -o {tmp_path}\n"
    )
    assert "demo_app/__init__.py" in files
    assert ".stackwise.json" in files


def test_new_json_reports_framework_reasons_directory_files_answers_and_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["new", "--json", "--building", "async-api", "--name", "Orders", "-o", str(tmp_path)]
    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(data) == [
        "answers",
        "command",
        "files",
        "framework",
        "overridden",
        "project_dir",
        "recommendation",
    ]
    assert data["framework"] == "fastapi"
    assert data["overridden"] is False
    assert data["recommendation"]["reasons"][0]["id"] == "scenario-async-api"
    assert data["project_dir"] == str(tmp_path / "orders")
    assert "app/main.py" in data["files"]
    assert data["answers"]["api_docs"] == "yes"
    assert data["command"] == (
        "stackwise new --no-input --building async-api --framework fastapi --name Orders "
        f"-o {tmp_path}"
    )


def test_an_override_is_noted_with_what_the_rules_preferred(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = [
        "new",
        "--no-input",
        "--building",
        "web-app",
        "--framework",
        "flask",
        "--name",
        "Shop",
        "-o",
        str(tmp_path),
    ]
    result = runner.invoke(main, args)

    assert result.exit_code == 0
    assert result.stderr == (
        "Note: the rules preferred Django (4 to 0): A full-featured web application with user "
        "auth and admin is the scenario the seed recommends Django for.\n"
    )
    readme = (tmp_path / "shop" / "README.md").read_text("utf-8")
    assert "You chose Flask; stackwise's selection rules preferred Django (4 to 0)." in readme


def test_an_existing_non_empty_target_is_refused_and_left_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "demo_app"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")

    result = runner.invoke(main, ["new", "--no-input", "--name", "Demo App", "-o", str(tmp_path)])

    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {target} already exists and is not empty; nothing was changed\n"
    )
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo_app"]


def test_an_existing_empty_target_is_used(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "demo_app").mkdir()

    result = runner.invoke(main, ["new", "--no-input", "--name", "Demo App", "-o", str(tmp_path)])

    assert result.exit_code == 0
    assert (tmp_path / "demo_app" / "pyproject.toml").is_file()


def test_python_m_stackwise_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stackwise", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (done.returncode, done.stdout) == (0, f"stackwise {__version__}\n")


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["recommend", "--building", "web-app"], ["questions"]]
)
def test_commands_that_generate_nothing_do_not_import_cookiecutter(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from stackwise.cli import main\n"
        "imported_at_start = 'cookiecutter' in sys.modules\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(imported_at_start, any(m.split('.')[0] == 'cookiecutter' for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.splitlines()[-1] == "False False"


def test_at_a_terminal_new_asks_shows_the_recommendation_and_takes_an_override(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stackwise.cli.is_interactive", lambda *_: True)
    typed = "\n".join(["game", "web-app", "admin", "", "", "", "n", "flask", "", "Shop"]) + "\n"

    result = runner.invoke(main, ["new", "-o", str(tmp_path)], input=typed)

    assert result.exit_code == 0, result.output
    assert "Error: invalid value for building: 'game'" in result.output
    assert "Recommended: Django" in result.output
    assert "Note: the rules preferred Django" in result.stderr
    assert "Created Flask project 'Shop'" in result.stdout
    record = json.loads((tmp_path / "shop" / ".stackwise.json").read_text("utf-8"))
    assert (record["building"], record["needs"], record["framework"]) == (
        "web-app",
        ["admin"],
        "flask",
    )
