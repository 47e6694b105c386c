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
from concurrent.futures import ThreadPoolExecutor
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


def without(env: dict[str, str], *names: str) -> dict[str, str]:
    return {key: value for key, value in env.items() if key not in names}


class FreshProcesses:
    """Commands for ``run``, which the test modules add by name as they are imported.

    The first result a test asks for runs every command not yet run, as many at a time
    as the machine has cores: together they take about the time of the slowest few, not
    the sum of all."""

    def __init__(self) -> None:
        self.commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.results: dict[str, subprocess.CompletedProcess[str]] = {}

    def add(self, name: str, args: list[str], env: dict[str, str]) -> str:
        self.commands[name] = (args, env)
        return name

    def result(self, name: str) -> subprocess.CompletedProcess[str]:
        if name not in self.results:
            waiting = {k: c for k, c in self.commands.items() if k not in self.results}
            with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
                running = {k: pool.submit(run, *c) for k, c in waiting.items()}
            self.results.update({k: future.result() for k, future in running.items()})
        return self.results[name]


FRESH = FreshProcesses()


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
    """The production server command, as the Dockerfile runs it, but for the address."""
    return [
        "-m",
        "gunicorn",
        "--no-control-socket",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
    ]
{%- endif %}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """The production server on a free local port, stopped afterwards; yields its URL.

    One worker: once it answers, none is still starting when the server is stopped (a
    worker forked a moment before SIGTERM can miss it, and gunicorn then waits 30 s)."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    server = subprocess.Popen(
        [sys.executable, *server_command(port)],
        cwd=ROOT,
        env={**clean, "WEB_CONCURRENCY": "1", **env},
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
        except subprocess.TimeoutExpired:
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
            time.sleep(0.05)


#: What the tests below ask of production, all of one fresh process: it imports the WSGI
#: entry point with DJANGO_SETTINGS_MODULE unset, as the server does, then answers as JSON.
PRODUCTION_PROBE = """
import io, json
import config.wsgi
from django.conf import settings
from django.core.management import call_command
from django.test import Client

checks = io.StringIO()
call_command("check", deploy=True, fail_level="WARNING", stdout=checks)
# As the image's HEALTHCHECK and load balancers ask: by IP address, over plain HTTP.
by_ip = Client(HTTP_HOST="10.0.0.7:8000")
plain = Client(HTTP_HOST="example.com")
https = Client(
    HTTP_HOST="example.com", HTTP_X_FORWARDED_PROTO="https", HTTP_X_REQUEST_ID="req-42"
)
answers = {
    "settings": [settings.SETTINGS_MODULE, settings.DEBUG],
    "checks": checks.getvalue(),
    "by_ip": [by_ip.get("/health").status_code, by_ip.get("/").status_code],
    "plain": [plain.get("/health").status_code, plain.get("/")["Location"]],
    "headers": dict(https.get("/no-such-page").headers),
    "database": settings.DATABASES["default"],
}
print(json.dumps(answers, default=str))
"""


PRODUCTION = FRESH.add(
    "production",
    ["-c", PRODUCTION_PROBE],
    without(production_env(), "DJANGO_SETTINGS_MODULE"),
)


def production() -> tuple[dict[str, Any], str]:
    """The production probe's answers, and its standard error: the log lines it wrote."""
    done = FRESH.result(PRODUCTION)
    assert done.returncode == 0, done.stderr
    answers: dict[str, Any] = json.loads(done.stdout)
    return answers, done.stderr


def test_production_passes_the_deploy_checks() -> None:
    answers, _ = production()

    assert "no issues" in answers["checks"]


NO_SECRET_KEY = FRESH.add(
    "manage.py without the secret key",
    ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    without(production_env(), "DJANGO_SECRET_KEY"),
)


def test_production_refuses_to_start_without_the_secret_key() -> None:
    done = FRESH.result(NO_SECRET_KEY)

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


#: The server without the secret key, by the settings module it is given.
SERVER_WITHOUT_SECRET_KEY = {
    "default": FRESH.add(
        "the server without the secret key",
        server_command(free_port()),
        without(production_env(), "DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE"),
    ),
    "production": FRESH.add(
        "the server on production without the secret key",
        server_command(free_port()),
        without(production_env(), "DJANGO_SECRET_KEY"),
    ),
}


@pytest.mark.parametrize("settings_module", ["default", "production"])
def test_the_server_refuses_to_start_without_the_secret_key_once_in_one_line(
    settings_module: str,
) -> None:
    done = FRESH.result(SERVER_WITHOUT_SECRET_KEY[settings_module])

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


def test_the_wsgi_entry_point_defaults_to_production() -> None:
    answers, _ = production()

    assert answers["settings"] == ["config.settings.production", False]


ASGI = FRESH.add(
    "the ASGI entry point",
    [
        "-c",
        "import config.asgi; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)",
    ],
    without(production_env(), "DJANGO_SETTINGS_MODULE"),
)


def test_the_asgi_entry_point_defaults_to_production() -> None:
    done = FRESH.result(ASGI)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["config.settings.production", "False"]


def test_production_answers_health_probes_by_ip_address_only() -> None:
    answers, _ = production()

    assert answers["by_ip"] == [200, 400]


def test_production_redirects_to_https_except_the_health_endpoint() -> None:
    answers, _ = production()

    assert answers["plain"] == [200, "https://example.com/"]


def test_production_sends_hsts_for_a_year_and_the_other_security_headers() -> None:
    headers: dict[str, str] = production()[0]["headers"]

    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


HSTS_OPT_INS = FRESH.add(
    "production with HSTS's opt-ins",
    [
        "-c",
        "import django; django.setup(); from django.test import Client; "
        "client = Client(HTTP_HOST='example.com', HTTP_X_FORWARDED_PROTO='https'); "
        "print(client.get('/no-such-page')['Strict-Transport-Security'])",
    ],
    production_env(
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="true", DJANGO_SECURE_HSTS_PRELOAD="true"
    ),
)


def test_hsts_subdomains_and_preload_are_opt_in() -> None:
    done = FRESH.result(HSTS_OPT_INS)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "max-age=31536000; includeSubDomains; preload"


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
    database: dict[str, Any] = production()[0]["database"]
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


#: What the tests ask of ``manage.py`` run with nothing set, in one process: its settings,
#: and the log line of a request for a page that does not exist.
LOCAL_PROBE = (
    "from django.conf import settings; from django.test import Client; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.DATABASES['default']['ENGINE']); "
    "Client(HTTP_HOST='localhost', HTTP_X_REQUEST_ID='req-42').get('/no-such-page')"
)


LOCAL = FRESH.add(
    "manage.py on the local settings",
    ["manage.py", "shell", "-c", LOCAL_PROBE],
    {% if cookiecutter.database == "postgresql" %}{"DATABASE_URL": "postgres://app@db.example.com:5432/app"}{% else %}{}{% endif %},
)


def local() -> tuple[list[str], str]:
    """The local probe's answers, and its standard error: the log lines it wrote."""
    done = FRESH.result(LOCAL)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-3:], done.stderr


def test_manage_py_defaults_to_the_local_settings() -> None:
    answers, _ = local()

    assert answers == [
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
