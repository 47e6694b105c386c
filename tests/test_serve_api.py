"""The serve API with Starlette's test client: each endpoint, each error, the Host check."""

from __future__ import annotations

import io
import json
import shlex
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from stackwise.cli.commands import main
from stackwise.web import create_app
from stackwise.web.app import allowed_hosts
from support.serve import new_tree, zip_tree

UNKNOWN_COLOUR = (
    "unknown key 'colour' (allowed: building, needs, size, experience, priority, framework, "
    "project_name, project_slug, description, author_name, author_email, version, license, "
    "python_version, database, auth, admin, api_docs, html, realtime, tasks, email, sentry, "
    "docker, ci)"
)
BAD_BUILDING = (
    "invalid value for building: 'game' (allowed: small-api, async-api, web-app, realtime, "
    "learning, prototype)"
)
BAD_NEED = (
    "invalid value for needs: 'x' (allowed: database, admin, auth, html, api-docs, "
    "validation, async, websockets, typing)"
)

PLAIN_HELP = """\
stackwise serve: recommends Flask, FastAPI or Django and generates a starter project.

The answers are the keys of an answers file (GET /api/questions lists them);
needs may be repeated or comma-separated; yes/no options take yes or no.

  curl -s http://testserver/api/questions
  curl -s http://testserver/api/recommend -H 'Content-Type: application/json' \\
       -d '{"building": "async-api", "needs": ["api-docs"]}'
  curl -s 'http://testserver/api/preview?building=web-app&project_name=Shop'
  curl -s 'http://testserver/api/options?framework=django'
  curl -sOJ 'http://testserver/starter.zip?building=web-app&needs=auth,admin&project_name=Shop'

Bad answers are a 400 with {"errors": [{"key": ..., "message": ...}]}, one per bad key.
Open http://testserver/ in a browser for the page.
"""
TOO_LONG_QUERY = "the query string is longer than 8192 characters"
TOO_MANY = "more than 64 answers"


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(["testserver"]))


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_questions_are_the_cli_json(client: TestClient) -> None:
    response = client.get("/api/questions")

    assert response.status_code == 200
    assert response.json() == cli_json("questions")


@pytest.mark.parametrize(
    ("body", "flags"),
    [
        ({}, []),
        ({"building": "web-app"}, ["--building", "web-app"]),
        (
            {"building": "async-api", "needs": ["api-docs", "typing"], "size": "small"},
            [
                "--building",
                "async-api",
                "--need",
                "api-docs",
                "--need",
                "typing",
                "--size",
                "small",
            ],
        ),
        ({"experience": "beginner", "project_name": "Shop"}, ["--experience", "beginner"]),
    ],
)
def test_recommend_is_the_cli_json(
    client: TestClient, body: dict[str, Any], flags: list[str]
) -> None:
    response = client.post("/api/recommend", json=body)

    assert response.status_code == 200
    assert response.json() == cli_json("recommend", *flags)


@pytest.mark.parametrize(
    ("query", "args", "slug"),
    [
        ("", "", "my_project"),
        (
            "building=web-app&needs=auth,admin&project_name=Shop",
            "--building web-app --need auth --need admin --name Shop",
            "shop",
        ),
        (
            "framework=flask&project_name=Orders&database=postgresql&docker=no",
            "--framework flask --name Orders --set database=postgresql --set docker=no",
            "orders",
        ),
        (
            "building=async-api&needs=api-docs&needs=typing&project_name=Bus%20Stop"
            "&description=Tells%20%C3%A9tas",
            "--building async-api --need api-docs --need typing --name 'Bus Stop' "
            "--set 'description=Tells étas'",
            "bus_stop",
        ),
    ],
)
def test_the_zip_holds_exactly_what_new_writes(
    client: TestClient, tmp_path: Path, query: str, args: str, slug: str
) -> None:
    response = client.get(f"/starter.zip?{query}")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == f'attachment; filename="{slug}.zip"'
    assert zip_tree(response.content) == new_tree(shlex.split(args), tmp_path)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {name.split("/")[0] for name in names} == {slug}
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert client.get(f"/starter.zip?{query}").content == response.content


