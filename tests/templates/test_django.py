"""The Django starter across its options.

Every combination of a pairwise-covering set (the defaults, all on, all off, then computed)
is baked and checked structurally: no leftover template syntax, every file parses, the
deploy files pass hadolint, check-jsonschema (Dependabot and Renovate too) and bandit, ruff
is clean, the pre-commit configuration validates and no file trips its hygiene hooks, the
dev dependency group equals the dev extra, and each option brings exactly its own files and
dependencies. A smaller documented subset, which holds
every value of every option at least once, also runs the full gates: the starter's own
tests, ruff, mypy, ``makemigrations --check`` and the ``check --deploy`` pair, with
PostgreSQL and Redis variants against real servers.
"""

from __future__ import annotations

import ast
import json
import secrets
import shutil
import string
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from stackwise.template.registry import templates_root
from stackwise.answers.vocabulary import TEMPLATE_KEYS
from support.files import (
    hygiene_problems,
    lint_deploy_files,
    parse_errors,
    unrendered,
    update_config_problems,
)
from support.pairwise import pairwise, uncovered_pairs
from support.servers import Postgres
from support.starters import REPO, EnvFactory, bake, run, run_gates

FRAMEWORK = "django"
FEATURES = ("auth", "admin", "api_docs", "html", "realtime")


def _choices() -> dict[str, list[str]]:
    declared = json.loads((templates_root() / FRAMEWORK / "cookiecutter.json").read_text("utf-8"))
    return {key: declared[key] for key in TEMPLATE_KEYS if isinstance(declared[key], list)}


#: The options the matrix varies, with the values the Django template offers (first: default).
OPTIONS = _choices()
DEFAULTS = {key: values[0] for key, values in OPTIONS.items()}
ALL_ON = {
    **DEFAULTS,
    "database": "postgresql",
    **dict.fromkeys(FEATURES, "yes"),
    "tasks": "celery",
    "email": "yes",
    "sentry": "yes",
    "docker": "yes",
    "ci": "github",
}
ALL_OFF = {
    **DEFAULTS,
    "database": "sqlite",
    **dict.fromkeys(FEATURES, "no"),
    "tasks": "none",
    "email": "no",
    "sentry": "no",
    "docker": "no",
    "ci": "none",
}
#: Every combination checked structurally.
MATRIX = pairwise(OPTIONS, seeds=[DEFAULTS, ALL_ON, ALL_OFF])

#: The combinations that also run the full gates; together they hold every value of every
#: option (a test checks it). They pair the options that interact: realtime with each
#: database (ASGI pool or in-memory layer), html with and without auth, each source of
#: static files (pages, the admin alone, the API alone), Celery with each database and
#: beside the channel layer's Redis, and e-mail with and without accounts (password reset)
#: and tasks (mail sent by a task). The defaults run the full gates too, in test_common.py.
FULL: dict[str, dict[str, str]] = {
    "all-on": {
        **ALL_ON,
        "python_version": "3.13",
        "license": "Apache-2.0",
    },
    "all-off": {**ALL_OFF, "python_version": "3.11", "license": "Proprietary"},
    "pages-realtime-sqlite": {
        "database": "sqlite",
        "auth": "no",
        "admin": "no",
        "api_docs": "no",
        "html": "yes",
        "realtime": "yes",
        "tasks": "celery",
        "email": "no",
        "sentry": "yes",
        "docker": "yes",
        "ci": "gitlab",
        "python_version": "3.12",
        "license": "BSD-3-Clause",
    },
    "accounts-admin-postgresql": {
        "database": "postgresql",
        "auth": "yes",
        "admin": "yes",
        "api_docs": "no",
        "html": "no",
        "realtime": "no",
        "tasks": "none",
        "email": "yes",
        "sentry": "no",
        "docker": "no",
        "ci": "github",
        "python_version": "3.11",
        "license": "GPL-3.0-or-later",
    },
    "api-only": {
        "database": "sqlite",
        "auth": "no",
        "admin": "no",
        "api_docs": "yes",
        "html": "no",
        "realtime": "no",
        "tasks": "none",
        "email": "yes",
        "sentry": "no",
        "docker": "yes",
        "ci": "gitlab",
        "python_version": "3.12",
        "license": "MIT",
    },
}
#: Runs whose realtime tests go through a real Redis (the others use the in-memory layer).
#: Every run with Celery runs its task tests through a real Redis (TEST_REDIS_URL).
WITH_REDIS = {"all-on"}

