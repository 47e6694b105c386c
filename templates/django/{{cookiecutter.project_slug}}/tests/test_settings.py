"""The settings modules as the servers and ``manage.py`` load them, each in a fresh process."""

import json
import os
import secrets
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def generated_secret_key() -> str:
    """A fresh 50-character key, made for this test run and never written anywhere."""
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": generated_secret_key(),
        "DJANGO_ALLOWED_HOSTS": "example.com",
{%- if cookiecutter.database == "postgresql" %}
        "DATABASE_URL": "postgres://app@db.example.com:5432/app",
{%- endif %}
{%- if cookiecutter.email == "yes" %}
        "DJANGO_EMAIL_HOST": "smtp.example.com",
{%- endif %}
{%- if cookiecutter.tasks == "celery" %}
        # Nothing listens there: only /ready and Celery would connect, and lazily.
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
{%- endif %}
    }
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run Python in the project root with only the given DJANGO_*, SENTRY_*,
    DATABASE_URL and REDIS_URL."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SENTRY_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


{% if cookiecutter.realtime == "yes" -%}
def server_command(port: int) -> list[str]:
    """The production server command, as the Dockerfile runs it (Daphne, over ASGI)."""
    return [
        "-m",
        "daphne",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "config.asgi:application",
    ]
{%- else -%}
def server_command(port: int) -> list[str]:
    """The production server command, as the Dockerfile runs it, with three workers."""
    return [
        "-m",
        "gunicorn",
        "--no-control-socket",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "3",
    ]
{%- endif %}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """The production server on a free local port, stopped afterwards; yields its URL."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    server = subprocess.Popen(
        [sys.executable, *server_command(port)],
        cwd=ROOT,
        env={**clean, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still booting on a busy machine
            server.kill()
            server.communicate()


def get(url: str) -> tuple[int, dict[str, str]]:
    """GET ``url`` as a request for example.com, without following redirects; retries
    while the server starts."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, headers={"Host": "example.com"})
    deadline = time.monotonic() + 30
    while True:
        try:
            with opener.open(request, timeout=5) as response:
                return response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers)
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def production_database(**overrides: str) -> dict[str, Any]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    done = run(["-c", code], production_env(**overrides))
    assert done.returncode == 0, done.stderr
    database: dict[str, Any] = json.loads(done.stdout)
    return database


def test_production_passes_the_deploy_checks() -> None:
    done = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_the_secret_key() -> None:
    env = production_env()
    del env["DJANGO_SECRET_KEY"]

    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in done.stderr
{%- if cookiecutter.tasks == "celery" %}


def test_production_refuses_to_start_without_the_redis_url() -> None:
    env = production_env()
    del env["REDIS_URL"]

    done = run(["manage.py", "check"], env)

    assert done.returncode != 0
    assert "REDIS_URL is not set" in done.stderr
{%- endif %}
{%- if cookiecutter.database == "postgresql" %}


def test_production_refuses_to_start_without_the_database_url() -> None:
    env = production_env()
    del env["DATABASE_URL"]

    done = run(["manage.py", "check"], env)

    assert done.returncode != 0
    assert "DATABASE_URL is not set" in done.stderr
{%- endif %}


@pytest.mark.parametrize(
    "settings_module", ["", "config.settings.production"], ids=["default", "production"]
)
def test_the_server_refuses_to_start_without_the_secret_key_once_in_one_line(
    settings_module: str,
) -> None:
    env = production_env(DJANGO_SETTINGS_MODULE=settings_module)
    del env["DJANGO_SECRET_KEY"]
    if not settings_module:
        del env["DJANGO_SETTINGS_MODULE"]

    done = run(server_command(free_port()), env)

    message = "DJANGO_SECRET_KEY is not set: the settings read it from the environment"
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.count(message) == 1
    server = "{% if cookiecutter.realtime == "yes" %}config.asgi{% else %}gunicorn{% endif %}"
    assert done.stderr.strip().splitlines() == [f"{server}: {message}"]


def test_the_server_runs_the_production_settings_by_default() -> None:
    env = production_env()
    del env["DJANGO_SETTINGS_MODULE"]

    with serving(env) as url:
        health, _ = get(f"{url}/health")
        home, headers = get(f"{url}/")

    # Production: /health answers over plain HTTP, anything else goes to HTTPS.
    assert health == 200
    assert (home, headers["Location"]) == (301, "https://example.com/")


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_the_server_entry_points_default_to_production(entry_point: str) -> None:
    code = (
        f"import {entry_point}; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)"
    )
    env = production_env()
    del env["DJANGO_SETTINGS_MODULE"]

    done = run(["-c", code], env)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["config.settings.production", "False"]


