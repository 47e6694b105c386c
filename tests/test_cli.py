"""The command line through Click's CliRunner: output, JSON, errors and exit codes."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise import __version__
from stackwise.answers.vocabulary import QUESTIONS
from stackwise.cli.commands import main
from stackwise.recommend.engine import Selection, recommend
from stackwise.recommend.rules import load_rules
from support.cli import STACKWISE, cli_env, command_args, listing, run_stackwise, tree


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])

    assert (result.exit_code, result.stdout) == (0, f"stackwise {__version__}\n")


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])

    assert result.exit_code == 0
    for command in ("check", "diff", "new", "questions", "recommend", "update"):
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
        "turns_on": {
            "web-app": {"auth": "yes", "admin": "yes", "html": "yes"},
            "realtime": {"realtime": "yes"},
            "async-api": {"api_docs": "yes"},
        },
    }
    api_docs = next(q for q in data if q["key"] == "api_docs")
    assert (api_docs["default"], api_docs["framework_defaults"]) == ("no", {"fastapi": "yes"})


def test_questions_text_shows_choices_and_defaults(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions"])

    assert result.exit_code == 0
    database = "  database (--set database=VALUE)\n    Database [sqlite, postgresql, none]"
    assert f"{database} default: sqlite\n" in result.stdout
    assert "  needs (--need)\n" in result.stdout


def test_new_generates_the_project_and_prints_next_steps(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--framework", "flask", "--name", "Demo App", "-o", str(tmp_path)]
    # pip's steps, whether or not uv is on PATH (tests/test_lock.py has uv's).
    result = runner.invoke(main, [*args, "--installer", "pip"])

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
        "  cp .env.example .env\n"
        "  pytest\n"
        "  flask --app demo_app db upgrade\n"
        "  flask --app demo_app run --debug\n"
        "\n"
        "The same project without questions:\n"
        f"  stackwise new --no-input --framework flask --name 'Demo App' -o {tmp_path}\n"
    )
    assert "demo_app/__init__.py" in files
    assert ".stackwise.json" in files


@pytest.mark.parametrize(("database", "migrates"), [("sqlite", True), ("none", False)])
def test_next_steps_hold_the_migration_only_with_a_database(
    runner: CliRunner, tmp_path: Path, database: str, migrates: bool
) -> None:
    args = [
        "new",
        "--json",
        "--framework",
        "flask",
        "--name",
        "Shop",
        "--set",
        f"database={database}",
        "-o",
        str(tmp_path),
    ]
    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["next_steps"]
    assert ("flask --app shop db upgrade" in steps) is migrates
    assert steps[-1] == "flask --app shop run --debug"


@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
@pytest.mark.parametrize("docker", ["yes", "no"])
def test_with_postgresql_the_next_steps_say_where_the_server_comes_from_before_the_tests(
    runner: CliRunner, tmp_path: Path, framework: str, docker: str
) -> None:
    args = ["new", "--no-input", "--json", "--dry-run", "--framework", framework, "--name", "Shop"]
    args += ["--set", "database=postgresql", "--set", f"docker={docker}", "-o", str(tmp_path)]

    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["next_steps"]
    before_tests = steps[: steps.index("pytest")]
    if docker == "yes":
        assert any(step.startswith("docker compose up -d ") for step in before_tests), steps
    else:
        assert any("PostgreSQL" in step and "DATABASE_URL" in step for step in before_tests), steps
    sqlite = runner.invoke(main, [*args[:-4], "-o", str(tmp_path)])
    assert not any("PostgreSQL" in step for step in json.loads(sqlite.stdout)["next_steps"])


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
        "dry_run",
        "files",
        "framework",
        "next_steps",
        "note",
        "overridden",
        "project_dir",
        "reasons",
        "recommendation",
        "stackwise_version",
    ]
    assert (data["framework"], data["overridden"], data["note"]) == ("fastapi", False, None)
    assert data["dry_run"] is False
    assert data["recommendation"]["reasons"][0]["id"] == "scenario-async-api"
    assert [r["id"] for r in data["reasons"]] == [
        r["id"] for r in data["recommendation"]["reasons"] if r["favours"] == "fastapi"
    ]
    assert data["project_dir"] == str(tmp_path / "orders")
    assert data["files"] == list(tree(tmp_path / "orders"))
    assert "app/main.py" in data["files"]
    assert data["answers"]["api_docs"] == "yes"
    assert data["next_steps"][0] == f"cd {tmp_path / 'orders'}"
    assert data["command"] == (
        "stackwise new --no-input --building async-api --framework fastapi --name Orders "
        f"-o {tmp_path}"
    )
    assert result.stderr == ""


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
    "args",
    [
        ["--help"],
        ["--version"],
        ["recommend", "--building", "web-app"],
        ["questions"],
        ["serve", "--help"],
    ],
)
def test_commands_that_generate_nothing_import_nothing_heavy(args: list[str]) -> None:
    heavy = ("cookiecutter", "jinja2", "yaml", "packaging", "slugify", "questionary")
    heavy += ("starlette", "uvicorn", "anyio")
    code = (
        "import sys\n"
        "from stackwise.cli import main\n"
        f"heavy = {heavy!r}\n"
        "def loaded():\n"
        "    return sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "at_start = loaded()\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(at_start, loaded())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.splitlines()[-1] == "[] []"


@pytest.mark.parametrize("args", [["--help"], ["recommend", "--building", "web-app"]])
def test_help_and_recommend_read_no_template_manifest(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from stackwise.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print('stackwise.template.manifest' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.splitlines()[-1] == "False"


def test_only_the_lists_at_a_terminal_import_prompt_toolkit(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from stackwise.cli import main\n"
        "try:\n"
        f"    main(['new', '--no-input', '--dry-run', '-o', {str(tmp_path)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'questionary', 'prompt_toolkit'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.splitlines()[-1] == "[]"


def test_the_printed_command_makes_the_same_project(runner: CliRunner, tmp_path: Path) -> None:
    args = [
        "new",
        "--no-input",
        "--building",
        "web-app",
        "--need",
        "auth",
        "--need",
        "html",
        "--framework",
        "flask",
        "--name",
        '-Dash\'s "shop" {{ 7*7 }}',
        "--set",
        "project_slug=dash_shop",
        "--set",
        "description=Sells $(things) & `stuff`",
        "--set",
        "database=postgresql",
        "--set",
        "docker=no",
        "-o",
        str(tmp_path / "one"),
    ]
    first = runner.invoke(main, [*args, "--json"])
    assert first.exit_code == 0, first.stderr
    command = json.loads(first.stdout)["command"]

    again = runner.invoke(main, command_args(command, tmp_path / "two"))

    assert again.exit_code == 0, again.stderr
    assert tree(tmp_path / "one" / "dash_shop") == tree(tmp_path / "two" / "dash_shop")
    assert '--name=-Dash\'s "shop" {{ 7*7 }}' in shlex.split(command)
    assert "--set auth=yes" not in command  # implied by --need auth, so not repeated


def test_the_command_keeps_the_author_git_gave(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    args = ["new", "--no-input", "--json", "--name", "Engine", "-o", str(tmp_path / "one")]

    data = json.loads(runner.invoke(main, args).stdout)

    assert (data["answers"]["author_name"], data["answers"]["author_email"]) == (
        "Ada Lovelace",
        "ada@example.com",
    )
    assert "--set 'author_name=Ada Lovelace' --set author_email=ada@example.com" in data["command"]


def test_dry_run_shows_decision_answers_and_files_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    before = listing(tmp_path)
    args = ["new", "--dry-run", "--no-input", "--building", "web-app", "--name", "Shop"]

    result = runner.invoke(main, [*args, "-o", str(tmp_path)])

    assert result.exit_code == 0, result.stderr
    assert listing(tmp_path) == before
    real = runner.invoke(main, ["new", *args[2:], "-o", str(tmp_path / "real")])
    assert real.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Dry run: nothing was written.",
        "",
        "Framework: Django, as recommended (4 to 0 for Flask)",
    ]
    assert "Answers:" in lines
    assert "  building: web-app" in lines
    assert "  framework: django" in lines
    assert "  project_name: Shop" in lines
    assert "  description: (empty)" in lines
    files = list(tree(tmp_path / "real" / "shop"))
    assert f"Would write {len(files)} files in {tmp_path / 'shop'}:" in lines
    assert [f"  {f}" for f in files] == lines[lines.index("  " + files[0]) :][: len(files)]
    assert lines[-2:] == [
        "To write them:",
        f"  stackwise new --no-input --building web-app --framework django --name Shop "
        f"-o {tmp_path}",
    ]


def test_dry_run_json_lists_exactly_the_files_a_real_run_writes(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["new", "--no-input", "--json", "--framework", "fastapi", "--name", "Orders"]
    missing = tmp_path / "not" / "yet"

    dry = runner.invoke(main, [*args, "--dry-run", "-o", str(missing)])

    assert dry.exit_code == 0, dry.stderr
    assert not (tmp_path / "not").exists()
    real = runner.invoke(main, [*args, "-o", str(missing)])
    dry_data, real_data = json.loads(dry.stdout), json.loads(real.stdout)
    assert (dry_data["dry_run"], real_data["dry_run"]) == (True, False)
    assert dry_data["files"] == real_data["files"] == list(tree(missing / "orders"))
    assert {k: v for k, v in dry_data.items() if k != "dry_run"} == {
        k: v for k, v in real_data.items() if k != "dry_run"
    }


def test_dry_run_refuses_an_existing_target_as_a_real_run_would(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "keep.txt").write_text("mine", encoding="utf-8")

    args = ["new", "--dry-run", "--no-input", "--name", "Shop", "-o", str(tmp_path)]
    result = runner.invoke(main, args)

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {tmp_path / 'shop'} already exists and is not empty; nothing was changed\n"
    )


def test_without_a_terminal_nothing_is_asked_and_nothing_hangs(tmp_path: Path) -> None:
    """stdin is an open pipe that never ends: a prompt would wait for ever."""
    args = ["new", "--building", "web-app", "--name", "Shop", "-o", str(tmp_path)]
    with subprocess.Popen(
        [str(STACKWISE), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    ) as process:
        try:
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()

    assert (process.returncode, err) == (0, "")
    assert out.startswith("Created Django project 'Shop': ")
    assert (tmp_path / "shop" / "manage.py").is_file()


def test_without_a_terminal_a_missing_name_is_a_usage_error_naming_the_flag(
    tmp_path: Path,
) -> None:
    done = run_stackwise(["new", "--building", "web-app"], tmp_path, stdin=subprocess.PIPE)

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "Error: missing project name: pass --name NAME (or --no-input)\n"
    assert list(tmp_path.iterdir()) == []


def test_no_input_takes_every_default(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["new", "--no-input", "--json", "-o", str(tmp_path)])

    assert result.exit_code == 0, result.stderr
    answers = json.loads(result.stdout)["answers"]
    assert answers == {
        "framework": "flask",
        "project_name": "My Project",
        "project_slug": "my_project",
        "description": "",
        "author_name": "",
        "author_email": "",
        "version": "0.1.0",
        "license": "MIT",
        "python_version": "3.11",
        "database": "sqlite",
        "auth": "no",
        "admin": "no",
        "api_docs": "no",
        "html": "no",
        "realtime": "no",
        "tasks": "none",
        "email": "no",
        "sentry": "no",
        "docker": "yes",
        "ci": "github",
    }


def complete(runner: CliRunner, words: str) -> list[str]:
    """What Click's bash completion offers after ``words`` (the last word being typed)."""
    parts = words.split(" ")
    env = {
        "_STACKWISE_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    result = runner.invoke(main, [], prog_name="stackwise", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_completion_offers_commands_options_and_choices(runner: CliRunner) -> None:
    assert complete(runner, "stackwise ") == [
        "plain,check",
        "plain,diff",
        "plain,new",
        "plain,questions",
        "plain,recommend",
        "plain,serve",
        "plain,template",
        "plain,update",
    ]
    assert complete(runner, "stackwise new --framework ") == [
        "plain,auto",
        "plain,flask",
        "plain,fastapi",
        "plain,django",
    ]
    assert complete(runner, "stackwise recommend --need a") == [
        "plain,admin",
        "plain,auth",
        "plain,api-docs",
        "plain,async",
    ]
    assert "plain,--dry-run" in complete(runner, "stackwise new --d")
    assert complete(runner, "stackwise new -o ") == ["dir,"]


def test_the_installed_command_prints_its_bash_completion_script(tmp_path: Path) -> None:
    done = run_stackwise([], tmp_path, extra_env={"_STACKWISE_COMPLETE": "bash_source"})

    assert done.returncode == 0, done.stderr
    assert "complete -o nosort -F _stackwise_completion stackwise" in done.stdout


def test_dry_run_says_when_the_tie_break_decided(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--dry-run", "--no-input", "-o", str(tmp_path)]

    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2] == (
        "Framework: Flask, as recommended (0 to 0 for FastAPI, first in the tie-break order)"
    )


def test_choosing_among_frameworks_scored_level_is_no_override(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["new", "--no-input", "--framework", "django", "--name", "Shop", "-o", str(tmp_path)]
    result = runner.invoke(main, args)

    assert result.exit_code == 0
    assert result.stderr == ""
    readme = (tmp_path / "shop" / "README.md").read_text("utf-8")
    assert (
        "You chose Django; stackwise's selection rules scored it level with Flask (0 each)."
        in readme
    )
