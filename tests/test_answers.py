"""Answers files, --set and flags: what each accepts and which one wins.

Precedence, highest first: flags, ``--set``, the answers file, what ``needs`` imply, the
defaults. Each test reads the final answers from ``new --dry-run --json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main


def final_answers(runner: CliRunner, tmp_path: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(main, ["new", "--dry-run", "--json", *args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    answers: dict[str, Any] = json.loads(result.stdout)["answers"]
    return answers


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_flags_win_over_set_which_wins_over_the_file(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(
        tmp_path,
        "answers.yaml",
        "building: web-app\n"
        "framework: django\n"
        "project_name: From File\n"
        "database: postgresql\n"
        "docker: no\n"
        "ci: gitlab\n",
    )

    got = final_answers(
        runner,
        tmp_path,
        "--answers",
        answers,
        "--building",
        "small-api",
        "--set",
        "framework=fastapi",
        "--framework",
        "flask",
        "--set",
        "project_name=From Set",
        "--set",
        "database=sqlite",
        "--set",
        "ci=none",
        "--name",
        "From Flag",
    )

    assert got["building"] == "small-api"  # flag over file
    assert got["framework"] == "flask"  # flag over --set over file
    assert got["project_name"] == "From Flag"  # flag over --set over file
    assert (got["database"], got["ci"]) == ("sqlite", "none")  # --set over file
    assert got["docker"] == "no"  # the file over the default


def test_need_flags_replace_the_files_needs(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", "needs: [admin, html]\nproject_name: Shop\n")

    from_file = final_answers(runner, tmp_path, "--answers", answers)
    from_flags = final_answers(runner, tmp_path, "--answers", answers, "--need", "auth")

    assert (from_file["needs"], from_file["admin"], from_file["html"]) == (
        ["admin", "html"],
        "yes",
        "yes",
    )
    assert (from_flags["needs"], from_flags["auth"], from_flags["admin"]) == (
        ["auth"],
        "yes",
        "no",
    )


@pytest.mark.parametrize(
    ("needs", "options"),
    [
        ("database", {"database": "sqlite"}),
        ("admin", {"admin": "yes", "database": "sqlite"}),
        ("auth", {"auth": "yes", "database": "sqlite"}),
        ("html", {"html": "yes"}),
        ("api-docs", {"api_docs": "yes"}),
        ("websockets", {"realtime": "yes"}),
    ],
)
def test_needs_turn_on_their_options(
    runner: CliRunner, tmp_path: Path, needs: str, options: dict[str, str]
) -> None:
    got = final_answers(runner, tmp_path, "--no-input", "--framework", "flask", "--need", needs)

    assert {key: got[key] for key in options} == options


def test_an_explicit_answer_wins_over_what_a_need_implies(
    runner: CliRunner, tmp_path: Path
) -> None:
    got = final_answers(
        runner, tmp_path, "--no-input", "--need", "admin", "--set", "admin=no", "--need", "html"
    )

    assert (got["admin"], got["html"]) == ("no", "yes")


def test_without_a_database_auth_and_admin_default_to_no(runner: CliRunner, tmp_path: Path) -> None:
    got = final_answers(runner, tmp_path, "--no-input", "--set", "database=none")

    assert (got["framework"], got["database"], got["auth"], got["admin"]) == (
        "flask",
        "none",
        "no",
        "no",
    )


@pytest.mark.parametrize(("framework", "api_docs"), [("flask", "no"), ("fastapi", "yes")])
def test_api_docs_defaults_per_framework(
    runner: CliRunner, tmp_path: Path, framework: str, api_docs: str
) -> None:
    got = final_answers(runner, tmp_path, "--no-input", "--framework", framework)

    assert got["api_docs"] == api_docs


def test_yaml_numbers_and_dates_stay_text_and_booleans_answer_yes_no(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = write(
        tmp_path,
        "a.yaml",
        "project_name: 2024-01-01\n"
        "project_slug: release\n"
        "version: 1.10\n"
        "python_version: 3.12\n"
        "auth: yes\n"
        "admin: False\n"
        "html: on\n"
        "docker: no\n",
    )

    got = final_answers(runner, tmp_path, "--answers", answers)

    assert (got["project_name"], got["version"], got["python_version"]) == (
        "2024-01-01",
        "1.10",
        "3.12",
    )
    assert (got["auth"], got["admin"], got["html"], got["docker"]) == ("yes", "no", "yes", "no")


def test_a_json_answers_file_with_a_bom_numbers_and_booleans(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "a.json"
    data = {"project_name": "Orders", "version": 2, "auth": True, "needs": ["api-docs"]}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())

    got = final_answers(runner, tmp_path, "--answers", str(path))

    assert (got["project_name"], got["version"], got["auth"], got["api_docs"]) == (
        "Orders",
        "2",
        "yes",
        "yes",
    )


def test_null_and_the_recorded_version_count_as_not_given(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = write(
        tmp_path,
        "a.yaml",
        "project_name: Shop\nsize: null\ndescription: ~\nstackwise_version: 0.0.1\n",
    )

    got = final_answers(runner, tmp_path, "--answers", answers)

    assert "size" not in got
    assert got["description"] == ""


def test_an_empty_answers_file_is_no_answers(runner: CliRunner, tmp_path: Path) -> None:
    answers = write(tmp_path, "a.yaml", "# nothing yet\n")

    got = final_answers(runner, tmp_path, "--answers", answers, "--no-input")

    assert got["project_name"] == "My Project"


def test_free_text_is_stripped_of_surrounding_white_space_only(
    runner: CliRunner, tmp_path: Path
) -> None:
    got = final_answers(
        runner,
        tmp_path,
        "--name",
        "  Two  spaces\u00a0inside  ",
        "--set",
        "description=\u3000{{ x }}  #  [y]\u3000",
    )

    assert got["project_name"] == "Two  spaces\u00a0inside"
    assert got["description"] == "{{ x }}  #  [y]"


def test_recommend_reads_only_the_selection_from_a_project_record(
    runner: CliRunner, tmp_path: Path
) -> None:
    made = runner.invoke(
        main, ["new", "--no-input", "--json", "--building", "async-api", "-o", str(tmp_path)]
    )
    record = Path(json.loads(made.stdout)["project_dir"]) / ".stackwise.json"

    result = runner.invoke(main, ["recommend", "--json", "--answers", str(record)])

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["framework"] == "fastapi"


def test_reserved_names_apply_to_their_framework_only() -> None:
    from stackwise.answers.checks import reserved_names

    assert "app" in reserved_names("fastapi")
    assert "app" not in reserved_names("flask")
    assert "config" in reserved_names("django")
    assert {"flask", "pytest", "psycopg", "daphne"} <= reserved_names(None)
