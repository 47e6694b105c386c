"""compose.yaml brought up with podman-compose in its documented order, and down again.

Podman 4.3 cannot wait for ``condition: service_healthy`` (podman-compose says so and starts
the dependents at once), and without systemd nothing runs health checks on their timers. So
the services come up one at a time, in the order their ``depends_on`` give, and the health
checks others wait for are run here.
"""

from __future__ import annotations

import shlex
import shutil
import socket
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from support.podman import call, pip_mounts, podman

#: How the starters' compose files publish the app: on 127.0.0.1, on APP_PORT (8000 unless set).
APP_PORTS = "127.0.0.1:${APP_PORT:-8000}:8000"
#: What they publish on a port of their own: Redis (PostgreSQL only in the dev profile).
FIXED = (6379,)


def compose(project: Path, name: str, *args: str, timeout: float = 900) -> str:
    build_args = shlex.join(["--format=docker", "--network=host", *pip_mounts()])
    done = call(
        [
            sys.executable,
            "-m",
            "podman_compose",
            "-p",
            name,
            f"--podman-build-args={build_args}",
            *args,
        ],
        cwd=project,
        timeout=timeout,
    )
    return done.stdout + done.stderr


def containers(name: str, service: str | None = None) -> list[str]:
    filters = ["--filter", f"label=io.podman.compose.project={name}"]
    if service:
        filters += ["--filter", f"label=io.podman.compose.service={service}"]
    return podman("ps", "--all", *filters, "--format", "{{.Names}}").stdout.split()


def healthy(container: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if podman("healthcheck", "run", container, check=False).returncode == 0:
            return
        time.sleep(1)
    logs = podman("logs", container, check=False)
    raise AssertionError(f"{container} not healthy in {timeout} s\n{logs.stdout}{logs.stderr}")


def taken(port: int) -> bool:
    """Whether podman could not bind the port: something listens, or holds it bound."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as podman binds
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


def holders(ports: list[int]) -> str:
    """What ``ss`` says holds the ports, for the message of a test that finds them taken."""
    if not shutil.which("ss"):
        return "(no ss here to say)"
    done = call(["ss", "-Htanp"], check=False)
    wanted = {f":{port}" for port in ports}
    return "\n".join(
        line for line in done.stdout.splitlines() if any(f"{p} " in line for p in wanted)
    )


def in_order(spec: Mapping[str, Any]) -> list[str]:
    """The services ``up`` starts (no profile), each after those it depends on."""
    services = {name: svc for name, svc in spec["services"].items() if not svc.get("profiles")}
    done: list[str] = []
    while len(done) < len(services):
        ready = [
            name
            for name, service in services.items()
            if name not in done and set(service.get("depends_on") or {}) <= set(done)
        ]
        assert ready, f"compose.yaml's depends_on make a cycle among {sorted(services)}"
        done += sorted(ready)
    return done


def awaited(spec: Mapping[str, Any], service: str) -> set[str]:
    """The conditions other services wait on ``service`` for."""
    return {
        how.get("condition", "service_started")
        for other in spec["services"].values()
        if not other.get("profiles")
        for dependency, how in (other.get("depends_on") or {}).items()
        if dependency == service
    }


@contextmanager
def up(project: Path, name: str, env: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    """The project's services up in compose's order, ``env`` (with APP_PORT) in its .env.

    Each service starts alone (``--no-deps``: podman 4.3 cannot start a container whose
    requirements have requirements), once what it depends on is as its ``depends_on``
    asks: healthy, or finished with exit status 0. Everything is brought down at the end.
    """
    ports = [*FIXED, int(env["APP_PORT"])]
    deadline = time.monotonic() + 30  # the previous case's containers may still be stopping
    while (busy := [port for port in ports if taken(port)]) and time.monotonic() < deadline:
        time.sleep(1)
    assert not busy, f"compose.yaml publishes {busy} on 127.0.0.1, held by:\n{holders(busy)}"
    (project / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()), "utf-8")
    spec = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))
    compose(project, name, "down", "--volumes", "--timeout", "5")  # what a killed run left
    try:
        for service in in_order(spec):
            compose(project, name, "up", "--detach", "--build", "--no-deps", service)
            container = containers(name, service)[0]
            conditions = awaited(spec, service)
            if "service_healthy" in conditions:
                healthy(container)
            if "service_completed_successfully" in conditions:
                status = podman("wait", container).stdout.strip()
                logs = podman("logs", container, check=False)
                assert status == "0", f"{service} exited {status}\n{logs.stdout}{logs.stderr}"
        yield spec
    finally:
        compose(project, name, "down", "--volumes", "--timeout", "5")


def app_service(spec: Mapping[str, Any]) -> str:
    """The service compose publishes on APP_PORT (``app`` or ``web``)."""
    return next(
        name
        for name, service in spec["services"].items()
        if APP_PORTS in service.get("ports", []) and not service.get("profiles")
    )


def tables(spec: Mapping[str, Any], name: str) -> list[str]:
    """The tables in the ``db`` service's database."""
    env = spec["services"]["db"]["environment"]
    user = env.get("POSTGRES_USER", "postgres")
    query = "select tablename from pg_tables where schemaname = 'public'"
    db = containers(name, "db")[0]
    done = podman("exec", db, "psql", "-U", user, "-d", env["POSTGRES_DB"], "-Atc", query)
    return done.stdout.split()
