"""Every starter's image built with podman and run as production (marker ``image``).

The cases are in ``cases.py``. Images come from a stand-in of ``python:3.11-slim``
(``support/podman.py``), so what this proves is each Dockerfile's own steps; the PostgreSQL
cases run under compose with stand-ins of ``postgres:17`` and ``redis:8``.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

import pytest
import yaml
from cases import CASES, COMPOSED, STANDALONE, each

from support.compose import app_service, containers, healthy, tables, up
from support.images import (
    FRAMEWORKS,
    Built,
    Container,
    build,
    get,
    image_id,
    layer_of,
    locked_versions,
    static_references,
)
from support.podman import podman, standin
from support.serve import free_port

pytestmark = [pytest.mark.image, pytest.mark.slow]

#: What has no place in an image: tests, version control, caches, local settings.
UNWANTED = ("tests", ".git", ".env", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache")


def test_the_cases_take_every_value_of_the_options_that_shape_an_image() -> None:
    taken = {
        (key, case.options.get(key, default))
        for case in CASES.values()
        for key, default in (
            ("database", "sqlite"),
            ("realtime", "no"),
            ("html", "no"),
            ("tasks", "none"),
        )
    }
    wanted = {("database", value) for value in ("sqlite", "postgresql", "none")} | {
        (key, value) for key in ("realtime", "html") for value in ("yes", "no")
    }
    wanted |= {("tasks", "none"), ("tasks", "celery")}
    assert wanted <= taken


def assert_static_files_load(base_url: str, pages: tuple[str, ...]) -> None:
    """Each page answers, names files under /static, and every one of them loads."""
    for page in pages:
        status, body = get(base_url + page)
        assert status == 200, (page, status, body[:500])
        references = static_references(body.decode())
        assert references, (page, body[:2000])
        for reference in references:
            status, content = get(base_url + reference)
            assert (status, bool(content)) == (200, True), (page, reference, status)


def assert_not_root(container: str) -> None:
    """Every process of the container runs as the image's user, 10001, not root."""
    pid = podman("inspect", "--format", "{{.State.Pid}}", container).stdout.strip()
    status = Path(f"/proc/{pid}/status").read_text("utf-8")
    uids = next(line.split()[1:] for line in status.splitlines() if line.startswith("Uid:"))
    assert set(uids) == {"10001"}, status
    users = podman("top", container, "user").stdout.split()[1:]
    assert users, "podman top lists no process"
    assert set(users) <= {"10001", "app"}, users


def assert_the_worker_runs_a_task(project: str, app: str, built: Built) -> None:
    """The example task, queued from the app's container, is run by the worker's."""
    worker = containers(project, "worker")[0]
    healthy(worker)
    framework = FRAMEWORKS[built.case.framework]
    command = [part.format(slug=built.project.name) for part in framework.task]
    done = podman("exec", app, *command, check=False)
    logs = podman("logs", worker, check=False)
    printed = done.stdout.strip().splitlines()[-1:]  # Django's shell says what it imported first
    assert (done.returncode, printed) == (0, ["None"]), done.stderr + logs.stderr
    assert "succeeded in" in logs.stdout + logs.stderr, logs.stdout + logs.stderr
    assert_not_root(worker)


@pytest.mark.parametrize("built", each(STANDALONE), indirect=True)
def test_health_answers_through_the_published_port(container: Container) -> None:
    assert container.url.startswith("http://127.0.0.1:")
    assert json.loads(container.wait_for("/health")) == {"status": "ok"}


@pytest.mark.parametrize("built", each(STANDALONE), indirect=True)
def test_the_server_runs_as_a_user_who_is_not_root(container: Container) -> None:
    assert_not_root(container.name)


@pytest.mark.parametrize("built", each(STANDALONE), indirect=True)
def test_the_images_healthcheck_passes_inside_the_container(
    built: Built, container: Container
) -> None:
    configured = json.loads(podman("image", "inspect", built.tag).stdout)[0]["Healthcheck"]
    assert configured, "the image has no HEALTHCHECK"
    assert "/health" in " ".join(configured["Test"]), configured
    done = podman("healthcheck", "run", container.name, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, ""), done.stdout + done.stderr


@pytest.mark.parametrize(
    "built", each(name for name, case in STANDALONE.items() if case.static_pages), indirect=True
)
def test_the_pages_static_files_are_served(built: Built, container: Container) -> None:
    assert_static_files_load(container.url, built.case.static_pages)


