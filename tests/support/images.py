"""The starters' images built with podman and run as production, for tests/images/.

A case is a framework and its options. Its image is built once per test session (worker)
from the baked project, with the pip configuration of the host mounted so that pip reaches
the index (``pip_mounts``), and run with the production secrets given by ``-e``. Nothing of
the test's own set-up is written into the project: the Dockerfile built is the one a user
builds with Docker.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from support.podman import base_image, pip_mounts, podman
from support.starters import bake


@dataclass(frozen=True)
class Framework:
    """What running a framework's production image takes, and a file of its code."""

    #: The variable production refuses to start without.
    secret: str
    #: The rest of what production needs on plain HTTP on this machine.
    env: Mapping[str, str]
    #: A module of the app's own code, changed to check that the dependency layer is reused.
    code: str
    #: What the final image's instruction that brings in the dependencies says.
    dependencies: str = "pip install"
    #: Run in the app's container (``{slug}``: the package): queues the example task with
    #: id 0 (no such row) and prints what the worker returned, ``None``.
    task: tuple[str, ...] = ()


LOCAL = "localhost,127.0.0.1"
FRAMEWORKS = {
    "flask": Framework(
        "SECRET_KEY",
        {"ALLOWED_HOSTS": LOCAL},
        "{slug}/__init__.py",
        dependencies=" in /srv/.venv",  # COPY --from=dependencies /srv/.venv /srv/.venv
        task=(
            "python",
            "-c",
            "from {slug} import create_app; create_app(); from {slug}.tasks import item_created;"
            " print(item_created.delay(0).get(timeout=60))",
        ),
    ),
    "fastapi": Framework(
        "SECRET_KEY",
        {"ALLOWED_HOSTS": LOCAL},
        "app/main.py",
        dependencies=" in /opt/venv",  # COPY --from=dependencies /opt/venv /opt/venv
        task=(
            "python",
            "-c",
            "from app.tasks import item_created; print(item_created.delay(0).get(timeout=60))",
        ),
    ),
    "django": Framework(
        "DJANGO_SECRET_KEY",
        {"DJANGO_ALLOWED_HOSTS": LOCAL, "DJANGO_SECURE_SSL_REDIRECT": "false"},
        "config/urls.py",
        dependencies=" in /opt/venv",  # COPY --from=dependencies /opt/venv /opt/venv
        task=(
            "python",
            "manage.py",
            "shell",
            "-c",
            "from {slug}.notes.tasks import count_words;"
            " print(count_words.delay(0).get(timeout=60))",
        ),
    ),
}


@dataclass(frozen=True)
class Case:
    """A starter whose image the tier builds, and what its image must do."""

    framework: str
    options: Mapping[str, str]
    #: Whether production needs the framework's secret (and refuses to start without it).
    secret: bool
    #: Pages whose ``/static`` references must all load from the running container.
    static_pages: tuple[str, ...] = ()
    #: Whether the documented migration command runs in the container (SQLite: it must be
    #: able to write where the app keeps its database).
    migrates: bool = False
    #: With a pin (``click==8.1.8``), the project has a uv.lock, as ``stackwise new --lock``
    #: makes it, that holds a dependency at that older release: what the image must follow.
    locked: str = ""


@dataclass
class Built:
    """A case's baked project and its image."""

    case: Case
    project: Path
    tag: str
    seconds: float
    output: str
    env: dict[str, str] = field(default_factory=dict)


#: ``images(name, case)``: the case's image, built on first use in a test session.
Images = Callable[[str, Case], Built]


def production_env(case: Case) -> dict[str, str]:
    framework = FRAMEWORKS[case.framework]
    return {framework.secret: secrets.token_urlsafe(48), **framework.env}


def build(project: Path, tag: str, *extra: str) -> tuple[float, str]:
    """``podman build`` of a project as it is; returns the seconds it took and its output."""
    start = time.perf_counter()
    done = podman(
        "build",
        "--format=docker",  # keeps HEALTHCHECK, which the OCI format has no field for
        "--network=host",
        *pip_mounts(),
        *extra,
        "--tag",
        tag,
        str(project),
    )
    return time.perf_counter() - start, done.stdout + done.stderr