def test_the_zip_keeps_executable_bits(client: TestClient) -> None:
    tree = zip_tree(client.get("/starter.zip?framework=django").content)

    assert tree["my_project/manage.py"][1] == 0o755
    assert tree["my_project/README.md"][1] == 0o644


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (json.dumps({"framework": "fastapi", "project_name": "Shop"}), "application/json"),
        ("framework=fastapi&project_name=Shop", "application/x-www-form-urlencoded"),
    ],
)
def test_the_zip_takes_posted_answers(client: TestClient, body: str, content_type: str) -> None:
    posted = client.post("/starter.zip", content=body, headers={"content-type": content_type})

    assert posted.status_code == 200
    assert posted.content == client.get("/starter.zip?framework=fastapi&project_name=Shop").content


def test_the_preview_lists_the_files_and_command_new_gives(
    client: TestClient, tmp_path: Path
) -> None:
    data = client.get("/api/preview?framework=django&project_name=Shop").json()

    tree = new_tree(["--framework", "django", "--name", "Shop"], tmp_path)
    assert [f"shop/{entry['path']}" for entry in data["files"]] == list(tree)
    by_path = {entry["path"]: entry for entry in data["files"]}
    assert by_path["README.md"]["text"].encode() == tree["shop/README.md"][0]
    assert (by_path["manage.py"]["executable"], by_path["README.md"]["executable"]) == (True, False)
    assert data["command"] == "stackwise new --no-input --framework django --name Shop -o ."
    assert (data["project_slug"], data["framework"]) == ("shop", "django")


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        (
            "GET",
            "/api/preview?building=game&colour=blue&needs=admin,x",
            None,
            [("building", BAD_BUILDING), ("colour", UNKNOWN_COLOUR), ("needs", BAD_NEED)],
        ),
        (
            "GET",
            "/starter.zip?framework=django&database=none&auth=yes",
            None,
            [
                (
                    "database",
                    "database=none is not available for Django (the chosen framework): set "
                    "database=sqlite or postgresql, or choose --framework flask or fastapi",
                ),
                (
                    "auth",
                    "auth=yes needs a database, but database=none: set database=sqlite or "
                    "postgresql, or auth=no",
                ),
            ],
        ),
        (
            "POST",
            "/api/recommend",
            {"building": "game", "colour": "blue"},
            [("building", BAD_BUILDING), ("colour", UNKNOWN_COLOUR)],
        ),
        (
            "POST",
            "/api/recommend",
            ["web-app"],
            [(None, "the body is not a JSON object: send a JSON object of answers")],
        ),
        (
            "GET",
            "/api/preview?size=small&size=large&docker=no&docker=yes",
            None,
            [
                ("size", "size is given more than once"),
                ("docker", "docker is given more than once"),
            ],
        ),
        ("GET", "/api/options?colour=blue", None, [("colour", UNKNOWN_COLOUR)]),
        ("GET", "/starter.zip?colour=&size=&needs=", None, [("colour", UNKNOWN_COLOUR)]),
    ],
)
def test_bad_answers_are_a_400_naming_every_bad_key(
    client: TestClient, method: str, url: str, body: Any, expected: list[tuple[str, str]]
) -> None:
    response = client.request(method, url, json=body)

    assert response.status_code == 400
    assert response.json() == {"errors": [{"key": k, "message": m} for k, m in expected]}


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "message"),
    [
        (
            "POST",
            "/api/recommend",
            {"content": b" " * 20000},
            "the body is larger than 16384 bytes",
        ),
        ("GET", f"/api/preview?description={'a' * 9000}", {}, TOO_LONG_QUERY),
        ("GET", "/api/options?" + "&".join(f"k{i}=1" for i in range(70)), {}, TOO_MANY),
    ],
)
def test_requests_are_bounded(
    client: TestClient, method: str, url: str, kwargs: dict[str, Any], message: str
) -> None:
    response = client.request(method, url, **kwargs)

    assert response.status_code == 413
    assert response.json() == {"errors": [{"key": None, "message": message}]}