@pytest.mark.parametrize(
    "built",
    each(name for name, case in STANDALONE.items() if case.options.get("database") != "none"),
    indirect=True,
)
def test_the_documented_migration_writes_the_database_as_the_app_user(
    built: Built, container: Container
) -> None:
    compose = yaml.safe_load((built.project / "compose.yaml").read_text("utf-8"))
    command = compose["services"]["migrate"]["command"]
    done = podman("exec", container.name, *command, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(container.wait_for("/health")) == {"status": "ok"}


@pytest.mark.parametrize(
    "built", each(name for name, case in CASES.items() if case.locked), indirect=True
)
def test_a_locked_project_installs_exactly_what_its_lock_pins(built: Built) -> None:
    """Every distribution in the image's environment at the version uv.lock gives it."""
    listing = (
        "from importlib.metadata import distributions\n"
        "for d in distributions(): print(d.name, d.version)"
    )
    done = podman("run", "--rm", "--entrypoint", "python", built.tag, "-c", listing)
    installed = {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in (line.split() for line in done.stdout.splitlines())
    }
    pinned = locked_versions(built.project)
    name, _, version = built.case.locked.partition("==")
    assert (installed.get(name), pinned[name]) == (version, version)
    assert {name: pinned.get(name) for name in installed} == installed


@pytest.mark.parametrize("built", each(CASES), indirect=True)
def test_the_image_holds_no_tests_caches_or_local_settings(built: Built) -> None:
    found = podman(
        "run", "--rm", "--entrypoint", "find", built.tag, ".", "-maxdepth", "3", "-name", "*"
    ).stdout.split()
    unwanted = [path for path in found if Path(path).name in UNWANTED]
    assert unwanted == [], unwanted


@pytest.mark.parametrize(
    "built", each(name for name, case in CASES.items() if case.secret), indirect=True
)
def test_without_the_secret_the_production_server_refuses_in_one_line(built: Built) -> None:
    secret = FRAMEWORKS[built.case.framework].secret
    env = [f"--env={key}={value}" for key, value in built.env.items() if key != secret]
    done = podman("run", "--rm", *env, built.tag, check=False, timeout=120)
    errors = [line for line in done.stderr.splitlines() if secret in line]
    assert done.returncode != 0, done.stdout + done.stderr
    assert len(errors) == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("built", each(CASES), indirect=True)
def test_a_code_change_rebuilds_on_the_cached_dependency_layer(built: Built) -> None:
    code = built.project / FRAMEWORKS[built.case.framework].code.format(slug=built.project.name)
    code.write_text(code.read_text("utf-8") + "# a change to the code alone\n", "utf-8")
    changed = f"{built.tag}-changed"
    build(built.project, changed)
    dependencies = FRAMEWORKS[built.case.framework].dependencies
    assert layer_of(changed, dependencies) == layer_of(built.tag, dependencies)
    assert image_id(changed) != image_id(built.tag)


@pytest.mark.parametrize("built", each(COMPOSED), indirect=True)
def test_compose_brings_the_app_up_after_its_database_and_down_leaving_nothing(
    built: Built,
) -> None:
    standin("docker.io/library/postgres:17", "Containerfile.postgres")
    standin("docker.io/library/redis:8", "Containerfile.redis")
    project = f"stackwise-test-{built.case.framework}-compose"
    env = {FRAMEWORKS[built.case.framework].secret: secrets.token_urlsafe(48)}
    env["POSTGRES_PASSWORD"] = secrets.token_hex(16)
    env["APP_PORT"] = str(free_port())  # another worker's server may have 8000
    base_url = f"http://127.0.0.1:{env['APP_PORT']}"
    with up(built.project, project, env) as spec:
        migrate = containers(project, "migrate")[0]
        exited = podman("wait", migrate).stdout.strip()
        assert exited == "0", podman("logs", migrate).stderr
        assert tables(spec, project), "the migrations made no table"
        app = containers(project, app_service(spec))[0]
        healthy(app)
        status, body = get(f"{base_url}/health")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        status, body = get(f"{base_url}/ready")
        assert (status, json.loads(body)["status"]) == (200, "ok"), body
        assert_not_root(app)
        assert_static_files_load(base_url, built.case.static_pages)
        if "worker" in spec["services"]:
            assert_the_worker_runs_a_task(project, app, built)
    label = f"label=io.podman.compose.project={project}"
    assert containers(project) == []
    assert podman("volume", "ls", "--quiet", "--filter", label).stdout == ""
    assert podman("pod", "ls", "--quiet", "--filter", f"name={project}").stdout == ""