def bake_and_build(case: Case, name: str, scratch: Path) -> Built:
    base_image()
    project = bake(case.framework, case.options, scratch).project_dir
    if case.locked:
        lock(project, case.locked)
    tag = f"localhost/stackwise-test/{name}:1"
    seconds, output = build(project, tag)
    return Built(case, project, tag, seconds, output, production_env(case))


def lock(project: Path, pin: str) -> None:
    """``uv lock`` in the project, as ``stackwise new --lock`` runs it, then ``pin`` held
    back to an older release, as a lock made some weeks ago would have it."""
    uv = str(Path(sys.executable).with_name("uv"))
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_PYTHON": sys.executable}
    env["UV_NATIVE_TLS"] = "1"  # the system's certificates, as pip uses them
    for command in ([uv, "lock", "--quiet"], [uv, "lock", "--quiet", "--upgrade-package", pin]):
        subprocess.run(command, cwd=project, env=env, check=True, timeout=300)


def locked_versions(project: Path) -> dict[str, str]:
    """What uv.lock pins, by normalised name."""
    packages = tomllib.loads((project / "uv.lock").read_text("utf-8"))["package"]
    return {package["name"]: package["version"] for package in packages if "version" in package}


def image_id(tag: str) -> str:
    return podman("image", "inspect", "--format", "{{.Id}}", tag).stdout.strip()


def layer_of(tag: str, needle: str) -> str:
    """The id of the image layer whose instruction contains ``needle``."""
    history = podman("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}", tag)
    for line in history.stdout.splitlines():
        layer, _, created_by = line.partition("|")
        if needle in created_by:
            return layer
    raise AssertionError(f"no layer of {tag} runs {needle!r}:\n{history.stdout}")


@contextmanager
def running(
    tag: str, env: Mapping[str, str], *, network: str | None = None, name: str | None = None
) -> Iterator[Container]:
    """The image's server in a container, its port 8000 published on 127.0.0.1."""
    name = name or f"stackwise-test-{secrets.token_hex(4)}"
    args = ["run", "--detach", "--name", name, "--publish", "127.0.0.1::8000"]
    # No systemd here to run the HEALTHCHECK on a timer; the tests run it themselves.
    args += ["--health-interval=disable"]
    if network:
        args += ["--network", network]
    for key, value in env.items():
        args += ["--env", f"{key}={value}"]
    podman(*args, tag)
    try:
        yield Container(name)
    finally:
        podman("rm", "--force", "--volumes", "--time", "2", name, check=False)


@dataclass(frozen=True)
class Container:
    name: str

    @property
    def url(self) -> str:
        port = podman("port", self.name, "8000/tcp").stdout.strip().rsplit(":", 1)[1]
        return f"http://127.0.0.1:{port}"

    def logs(self) -> str:
        done = podman("logs", self.name, check=False)
        return done.stdout + done.stderr

    def wait_for(self, path: str = "/health", timeout: float = 90.0) -> str:
        """The body of ``path`` once it answers 200; fails with the container's logs."""
        deadline = time.monotonic() + timeout
        url = self.url + path
        while time.monotonic() < deadline:
            with suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
            state = podman("inspect", "--format", "{{.State.Status}}", self.name).stdout.strip()
            if state != "running":
                break
            time.sleep(0.5)
        raise AssertionError(f"{url} did not answer 200 in {timeout} s\n{self.logs()[-6000:]}")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


#: A page's reference to a static file: a path under ``static/`` (SQLAdmin: ``statics/``), on
#: this site, absolute or not.
STATIC_REFERENCE = re.compile(
    r"""(?:href|src)=["'](?:http://127\.0\.0\.1:\d+)?(/[^"'?#]*statics?/[^"'?#]+)"""
)


def static_references(html: str) -> list[str]:
    """The paths of the static files a page names on its own site."""
    return sorted(set(STATIC_REFERENCE.findall(html)))


#: ``served(name, case)``: the case's container, started on first use, answering /health.
Served = Callable[[str, Case], Container]