def test_a_request_leaves_nothing_for_the_next(client: TestClient) -> None:
    client.get("/starter.zip?project_name=Shop&framework=django")

    data = client.get("/api/preview").json()
    assert (data["project_slug"], data["framework"]) == ("my_project", "flask")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("framework=django", [("database", "none", "database=none is not available for Django")]),
        (
            "database=none",
            [
                ("auth", "yes", "auth=yes needs a database, but database=none"),
                ("admin", "yes", "admin=yes needs a database, but database=none"),
            ],
        ),
        ("building=web-app", [("database", "none", "database=none is not available for Django")]),
        ("framework=flask", []),
    ],
)
def test_options_that_do_not_apply_are_named_with_the_reason(
    client: TestClient, query: str, expected: list[tuple[str, str, str]]
) -> None:
    data = client.get(f"/api/options?{query}").json()

    assert data["unavailable"] == [{"key": k, "value": v, "reason": r} for k, v, r in expected]


@pytest.mark.parametrize(
    ("host", "status"),
    [("testserver", 200), ("testserver:8000", 200), ("evil.example", 400), ("127.0.0.1", 400)],
)
def test_the_host_header_must_be_an_allowed_host(
    client: TestClient, host: str, status: int
) -> None:
    response = client.get("/api/questions", headers={"host": host})

    assert response.status_code == status
    if status == 400:
        assert response.text == "Invalid host header"


@pytest.mark.parametrize(
    ("host", "extra", "expected"),
    [
        ("127.0.0.1", [], ["127.0.0.1", "localhost", "[::1]"]),
        ("127.0.0.1", ["dev.example"], ["127.0.0.1", "localhost", "[::1]", "dev.example"]),
        ("0.0.0.0", ["starter.example"], ["starter.example"]),
        ("10.0.0.5", [], ["10.0.0.5"]),
        ("::1", [], ["127.0.0.1", "localhost", "[::1]"]),
    ],
)
def test_the_allowed_hosts_follow_the_bound_host(
    host: str, extra: list[str], expected: list[str]
) -> None:
    assert allowed_hosts(host, extra) == expected


def test_the_default_app_answers_only_loopback_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STACKWISE_ALLOWED_HOSTS", raising=False)
    client = TestClient(create_app())

    assert client.get("/api/questions", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/api/questions").status_code == 400  # Host: testserver
    monkeypatch.setenv("STACKWISE_ALLOWED_HOSTS", "testserver, other")
    assert TestClient(create_app()).get("/api/questions").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{"user-agent": "curl/8.5.0"}, {"accept": "text/plain"}],
)
def test_curl_gets_plain_help_with_curl_examples(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.get("/", headers=headers)

    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == PLAIN_HELP


def test_a_browser_gets_the_page(client: TestClient) -> None:
    response = client.get("/", headers={"accept": "text/html,*/*;q=0.8"})

    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    )
    assert "<title>stackwise</title>" in response.text
    assert '<script src="/static/app.js" defer></script>' in response.text
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_the_servers_git_identity_never_reaches_a_project(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anonymous = client.get("/starter.zip?framework=flask").content
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Server Admin\n\temail = admin@example.com\n", "utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))

    assert client.get("/starter.zip?framework=flask").content == anonymous
    with_identity = new_tree(["--framework", "flask"], tmp_path / "cli")
    assert b"Server Admin" in with_identity["my_project/pyproject.toml"][0]
    assert b"Server Admin" not in zip_tree(anonymous)["my_project/pyproject.toml"][0]
