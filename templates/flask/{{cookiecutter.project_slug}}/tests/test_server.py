{%- from "_flags.j2" import signs, rt, celery, mail with context -%}
{%- set needs = (["SECRET_KEY"] if signs else []) + (["ALLOWED_HOSTS"] if rt else []) + (["REDIS_URL"] if celery else []) + (["SMTP_HOST"] if mail else []) -%}
"""The production server, for real: gunicorn with the command the README and Dockerfile give."""

import json
import os
{%- if rt and not celery %}
import runpy
{%- endif %}
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 30
#: What production needs: {% if needs %}the settings config.production_problem asks for{% else %}nothing, as nothing signs{% endif %}.
{%- if needs %}
PRODUCTION: dict[str, str] = {
{%- if signs %}
    "SECRET_KEY": "s" * 40,
{%- endif %}
{%- if rt %}
    "ALLOWED_HOSTS": "example.com",
{%- endif %}
{%- if celery %}
    "REDIS_URL": "redis://redis.example:6379/0",
{%- endif %}
{%- if mail %}
    "SMTP_HOST": "smtp.example.com",
{%- endif %}
}
{%- else %}
PRODUCTION: dict[str, str] = {}
{%- endif %}
COMMAND = [
    sys.executable,
    "-m",
    "gunicorn",
    "--no-control-socket",
    "{{ cookiecutter.project_slug }}:create_app()",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty home directory for the server."""
    home = tmp_path / "home"
    home.mkdir()
    return home


def server_environment(home: Path, **settings: str) -> dict[str, str]:
    """This environment without the app's own settings, with ``settings`` and ``HOME=home``."""
    drop = {
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "FLASK_DEBUG",
        "WEB_CONCURRENCY",
        "XDG_RUNTIME_DIR",
{%- if rt or celery %}
        "REDIS_URL",
{%- endif %}
{%- if mail %}
        "SMTP_HOST",
{%- endif %}
    }
    environment = {key: value for key, value in os.environ.items() if key not in drop}
{%- if cookiecutter.database != "none" %}
    # /health does not use the database; this keeps the development one out of reach.
    environment["DATABASE_URL"] = f"sqlite:///{home.parent / 'server.sqlite3'}"
{%- endif %}
    return {**environment, "HOME": str(home), "WEB_CONCURRENCY": "1", **settings}


def test_gunicorn_serves_the_app_and_writes_nothing_in_home(
    tmp_path: Path, home: Path
) -> None:
    port = free_port()
    environment = server_environment(home, **PRODUCTION, PORT=str(port))
{%- if not signs %}
    assert "SECRET_KEY" not in environment  # nothing signs, so none is needed
{%- endif %}
    log = tmp_path / "gunicorn.log"

    with (
        log.open("w") as output,
        subprocess.Popen(
            COMMAND, cwd=PROJECT, env=environment, stdout=output, stderr=output
        ) as server,
    ):
        try:
            body = wait_for(f"http://127.0.0.1:{port}/health", server, log)
        finally:
            server.terminate()
            server.wait(timeout=30)

    assert json.loads(body) == {"status": "ok"}
    assert list(home.iterdir()) == []
{%- for name in needs %}


@pytest.mark.parametrize("debug", [None, "1"], ids=["production", "FLASK_DEBUG=1"])
def test_gunicorn_refuses_to_start_without_{{ name|lower }}_once_in_one_line(
    home: Path, debug: str | None
) -> None:
    settings = dict(PRODUCTION)
    del settings["{{ name }}"]
    if debug:
        settings["FLASK_DEBUG"] = debug
    environment = server_environment(home, **settings, PORT=str(free_port()))
    environment["WEB_CONCURRENCY"] = "{% if rt %}1{% else %}3{% endif %}"

    done = subprocess.run(
        COMMAND,
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in output
    assert output.strip().count("\n") == 0, output
    assert output.startswith("{{ name }} must ")
{%- endfor %}
{%- if rt and not celery %}


def test_without_redis_gunicorn_refuses_more_than_one_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)

    with pytest.raises(SystemExit, match="needs REDIS_URL"):
        runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
{%- endif %}


def wait_for(url: str, server: "subprocess.Popen[bytes]", log: Path) -> bytes:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body: bytes = response.read()
                return body
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}:\n{log.read_text()}")