#: Free text that must reach every file as data; no Markdown-special characters around the
#: braces, so that the leftover-syntax check can cut it out of the README verbatim.
FREE_TEXT = {
    "project_name": 'Ünïcode "Quoted" {{ notavar }} {% notatag %} 🚀 O\'Brien – Кафе',
    "description": 'Tags <b>&amp;</b>, a # hash, a \\ backslash and "quotes"',
    "author_name": 'Zoë "Z" O\'Brien',
    "author_email": "zoe+starter@example.com",
}
SLUG = "unicode_site"

DOC = REPO / "docs" / "starters" / "django.md"

#: The coverage the starter's tests must reach: a few points below the lowest total measured
#: over the defaults and the full-gate runs (defaults and all-off 90.2%, api-only 91.3%,
#: accounts-admin-postgresql 93.1%, pages-realtime-sqlite 95.4%, all-on 96.4%).
FAIL_UNDER = 87


def _id(combo: Mapping[str, str]) -> str:
    return "-".join(combo[key] for key in OPTIONS)


def _static(combo: Mapping[str, str]) -> bool:
    return "yes" in (combo["html"], combo["admin"], combo["api_docs"])


def _redis(combo: Mapping[str, str]) -> bool:
    """Redis is used by the channel layer and by Celery."""
    return combo["realtime"] == "yes" or combo["tasks"] == "celery"


def _bake(combo: Mapping[str, str], output: Path) -> Path:
    return bake(FRAMEWORK, {**combo, **FREE_TEXT, "project_slug": SLUG}, output).project_dir


@pytest.fixture(scope="module")
def env(starter_envs: EnvFactory) -> Path:
    """One environment for every variant the full gates run (their dependencies' union)."""
    return starter_envs(FRAMEWORK, list(FULL.values()))


# --- the matrix itself ----------------------------------------------------------------


def test_the_matrix_covers_every_pair_of_option_values() -> None:
    assert uncovered_pairs(OPTIONS, lambda _: True, MATRIX) == set()
    assert MATRIX[:3] == [DEFAULTS, ALL_ON, ALL_OFF]


def test_the_full_gates_cover_every_value_of_every_option() -> None:
    for key, values in OPTIONS.items():
        assert {combo[key] for combo in FULL.values()} == set(values), key
    for combo in FULL.values():
        assert set(combo) == set(OPTIONS)


def full_gate_table() -> str:
    """The full-gate subset as a Markdown table, as docs/starters/django.md shows it."""
    keys = list(OPTIONS)
    lines = [
        "| run | " + " | ".join(keys) + " |",
        "|---|" + "---|" * len(keys),
        *(
            f"| {name} | " + " | ".join(combo[key] for key in keys) + " |"
            for name, combo in FULL.items()
        ),
    ]
    return "\n".join(lines)


def test_the_documentation_shows_the_matrix() -> None:
    text = DOC.read_text("utf-8")

    assert full_gate_table() in text
    assert f"{len(MATRIX)} combinations" in text


# --- structural checks, every combination ---------------------------------------------


def _dependencies(project: Path) -> set[str]:
    data = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    return {
        dep.split("[")[0].split(">")[0].split("<")[0].split("=")[0]
        for dep in data["project"]["dependencies"]
    }