def test_production_answers_health_probes_by_ip_address_only() -> None:
    # As the image's HEALTHCHECK and load balancers ask: by IP address, over plain HTTP.
    code = (
        "import django; django.setup(); from django.test import Client; "
        "client = Client(HTTP_HOST='10.0.0.7:8000'); "
        "print(client.get('/health').status_code, client.get('/').status_code)"
    )

    done = run(["-c", code], production_env())

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "400"]


def test_production_redirects_to_https_except_the_health_endpoint() -> None:
    code = (
        "import django; django.setup(); from django.test import Client; "
        "client = Client(HTTP_HOST='example.com'); "
        "print(client.get('/health').status_code, client.get('/')['Location'])"
    )

    done = run(["-c", code], production_env())

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "https://example.com/"]


def production_headers(**overrides: str) -> dict[str, str]:
    """The headers of a production response to a request that came over HTTPS."""
    code = (
        "import json, django; django.setup(); from django.test import Client; "
        "client = Client(HTTP_HOST='example.com', HTTP_X_FORWARDED_PROTO='https'); "
        "print(json.dumps(dict(client.get('/no-such-page').headers)))"
    )
    done = run(["-c", code], production_env(**overrides))
    assert done.returncode == 0, done.stderr
    headers: dict[str, str] = json.loads(done.stdout)
    return headers


def test_production_sends_hsts_for_a_year_and_the_other_security_headers() -> None:
    headers = production_headers()

    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_hsts_subdomains_and_preload_are_opt_in() -> None:
    headers = production_headers(
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="true", DJANGO_SECURE_HSTS_PRELOAD="true"
    )

    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


{% if cookiecutter.api_docs == "yes" -%}
def test_the_cors_allow_list_comes_from_the_environment() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(settings.CORS_ALLOWED_ORIGINS) or '-')"
    )
    origins = "https://a.example, https://b.example,"

    listed = run(["-c", code], production_env(DJANGO_CORS_ALLOWED_ORIGINS=origins))
    unset = run(["-c", code], production_env())

    assert listed.stdout.split() == ["https://a.example", "https://b.example"]
    assert unset.stdout.split() == ["-"]


{% endif -%}
def test_production_reuses_database_connections() -> None:
    database = production_database()
{% if cookiecutter.database == "postgresql" %}
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.example.com", "app")
{%- else %}
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")
{%- endif %}
{%- if cookiecutter.realtime == "yes" %}
    # Under ASGI, Django advises against persistent connections.
    assert database["CONN_MAX_AGE"] == 0
{%- if cookiecutter.database == "postgresql" %}
    assert database["OPTIONS"]["pool"] is True
    assert database["CONN_HEALTH_CHECKS"] is True
{%- endif %}
{%- else %}
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True
{%- endif %}


def test_manage_py_defaults_to_the_local_settings() -> None:
    code = (
        "from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    )
{%- if cookiecutter.database == "postgresql" %}
    env = {"DATABASE_URL": "postgres://app@db.example.com:5432/app"}
{%- endif %}

    done = run(["manage.py", "shell", "-c", code], {% if cookiecutter.database == "postgresql" %}env{% else %}{}{% endif %})

    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == [
        "config.settings.local",
        "True",
        "django.db.backends.{% if cookiecutter.database == "postgresql" %}postgresql{% else %}sqlite3{% endif %}",
    ]
{%- if cookiecutter.database == "postgresql" %}


def test_manage_py_without_the_database_url_says_so_in_one_line() -> None:
    done = run(["manage.py", "migrate"], {})

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "manage.py: DATABASE_URL is not set: the settings read it from the environment"
    ]


def test_pytest_without_the_test_database_url_says_so_in_one_line() -> None:
    # DATABASE_URL (production's, say) does not stand in for it.
    env = {"TEST_DATABASE_URL": "", "DATABASE_URL": "postgres://app@db.example.com/app"}
    test = "tests/test_health.py"

    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov", test], env)

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "pytest: TEST_DATABASE_URL is not set: the tests run on PostgreSQL, on a server "
        "where they may create a database (see .env.example)"
    ]


def test_pytest_stops_in_one_line_when_the_server_does_not_answer() -> None:
    env = {"TEST_DATABASE_URL": f"postgres://app@127.0.0.1:{free_port()}/app"}
    test = "tests/test_users.py::test_passwords_are_stored_hashed"

    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov", test], env)

    assert done.returncode != 0
    assert "PostgreSQL does not answer at 127.0.0.1" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
{%- endif %}


def test_the_tests_run_on_the_test_settings() -> None:
    assert settings.SETTINGS_MODULE == "config.settings.test"


def test_the_tests_keep_their_settings_whatever_the_shell_exports() -> None:
    # As after the deploy section's `export DJANGO_SETTINGS_MODULE=...production`, with
    # no secret key: the production settings would refuse to load.
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    test = "tests/test_settings.py::test_the_tests_run_on_the_test_settings"

    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-cov", test], env)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


@pytest.mark.django_db
def test_the_migrations_match_the_models() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
