"""--json prints one object on stdout, valid against the schema docs/json-output.md documents.

The schemas are read from the document itself, so the document is what is tested.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from stackwise.answers.vocabulary import BY_KEY, TEMPLATE_KEYS
from stackwise.cli.commands import main
from stackwise.template import registry
from support.cli import run_stackwise
from support.starters import REPO

DOC = REPO / "docs" / "json-output.md"


def schemas() -> dict[str, dict[str, Any]]:
    """The schema under each ``## `stackwise <command> --json``` heading, by command."""
    found = {}
    text = DOC.read_text("utf-8")
    for command, block in re.findall(
        r"## `stackwise (\w+) --json`\n.*?```json\n(.*?)\n```", text, re.S
    ):
        found[command] = json.loads(block)
    return found


SCHEMAS = schemas()
REGISTRY: Registry = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
)


def validate(command: str, data: object) -> None:
    Draft202012Validator(SCHEMAS[command], registry=REGISTRY).validate(data)


def one_object(stdout: str) -> dict[str, Any]:
    """The whole of stdout is one JSON object and a newline."""
    assert stdout.endswith("}\n")
    data = json.loads(stdout)
    assert isinstance(data, dict)
    return data


def test_the_document_has_a_valid_schema_per_command() -> None:
    assert sorted(SCHEMAS) == ["new", "questions", "recommend", "update"]
    for schema in SCHEMAS.values():
        Draft202012Validator.check_schema(schema)


def test_the_answers_schema_follows_the_vocabulary() -> None:
    answers = SCHEMAS["new"]["$defs"]["answers"]
    assert answers["required"] == ["framework", *TEMPLATE_KEYS]
    for key, spec in answers["properties"].items():
        question = BY_KEY[key]
        if key == "framework":
            continue
        if key == "needs":
            assert spec["items"]["enum"] == list(question.choices)
        elif "enum" in spec:
            assert spec["enum"] == list(question.choices), key
        elif "$ref" in spec:
            assert question.choices == ("yes", "no"), key


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--building", "web-app", "--need", "admin"],
        ["--building", "realtime", "--need", "async", "--need", "typing", "--size", "large"],
        ["--priority", "control", "--experience", "beginner", "--size", "small"],
    ],
)
def test_recommend_json_follows_its_schema(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, ["recommend", "--json", *args])

    assert (result.exit_code, result.stderr) == (0, "")
    validate("recommend", one_object(result.stdout))


@pytest.mark.parametrize(
    "args",
    [
        ["--no-input"],
        ["--building", "async-api", "--name", "Orders"],
        ["--building", "web-app", "--framework", "flask", "--name", "Shop", "--need", "auth"],
        ["--no-input", "--framework", "django", "--set", "description=Sells {{ things }}"],
        ["--no-input", "--dry-run", "--building", "realtime", "--need", "websockets"],
    ],
)
def test_new_json_follows_its_schema(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(main, ["new", "--json", *args, "-o", str(tmp_path)])

    assert result.exit_code == 0, result.stderr
    data = one_object(result.stdout)
    validate("new", data)
    assert data["dry_run"] is ("--dry-run" in args)
    assert (data["note"] is None) is (not data["overridden"])
    assert result.stderr == (f"{data['note']}\n" if data["note"] else "")


def test_a_templates_questions_follow_the_same_schema(runner: CliRunner) -> None:
    features = Path(__file__).parent / "fixtures" / "templates" / "features"
    result = runner.invoke(main, ["questions", "--template", str(features), "--json"])
    assert result.exit_code == 0, result.stderr
    validate("questions", one_object(result.stdout))


def test_questions_json_follows_its_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions", "--json"])

    assert result.exit_code == 0
    validate("questions", one_object(result.stdout))


def test_the_schema_catches_a_wrong_object() -> None:
    answers = {
        "framework": "flask",
        **{key: BY_KEY[key].default or "x" for key in TEMPLATE_KEYS},
        "auth": "maybe",
    }
    answers_schema = {"$ref": f"{SCHEMAS['new']['$id']}#/$defs/answers"}

    with pytest.raises(ValidationError, match="'name' is a required property"):
        validate("recommend", {"framework": "flask"})
    with pytest.raises(ValidationError, match="'maybe' is not one of"):
        Draft202012Validator(answers_schema, registry=REGISTRY).validate(answers)


def test_a_hook_that_prints_cannot_spoil_the_json(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Template hooks run as child processes writing to file descriptor 1 directly."""
    import shutil

    root = tmp_path / "templates"
    shutil.copytree(registry.templates_root() / "flask", root / "flask")
    hooks = root / "flask" / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "post_gen_project.py").write_text(
        "import os, sys\nprint('hello from a hook')\nos.write(1, b'raw bytes on fd 1\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(registry, "templates_root", lambda: root)
    args = ["new", "--json", "--no-input", "-o", str(tmp_path / "out")]

    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    validate("new", one_object(result.stdout))
    captured = capfd.readouterr()
    assert "hello from a hook" not in captured.out
    assert "raw bytes on fd 1" not in captured.out
    assert "hello from a hook" in captured.err


def test_the_installed_command_prints_only_json_on_stdout(tmp_path: Path) -> None:
    args = ["new", "--json", "--building", "web-app", "--framework", "fastapi", "--name", "Api"]

    done = run_stackwise([*args, "-o", str(tmp_path)], tmp_path, stdin=subprocess.PIPE)

    assert done.returncode == 0, done.stderr
    data = one_object(done.stdout)
    validate("new", data)
    assert done.stderr == f"{data['note']}\n"