def _settings_literal(project: Path, name: str) -> object:
    """The value of a constant assigned in config/settings/base.py."""
    tree = ast.parse((project / "config" / "settings" / "base.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in base.py")


def _expected_files(combo: Mapping[str, str]) -> dict[str, bool]:
    """Paths that exist exactly when an option asks for them."""
    yes = {key: combo[key] == "yes" for key in (*FEATURES, "email", "sentry", "docker")}
    celery = combo["tasks"] == "celery"
    package = SLUG
    return {
        f"{package}/users/views.py": yes["auth"],
        f"{package}/users/templates/registration/login.html": yes["auth"],
        "tests/test_auth.py": yes["auth"],
        f"{package}/notes/admin.py": yes["admin"],
        f"{package}/users/admin.py": yes["admin"],
        "tests/test_admin.py": yes["admin"],
        f"{package}/notes/api.py": yes["api_docs"],
        f"{package}/notes/serializers.py": yes["api_docs"],
        f"{package}/templates/api_docs/swagger_ui.html": yes["api_docs"],
        f"{package}/static/api_docs/swagger_ui.css": yes["api_docs"],
        "tests/test_api.py": yes["api_docs"],
        f"{package}/notes/forms.py": yes["html"],
        f"{package}/notes/templates/notes/note_list.html": yes["html"],
        f"{package}/templates/{package}/home.html": yes["html"],
        f"{package}/static/{package}/site.css": yes["html"],
        f"{package}/templates/base.html": yes["html"] or yes["auth"],
        f"{package}/templates/includes/form.html": yes["html"] or yes["auth"],
        f"{package}/context_processors.py": yes["html"] or yes["auth"],
        "tests/test_static.py": _static(combo),
        "tests/pages.py": _static(combo) or yes["auth"],
        f"{package}/consumers.py": yes["realtime"],
        "tests/test_realtime.py": yes["realtime"],
        "gunicorn.conf.py": not yes["realtime"],
        "Dockerfile": yes["docker"],
        "compose.yaml": yes["docker"],
        ".dockerignore": yes["docker"],
        ".github/workflows/ci.yml": combo["ci"] == "github",
        ".github/dependabot.yml": combo["ci"] == "github",
        ".gitlab-ci.yml": combo["ci"] == "gitlab",
        "renovate.json": combo["ci"] == "gitlab",
        ".pre-commit-config.yaml": True,
        # Always there, whatever the options.
        "manage.py": True,
        "config/settings/base.py": True,
        "config/settings/local.py": True,
        "config/settings/test.py": True,
        "config/settings/production.py": True,
        f"{package}/users/migrations/0001_initial.py": True,
        f"{package}/notes/migrations/0001_initial.py": True,
        "tests/test_settings.py": True,
        f"{package}/middleware.py": True,
        "tests/notes.py": True,
        f"{package}/authentication.py": yes["auth"] and yes["api_docs"],
        f"{package}/notes/permissions.py": yes["auth"] and yes["api_docs"],
        f"{package}/notes/templates/notes/note_confirm_delete.html": yes["html"],
        "tests/conftest.py": combo["database"] == "postgresql",
        "config/celery.py": celery,
        f"{package}/notes/tasks.py": celery,
        f"{package}/notes/signals.py": celery,
        "tests/test_tasks.py": celery,
        "tests/test_sentry.py": yes["sentry"],
        f"{package}/logs.py": True,
        f"{package}/checks.py": True,
        "tests/test_logs.py": True,
        "tests/test_health.py": True,
    }


def _check_deploy_files(project: Path, combo: Mapping[str, str]) -> None:
    version = combo["python_version"]
    later = [v for v in OPTIONS["python_version"] if v >= version]
    if combo["docker"] == "yes":
        dockerfile = (project / "Dockerfile").read_text("utf-8")
        _check_dockerfile_stages(dockerfile, version)
        assert ("collectstatic" in dockerfile) is _static(combo)
        assert "USER 10001:10001" in dockerfile
        server = "daphne" if combo["realtime"] == "yes" else "gunicorn"
        assert f'CMD ["{server}"' in dockerfile
        services = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))["services"]
        expected = {"migrate", "web", "dev"}
        expected |= {"db"} if combo["database"] == "postgresql" else set()
        expected |= {"redis"} if _redis(combo) else set()
        expected |= {"worker"} if combo["tasks"] == "celery" else set()
        expected |= {"mailpit"} if combo["email"] == "yes" else set()
        assert set(services) == expected
        # Every long-running service has a health check, and what depends on one waits
        # for it to be healthy (or, for migrate, done).
        for name, service in services.items():
            assert name in {"migrate", "web"} or "healthcheck" in service, name
            for needed, condition in service.get("depends_on", {}).items():
                wanted = "service_completed_successfully" if needed == "migrate" else None
                assert condition == {"condition": wanted or "service_healthy"}, name
        # The development stack: runserver on the local settings, the code mounted.
        dev = services["dev"]
        assert dev["profiles"] == ["dev"]
        assert dev["command"] == ["python", "manage.py", "runserver", "0.0.0.0:8000"]
        assert dev["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
        assert dev["ports"] == ["127.0.0.1:8001:8000"]
        assert ".:/app" in dev["volumes"]
        if combo["tasks"] == "celery":
            worker = services["worker"]
            assert worker["command"][:4] == ["celery", "-A", "config", "worker"]
            assert worker["healthcheck"]["test"][:5] == ["CMD", "celery", "-A", "config", "inspect"]
        # Published on this machine only; the image checks its own health.
        assert services["web"]["ports"] == ["127.0.0.1:${APP_PORT:-8000}:8000"]
        for service in services.values():
            assert all(port.startswith("127.0.0.1:") for port in service.get("ports", []))
        assert "HEALTHCHECK " in dockerfile and "/health" in dockerfile
        redis = services.get("redis", {"image": "redis:8"})
        assert redis["image"] == "redis:8"
    if combo["ci"] == "github":
        workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text("utf-8"))
        job = workflow["jobs"]["test"]
        assert job["strategy"]["matrix"]["python-version"] == later
        # One trigger policy, least privilege, superseded runs cancelled, current actions.
        assert workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}
        assert workflow["permissions"] == {"contents": "read"}
        assert workflow["concurrency"] == {
            "group": "${{ github.workflow }}-${{ github.ref }}",
            "cancel-in-progress": True,
        }
        uses = [step["uses"] for step in job["steps"] if "uses" in step]
        assert uses == ["actions/checkout@v5", "astral-sh/setup-uv@v6"]
        # uv from the matrix's Python, its cache keyed on what decides the versions.
        setup_uv = job["steps"][1]["with"]
        assert setup_uv["python-version"] == "${{ matrix.python-version }}"
        assert setup_uv["enable-cache"] is True
        assert setup_uv["cache-dependency-glob"].split() == ["uv.lock", "pyproject.toml"]
        images = {name: service["image"] for name, service in job.get("services", {}).items()}
        assert set(images.values()) <= {"postgres:17", "redis:8"}
        services: dict[str, Any] = job.get("services", {})
        assert ("postgres" in services) is (combo["database"] == "postgresql")
        assert ("redis" in services) is _redis(combo)
        commands = " ".join(step.get("run", "") for step in job["steps"])
        dependabot = yaml.safe_load((project / ".github/dependabot.yml").read_text("utf-8"))
        ecosystems = [update["package-ecosystem"] for update in dependabot["updates"]]
        images = ["docker", "docker-compose"] if combo["docker"] == "yes" else []
        assert ecosystems == ["uv", "github-actions", *images]
    elif combo["ci"] == "gitlab":
        pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text("utf-8"))
        job = pipeline["test"]
        assert job["parallel"]["matrix"][0]["PYTHON_VERSION"] == later
        # One pipeline per change: merge requests and the default branch only.
        assert pipeline["workflow"]["rules"] == [
            {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'},
            {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"},
            {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"},
        ]
        assert job["interruptible"] is True
        images = {service["name"] for service in job.get("services", [])}
        assert images <= {"postgres:17", "redis:8"}
        names = {service["name"].split(":")[0] for service in job.get("services", [])}
        assert ("postgres" in names) is (combo["database"] == "postgresql")
        assert ("redis" in names) is _redis(combo)
        commands = " ".join(job["script"])
        # uv from PyPI in the job's own image, its cache in the project where GitLab keeps it.
        assert job["script"][0] == "pip install --no-cache-dir uv==0.13.9"
        assert job["variables"]["UV_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/uv"
        assert job["cache"]["paths"] == [".cache/uv"]
        assert job["cache"]["key"]["files"] == ["uv.lock", "pyproject.toml"]
        renovate = json.loads((project / "renovate.json").read_text("utf-8"))
        assert renovate["extends"] == ["config:recommended"]
        assert renovate["lockFileMaintenance"] == {"enabled": True}
    else:
        return
    # The lock when it is committed, else the newest versions; then each gate through uv.
    assert "if [ -f uv.lock ]; then uv sync --locked; else uv sync; fi" in commands
    for command in ("ruff check", "ruff format --check", "mypy", "pytest"):
        assert f"uv run {command}" in commands
    assert "pip install -e" not in commands
    assert "makemigrations --check" in commands
    assert "check --deploy --fail-level WARNING" in commands


def _check_dockerfile_stages(dockerfile: str, version: str) -> None:
    """uv installs the dependencies in a stage of their own, from uv.lock when there is one;
    the final stage gets the environment, at the same path, and neither uv nor pip runs."""
    build, _, final = dockerfile.partition(f"\nFROM python:{version}-slim\n")
    assert f"FROM python:{version}-slim AS dependencies\n" in build
    assert 'RUN pip install --no-cache-dir "uv==0.13.9"' in build
    assert "UV_PROJECT_ENVIRONMENT=/opt/venv\n" in build
    assert "COPY pyproject.toml uv.lock* ./\n" in build
    install = " ".join(build.split("RUN if ", 1)[1].replace("\\\n", " ").split())
    assert install == (
        "[ -f uv.lock ]; then uv sync --frozen --no-dev --no-install-project; else"
        " uv venv /opt/venv && uv pip install --python /opt/venv/bin/python -r pyproject.toml;"
        " fi"
    )
    assert 'PATH="/opt/venv/bin:$PATH"' in final
    assert "COPY --from=dependencies /opt/venv /opt/venv\n" in final
    # The code comes after the environment, so that a change to it reuses that layer.
    assert final.index("COPY --from=dependencies") < final.index("COPY . .")
    assert "pip install" not in final
    assert "uv " not in final


def _check_readme_claims(project: Path, combo: Mapping[str, str]) -> None:
    """What the README says exists for these options: static files collected in the image
    only when there are static files, a superuser only when there is an admin for it."""
    readme = (project / "README.md").read_text("utf-8")
    image_collects = "collects the static files" in readme
    assert image_collects is (combo["docker"] == "yes" and _static(combo))
    assert ("createsuperuser" in readme) is (combo["admin"] == "yes")
    assert ("/accounts/signup/" in readme) is (combo["auth"] == "yes")
    assert ("SQLite" in readme.split("## Set up")[0]) is (combo["database"] == "sqlite")
    # Both ways to install, the lock, the hooks and the coverage threshold.
    for command in ('pip install -e ".[dev]"', "uv sync", "uv run pytest", "uv lock", "uv.lock"):
        assert command in readme, command
    for command in ("uv sync --locked", "uv lock --upgrade", "pre-commit install"):
        assert command in readme, command
    assert "uv run python manage.py runserver" in readme
    words = " ".join(readme.split())
    assert f"falls below {FAIL_UNDER}% (`fail_under` in `pyproject.toml`)" in words
    lock_users = {
        ("yes", True): "The Docker image and CI install",
        ("yes", False): "The Docker image installs",
        ("no", True): "CI installs",
    }.get((combo["docker"], combo["ci"] != "none"))
    if lock_users:
        assert f"{lock_users} from `uv.lock` when it is there" in words
    else:
        assert "from `uv.lock` when" not in words


def _dev_requirements(project: Path) -> tuple[list[str], list[str]]:
    """The dev extra (what pip installs) and the dev group (what a bare ``uv sync`` does)."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["dev"]
    return extra, pyproject["dependency-groups"]["dev"]


@pytest.mark.parametrize("combo", MATRIX, ids=[_id(c) for c in MATRIX])
def test_the_dev_group_is_the_dev_extra(combo: dict[str, str], tmp_path: Path) -> None:
    extra, group = _dev_requirements(_bake(combo, tmp_path))

    assert group == extra
    names = {requirement.split("[")[0].split(">")[0] for requirement in extra}
    assert {"pytest", "pytest-cov", "pytest-django", "pre-commit", "ruff"} <= names


def _check_coverage_settings(project: Path) -> None:
    """Every pytest run measures the package, branches included, against one threshold."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    addopts = pyproject["tool"]["pytest"]["ini_options"]["addopts"]
    assert [f"--cov={SLUG}", "--cov-report=term-missing:skip-covered"] == [
        option for option in addopts if option.startswith("--cov")
    ]
    coverage = pyproject["tool"]["coverage"]
    assert coverage["run"]["branch"] is True
    assert coverage["run"]["source"] == [SLUG]
    assert coverage["report"]["fail_under"] == FAIL_UNDER


@pytest.mark.slow  # ruff comes from the starter environment, which pip installs once
@pytest.mark.parametrize("combo", MATRIX, ids=[_id(c) for c in MATRIX])
def test_every_combination_is_well_formed(combo: dict[str, str], tmp_path: Path, env: Path) -> None:
    project = _bake(combo, tmp_path)

    assert unrendered(project, FREE_TEXT.values()) == []
    assert parse_errors(project) == []
    assert lint_deploy_files(project) == []
    assert update_config_problems(project) == []
    assert hygiene_problems(project) == []
    run([str(env / "bin" / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], project)
    run([str(env / "bin" / "ruff"), "check", "--no-cache", "."], project)
    run([str(env / "bin" / "ruff"), "format", "--check", "--no-cache", "."], project)
    present = {path: (project / path).exists() for path in _expected_files(combo)}
    assert present == _expected_files(combo)
    empty = [p.name for p in project.rglob("*") if p.is_file() and not p.stat().st_size]
    assert set(empty) <= {"__init__.py"}

    dependencies = _dependencies(project)
    assert ("psycopg" in dependencies) is (combo["database"] == "postgresql")
    assert ("whitenoise" in dependencies) is _static(combo)
    assert ("djangorestframework" in dependencies) is (combo["api_docs"] == "yes")
    assert ("drf-spectacular" in dependencies) is (combo["api_docs"] == "yes")
    assert ("django-cors-headers" in dependencies) is (combo["api_docs"] == "yes")
    assert {"argon2-cffi", "django-csp"} <= dependencies
    assert ("channels" in dependencies) is (combo["realtime"] == "yes")
    assert ("daphne" in dependencies) is (combo["realtime"] == "yes")
    assert ("gunicorn" in dependencies) is (combo["realtime"] == "no")
    assert ("celery" in dependencies) is (combo["tasks"] == "celery")
    assert ("redis" in dependencies) is _redis(combo)
    assert ("sentry-sdk" in dependencies) is (combo["sentry"] == "yes")
    assert _settings_literal(project, "PROJECT_NAME") == FREE_TEXT["project_name"]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["name"] == SLUG
    assert pyproject["project"]["description"] == FREE_TEXT["description"]
    assert pyproject["project"]["requires-python"] == f">={combo['python_version']}"
    assert pyproject["tool"]["mypy"]["python_version"] == combo["python_version"]
    _check_deploy_files(project, combo)
    _check_readme_claims(project, combo)
    _check_coverage_settings(project)


# --- the full gates, on the documented subset -----------------------------------------


def _secret_key() -> str:
    """A fresh 50-character key for this test only; never written to a file."""
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FULL))
def test_the_subset_passes_its_own_gates(
    name: str,
    tmp_path: Path,
    env: Path,
    postgres: Postgres,
    redis_url: str,
) -> None:
    combo = FULL[name]
    project = _bake(combo, tmp_path)
    python = str(env / "bin" / "python")
    extra: dict[str, str] = {}
    if combo["database"] == "postgresql":
        extra["DATABASE_URL"] = postgres.create_database(f"dev_{uuid.uuid4().hex[:12]}")
        # The tests make test_<name> on this server (they never use DATABASE_URL).
        extra["TEST_DATABASE_URL"] = postgres.url(f"t_{uuid.uuid4().hex[:12]}")
    if name in WITH_REDIS:
        extra["REDIS_URL"] = redis_url
    if combo["tasks"] == "celery":
        extra["TEST_REDIS_URL"] = redis_url

    # The README's deploy section exports the production settings; the gates must pass
    # after it all the same (the tests pin theirs), without a secret key.
    summary = run_gates(
        project, env, {**extra, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    )

    assert " passed" in summary, summary
    for outcome in ("failed", "skipped", "error"):
        assert outcome not in summary, summary

    # The tests ran on a test database of their own: the development one is untouched.
    if combo["database"] == "sqlite":
        assert not (project / "db.sqlite3").exists()
    else:
        plan = run([python, "manage.py", "showmigrations", "--plan"], project, env, extra)
        assert "[ ]  users.0001_initial" in plan.stdout
        assert "[X]" not in plan.stdout

    run([python, "manage.py", "makemigrations", "--check", "--dry-run"], project, env, extra)

    if combo["docker"] == "yes" and _static(combo):
        # The image collects the static files, as its README says: its RUN step, as written
        # (no secrets, no database), makes the manifest WhiteNoise serves from.
        dockerfile = (project / "Dockerfile").read_text("utf-8").splitlines()
        step = next(line for line in dockerfile if "collectstatic" in line and "RUN " in line)
        run(["sh", "-c", step.removeprefix("RUN ")], project, env)
        assert (project / "staticfiles" / "staticfiles.json").is_file()

    production = {
        **extra,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": _secret_key(),
        "DJANGO_ALLOWED_HOSTS": "example.com",
    }
    # What the deploy must also name: the shared Redis, the mail server.
    if combo["tasks"] == "celery":
        production["REDIS_URL"] = redis_url
    if combo["email"] == "yes":
        production["DJANGO_EMAIL_HOST"] = "smtp.example.com"
    deploy_check = [python, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    run(deploy_check, project, env, production)
    without_key = {k: v for k, v in production.items() if k != "DJANGO_SECRET_KEY"}
    with pytest.raises(AssertionError, match="DJANGO_SECRET_KEY is not set"):
        run(deploy_check, project, env, without_key)

    if combo["database"] == "postgresql":
        # The production settings (persistent connections, or the pool under ASGI) against
        # the real server: they migrate the development database.
        migrated = run([python, "manage.py", "migrate", "--noinput"], project, env, production)
        assert "Applying users.0001_initial... OK" in migrated.stdout
