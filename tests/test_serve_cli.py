"""``stackwise serve`` as a real process, and its one line when the extra is missing."""

from __future__ import annotations

import json
import shlex
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise import api
from stackwise.cli.commands import main
from support.serve import serving


def fetch(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_the_api_on_loopback_and_stops() -> None:
    with serving() as base:
        status, body = fetch(f"{base}/api/questions")
        assert status == 200
        assert json.loads(body) == {"questions": api.questions()}
        assert fetch(f"{base}/api/questions", host="evil.example") == (400, b"Invalid host header")
        assert fetch(f"{base}/api/questions", host=f"localhost:{base.rsplit(':', 1)[1]}")[0] == 200


def test_an_allowed_host_is_answered() -> None:
    with serving("--allowed-host", "starter.example") as base:
        assert fetch(f"{base}/api/questions", host="starter.example")[0] == 200
        assert fetch(f"{base}/api/questions", host="other.example")[0] == 400


def test_open_opens_the_page_once_it_listens(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    script = f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])"
    browser = f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} %s"
    with serving("--open", env={"BROWSER": browser}) as base:
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == f"{base}/"


def test_serve_without_the_extra_names_it_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith(("stackwise.web", "starlette", "uvicorn"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "starlette", None)

    result = CliRunner().invoke(main, ["serve"])

    assert result.exit_code == 1
    assert result.stderr == (
        'Error: stackwise serve needs the serve extra: pip install "stackwise[serve]"\n'
    )
    assert result.stdout == ""
