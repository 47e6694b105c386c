"""An organisation's own rules file: `recommend --rules FILE` and `new --rules FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise import api
from stackwise.cli.commands import main

ACME = Path(__file__).parent / "fixtures" / "rules" / "acme.toml"
POLICY = "acme-stack-policy.md, Web services"


def test_recommend_by_an_organisations_rules_names_the_file_and_its_rule_ids(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        main, ["recommend", "--rules", str(ACME), "--need", "html", "--building", "small-api"]
    )

    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Rules: {ACME}\n"
        "\n"
        "Recommended: Django\n"
        "\n"
        "  Framework  Score\n"
        "  Django        10\n"
        "  FastAPI        5\n"
        "  Flask          0\n"
        "\n"
        "Reasons for Django:\n"
        "  +10 We only use Django for anything with HTML pages. "
        f'[acme-html-is-django: {POLICY}: "HTML"]\n'
        "Reasons for FastAPI:\n"
        f'  +5 Our APIs are FastAPI services. [acme-apis-are-fastapi: {POLICY}: "APIs"]\n'
        "Trade-offs of Django:\n"
        "  - Heavier than we need for small APIs\n"
    )


@pytest.mark.parametrize(
    ("args", "framework", "ids"),
    [
        (["--need", "html"], "django", ["acme-html-is-django"]),
        (["--building", "async-api"], "fastapi", ["acme-apis-are-fastapi"]),
        # No rule of the file fires: its own tie-break order decides.
        (["--need", "auth"], "django", []),
        # The shipped rules would pick Flask here; the organisation's file alone counts.
        (["--building", "prototype"], "django", []),
    ],
)
def test_recommend_json_cites_the_files_rule_ids_and_says_which_file(
    runner: CliRunner, args: list[str], framework: str, ids: list[str]
) -> None:
    result = runner.invoke(main, ["recommend", "--json", "--rules", str(ACME), *args])

    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["framework"], [r["id"] for r in data["reasons"]]) == (framework, ids)
    assert data["rules"] == str(ACME)


def test_without_rules_the_json_says_the_builtin_rules(runner: CliRunner) -> None:
    result = runner.invoke(main, ["recommend", "--json", "--building", "prototype"])

    data = json.loads(result.stdout)
    assert (data["framework"], data["rules"]) == ("flask", "builtin")
    assert "Rules:" not in runner.invoke(main, ["recommend"]).stdout


def test_new_recommends_by_the_organisations_rules(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--json", "--rules", str(ACME), "--need", "html"]
    result = runner.invoke(main, [*args, "--name", "Shop", "-o", str(tmp_path)])

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["framework"] == "django"
    assert [r["id"] for r in data["reasons"]] == ["acme-html-is-django"]
    assert data["recommendation"]["rules"] == str(ACME)
    assert f"--rules {ACME} " in data["command"]
    readme = (tmp_path / "shop" / "README.md").read_text("utf-8")
    assert "We only use Django for anything with HTML pages." in readme


def test_the_api_takes_the_rules_file_as_a_path() -> None:
    rec = api.recommend({"needs": ["html"]}, rules=ACME)
    plan = api.resolve({"needs": ["html"], "project_name": "Shop"}, identity={}, rules=ACME)

    assert (rec.winner, rec.rules, [r.id for r in rec.fired]) == (
        "django",
        str(ACME),
        ["acme-html-is-django"],
    )
    assert plan.framework == "django"


RULE = 'id = "acme-html-is-django"'
HTML_RULE = "rule 'acme-html-is-django'"
MALFORMED = [
    ("weight = 10", "weight = 0", f"{HTML_RULE}: weight must be a positive whole number"),
    (
        'favours = "django"',
        'favours = "rails"',
        f"{HTML_RULE}: unknown framework 'rails' (allowed: flask, fastapi, django)",
    ),
    (
        'needs = "html"',
        'needs = "htm"',
        f"{HTML_RULE}: unknown value 'htm' for needs (allowed: database, admin, auth, html, "
        "api-docs, validation, async, websockets, typing)",
    ),
    (
        "when = { needs",
        "when = { colour",
        f"{HTML_RULE}: unknown answer 'colour' (allowed: building, needs, size, experience, "
        "priority)",
    ),
    (
        RULE,
        'id = "Acme_HTML"',
        "rule 'Acme_HTML': id must be lowercase letters, digits and hyphens",
    ),
    ('id = "acme-apis-are-fastapi"', RULE, f"{HTML_RULE}: duplicate id"),
    ("schema = 1", "schema = 3", "schema: unsupported schema 3 (supported: 1)"),
    (
        "[[rules]]",
        "[[rules]\n",
        "not valid TOML: Expected ']]' at the end of an array declaration (at line 18, column 8)",
    ),
]


@pytest.mark.parametrize("command", ["recommend", "new"])
@pytest.mark.parametrize(("old", "new", "message"), MALFORMED)
def test_a_malformed_rules_file_is_one_line_naming_the_file_and_the_rule(
    runner: CliRunner, tmp_path: Path, command: str, old: str, new: str, message: str
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(ACME.read_text("utf-8").replace(old, new, 1), encoding="utf-8")
    extra = ["--no-input", "-o", str(tmp_path / "out")] if command == "new" else []

    result = runner.invoke(main, [command, "--rules", str(rules), *extra])

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {rules}: {message}\n"
    assert not (tmp_path / "out").exists()


def test_a_missing_rules_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["recommend", "--rules", str(tmp_path / "policy.toml")])

    assert (result.exit_code, result.stdout) == (2, "")
    missing = tmp_path / "policy.toml"
    assert result.stderr == f"Error: {missing}: cannot read: No such file or directory\n"


def test_the_readme_example_is_a_rules_file_that_says_what_it_says(
    runner: CliRunner, tmp_path: Path
) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    section = readme.split("\n### An organisation's own rules\n", 1)[1].split("\n## ", 1)[0]
    rules = tmp_path / "acme.toml"
    rules.write_text(section.split("```toml\n", 1)[1].split("```", 1)[0], "utf-8")

    result = runner.invoke(main, ["recommend", "--rules", str(rules), "--need", "html"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Rules: {rules}\n\nRecommended: Django\n")
    assert '[acme-html-is-django: acme-stack-policy.md, Web services: "HTML"]' in result.stdout
