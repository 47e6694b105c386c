"""Throwaway PostgreSQL and Redis servers on 127.0.0.1 for the starters' own tests.

Each starts on a free port in a temporary directory and stops when the test session ends.
A missing server binary is a test failure, never a skip: the PostgreSQL and Redis variants
of the starters are only tested for real. ``STACKWISE_TEST_POSTGRES_URL`` and
``STACKWISE_TEST_REDIS_URL`` point the tests at servers that are already running instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@dataclass(frozen=True)
class Postgres:
    """A server whose ``postgres`` role may create databases; ``url`` names one of them."""

    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        psql = _pg_binary("psql")
        subprocess.run(
            [
                psql,
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                f'CREATE DATABASE "{name}"',
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return self.url(name)


def _pg_binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    path = found[-1] if found else shutil.which(name)
    if path is None:
        pytest.fail(
            f"PostgreSQL's {name} was not found: install the server (Debian package "
            "'postgresql'); the PostgreSQL starters are tested against a real server",
            pytrace=False,
        )
    return path


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; under root, run it as the 'postgres' account."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def postgres_server() -> Iterator[Postgres]:
    if url := os.environ.get("STACKWISE_TEST_POSTGRES_URL"):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        yield Postgres(
            parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "postgres"
        )
        return
    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    data = Path(tempfile.mkdtemp(prefix="stackwise-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    run = lambda cmd: subprocess.run(_as_postgres_user(cmd), check=True, capture_output=True)  # noqa: E731
    run(
        [
            initdb,
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        ]
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={data} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    run([pg_ctl, "-D", str(data), "-l", str(data / "server.log"), "-w", "-o", options, "start"])
    try:
        yield Postgres("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            _as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[str]:
    """Yield the ``redis://`` URL of a server that keeps nothing on disk."""
    if url := os.environ.get("STACKWISE_TEST_REDIS_URL"):
        yield url
        return
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(binary):
        pytest.fail(
            "redis-server was not found: install it (Debian package 'redis-server'); the "
            "realtime starters are tested against a real Redis server",
            pytrace=False,
        )
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
