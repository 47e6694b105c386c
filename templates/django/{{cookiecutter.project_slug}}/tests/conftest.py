"""The PostgreSQL server must answer before pytest-django makes the test database: if it
does not, the run stops with one line rather than an error for every test."""

import socket

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
) -> None:
    database = settings.DATABASES["default"]
    host = str(database.get("HOST") or "")
    if not host or host.startswith("/"):
        return  # a Unix socket: psycopg reports a missing server itself
    port = int(database.get("PORT") or 5432)
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as error:
        pytest.exit(
            f"PostgreSQL does not answer at {host}:{port} ({error.strerror or error}): "
            "start it{% if cookiecutter.docker == "yes" %} (docker compose up -d db){% endif %} or point DATABASE_URL at another server",
            returncode=1,
        )
