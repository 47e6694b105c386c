"""``stackwise serve --template SOURCE``: one template, opened when the server starts.

The API is the one the built-ins are served with, over the template's own questions; the
zip holds what ``stackwise new --template SOURCE --no-input`` writes for the same answers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from stackwise.cli.commands import main
from stackwise.cli.from_template import Wanted, served_template
from stackwise.web import create_app
from support.serve import new_tree, zip_tree

FIXTURES = Path(__file__).parent / "fixtures" / "templates"
FEATURES = str(FIXTURES / "features")
PLAIN = str(FIXTURES / "plain")


def client_for(source: str, trust: bool = False) -> TestClient:
    served = served_template(Wanted(source, None, None, trust))
    return TestClient(create_app(["testserver"], served))


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_questions_are_the_templates_as_questions_json_gives_them() -> None:
    response = client_for(PLAIN).get("/api/questions")

    assert response.status_code == 200
    assert response.json() == cli_json("questions", "--template", PLAIN)
    assert [q["key"] for q in response.json()["questions"]] == ["name", "flavour"]


ZIPPED = [
    (PLAIN, False, "", []),
    (PLAIN, False, "name=shop&flavour=chocolate", ["name=shop", "flavour=chocolate"]),
    (FEATURES, True, "project_name=Shop%20App&strict=yes", ["project_name=Shop App", "strict=yes"]),
]


@pytest.mark.parametrize(("source", "trust", "query", "sets"), ZIPPED)
def test_the_zip_holds_what_new_writes(
    tmp_path: Path, source: str, trust: bool, query: str, sets: list[str]
) -> None:
    response = client_for(source, trust).get(f"/starter.zip?{query}")

    assert response.status_code == 200
    args = ["--trust"] if trust else []
    args += [word for pair in sets for word in ("--set", pair)]
    written = new_tree(["--template", source, *args], tmp_path)
    assert zip_tree(response.content) == written
    top = {name.split("/")[0] for name in written}
    assert response.headers["content-disposition"] == f'attachment; filename="{top.pop()}.zip"'


def test_the_preview_shows_the_files_and_the_command() -> None:
    response = client_for(PLAIN).get("/api/preview?name=shop")

    data = response.json()
    assert response.status_code == 200
    assert (data["project_slug"], data["framework"]) == ("shop", None)
    assert data["answers"] == {"name": "shop", "flavour": "vanilla"}
    assert data["command"] == f"stackwise new --no-input --template {PLAIN} --set name=shop -o ."
    assert [f["path"] for f in data["files"]] == [".stackwise.json", "README.md"]


def test_bad_answers_are_a_400_naming_every_bad_key() -> None:
    response = client_for(PLAIN).get("/starter.zip?flavour=mint&colour=red")

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "key": "flavour",
                "message": "the request: invalid value for flavour: 'mint' "
                "(allowed: vanilla, chocolate)",
            },
            {
                "key": "colour",
                "message": "the request: unknown key 'colour' (allowed: name, flavour)",
            },
        ]
    }


def test_there_is_no_recommendation_and_nothing_greyed_out() -> None:
    client = client_for(PLAIN)

    recommend = client.post("/api/recommend", json={"building": "web-app"})
    options = client.get("/api/options?name=x")

    assert recommend.status_code == 404
    assert recommend.json()["errors"][0]["key"] is None
    assert options.json() == {"framework": None, "unavailable": []}


def test_a_template_with_hooks_is_served_only_when_trusted(runner: CliRunner) -> None:
    result = runner.invoke(main, ["serve", "--template", FEATURES, "--port", "0"])

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pass --trust" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trust"], "Error: --trust goes with --template SOURCE\n"),
        (["--checkout", "v1"], "Error: --checkout goes with --template SOURCE\n"),
    ],
)
def test_template_options_without_a_template_are_usage_errors(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["serve", *args])

    assert (result.exit_code, result.stderr) == (2, message)
