{%- from "_flags.j2" import db, sqlite, realtime with context -%}
{%- set secret = cookiecutter.auth == "yes" or cookiecutter.admin == "yes" -%}
"""The production command, gunicorn with uvicorn workers, run for real on 127.0.0.1.

It runs in a directory of its own, so that no ``.env`` is read, with only the variables
each test gives it.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
{%- if secret %}

import pytest
{%- endif %}

ROOT = Path(__file__).resolve().parent.parent
#: The README's and the image's command, but for the address.
COMMAND = [
    "gunicorn",
    "--no-control-socket",
    "app.main:app",
    "--worker-class",
    "uvicorn_worker.UvicornWorker",
]
{%- if secret %}
SECRET_KEY = "a production key of at least thirty-two characters"
#: The line gunicorn stops with: "... in production", or "...: gunicorn is the
#: production server" when ENVIRONMENT says otherwise.
REFUSAL = "error: SECRET_KEY must be set"
{%- endif %}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(variables: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without the app's settings, plus ``variables``.

    One worker: once it answers, none is still starting when the server is stopped (a
    worker forked a moment before SIGTERM can miss it, and gunicorn then waits 30 s)."""
    settings = {
        "ENVIRONMENT",
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "REDIS_URL",
        "MIGRATE_ON_STARTUP",
        "LOG_FORMAT",
        "SENTRY_DSN",
        "SMTP_HOST",
    }
    env = {k: v for k, v in os.environ.items() if k not in settings}
    return {**env, "PYTHONPATH": str(ROOT), "WEB_CONCURRENCY": "1", **variables}


def gunicorn(port: int, cwd: Path) -> list[str]:
    """The command, run by this Python (``python -m gunicorn``, as its script does)."""
    config = str(ROOT / "gunicorn.conf.py")
    return [
        sys.executable,
        "-m",
        *COMMAND,
        *("--bind", f"127.0.0.1:{port}"),
        *("--config", config),
        *("--chdir", str(cwd)),
    ]


@contextmanager
def serving(cwd: Path, variables: Mapping[str, str]) -> Iterator[tuple[int, list[str]]]:
    """The server on a free port once it answers; its output once it has stopped."""
    port = free_port()
    output: list[str] = []
    server = subprocess.Popen(
        gunicorn(port, cwd),
        cwd=cwd,
        env=server_env(variables),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        health = f"http://127.0.0.1:{port}/health"
        while True:
            try:
                with urllib.request.urlopen(health, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.communicate()[0]) from None
                time.sleep(0.05)
        yield port, output
    finally:
        server.terminate()
        output.extend(server.communicate(timeout=30)[0].splitlines())
{%- if secret %}


@pytest.mark.parametrize("environment", [None, "development", "production"])
def test_gunicorn_refuses_to_start_without_a_secret_key_once_in_one_line(
    tmp_path: Path, environment: str | None
) -> None:
    """Whatever ENVIRONMENT says: every worker would make up a key of its own, and
    refuse the tokens and cookies the others signed."""
    variables = {} if environment is None else {"ENVIRONMENT": environment}
{%- if realtime %}
    variables["ALLOWED_HOSTS"] = "localhost"
{%- endif %}
{%- if cookiecutter.email == "yes" %}
    variables["SMTP_HOST"] = "localhost"
{%- endif %}

    done = subprocess.run(
        gunicorn(free_port(), tmp_path),
        cwd=tmp_path,
        env=server_env(variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode != 0
    assert done.stderr.count(REFUSAL) == 1, done.stderr
    assert done.stderr.splitlines()[-1].startswith(REFUSAL), done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "Booting worker" not in done.stderr
{%- endif %}


def test_gunicorn_without_environment_serves_in_production(tmp_path: Path) -> None:
    """Production is what a server gets unless development is asked for{% if db %}: and
    production applies no migrations when it starts{% endif %}."""
{%- if not (secret or realtime or sqlite or cookiecutter.email == "yes") %}
    variables: dict[str, str] = {}
{%- else %}
    variables: dict[str, str] = {
{%- if secret %}
        "SECRET_KEY": SECRET_KEY,
{%- endif %}
{%- if realtime %}
        "ALLOWED_HOSTS": "localhost",
{%- endif %}
{%- if cookiecutter.email == "yes" %}
        "SMTP_HOST": "localhost",
{%- endif %}
{%- if sqlite %}
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
{%- endif %}
    }
{%- endif %}

    with (
        serving(tmp_path, variables) as (port, output),
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health") as response,
    ):
        hsts = response.headers["Strict-Transport-Security"]

    log = "\n".join(output)
    assert "started (production)" in log, log
    assert "started (development)" not in log
    assert "Traceback" not in log
    assert hsts == "max-age=31536000"
{%- if sqlite %}
    assert not (tmp_path / "app.db").exists()
{%- endif %}
