"""The Flask starter across its option matrix (design section 7).

Every combination of a computed pairwise-covering matrix (the defaults, all options on and
all off first) gets the structural checks: generated under a name full of characters that
need escaping, no template syntax left, every file parses and passes the hygiene hooks of
its pre-commit configuration, which pre-commit itself validates, hadolint, the vendor schemas
(Dependabot and Renovate too) and bandit pass, and so do ruff check and ruff format, with the
ruff the starter pins.

``FULL_GATES``, a subset that holds every value of every option at least once (a test below
keeps it so), gets the starter's own gates: its tests, on a real PostgreSQL server and a real
Redis where chosen, then ruff, ruff format and mypy in strict mode. docs/starters/flask.md
lists the subset and says why; a test keeps that list equal to this one.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter
from jinja2 import Environment

from stackwise.answers.vocabulary import NEEDS_DATABASE
from stackwise.template.registry import templates_root
from support.files import (
    hygiene_problems,
    lint_deploy_files,
    parse_errors,
    text_files,
    unrendered,
    update_config_problems,
)
from support.pairwise import pairwise, uncovered_pairs
from support.servers import Postgres
from support.starters import REPO, EnvFactory, bake, env_vars, requirements, run, run_gates

TEMPLATE = templates_root() / "flask"
DECLARED = json.loads((TEMPLATE / "cookiecutter.json").read_text("utf-8"))
#: Every choice option of the template and its values; the first value is the default.
OPTIONS: dict[str, tuple[str, ...]] = {
    key: tuple(value)
    for key, value in DECLARED.items()
    if not key.startswith("_") and isinstance(value, list)
}
DEFAULTS = {key: values[0] for key, values in OPTIONS.items()}
ALL_ON = {
    **DEFAULTS,
    "license": "Apache-2.0",
    "python_version": "3.13",
    "database": "postgresql",
    "auth": "yes",
    "admin": "yes",
    "api_docs": "yes",
    "html": "yes",
    "realtime": "yes",
    "tasks": "celery",
    "email": "yes",
    "sentry": "yes",
    "docker": "yes",
    "ci": "github",
}
ALL_OFF = {
    **DEFAULTS,
    "license": "Proprietary",
    "python_version": "3.12",
    "database": "none",
    "auth": "no",
    "admin": "no",
    "api_docs": "no",
    "html": "no",
    "realtime": "no",
    "tasks": "none",
    "email": "no",
    "sentry": "no",
    "docker": "no",
    "ci": "none",
}

#: Free text that must reach the files as data: quotes, backslash, Jinja, Markdown, emoji.
FREE_TEXT = {
    "project_name": 'Ada\'s "Shop" {{ x }} {% if %} # <b>&amp; \\ 😀 – Кафе',  # noqa: RUF001
    "description": "Sells [things] | *cheap* {# not a comment #} `code` \\n",
    "author_name": "Zoë O'Brien-{{ cookiecutter.project_name }}",
    "author_email": "zoe.o'brien+shop@example.com",
    "project_slug": "ada_shop",
}


def markdown(text: str) -> str:
    """``text`` as the template's ``md`` filter writes it into the README."""
    spec = importlib.util.spec_from_file_location("flask_filters", TEMPLATE / "local_extensions.py")
    assert spec is not None
    assert spec.loader is not None
    filters = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(filters)
    escaped: str = Environment(extensions=[filters.md]).filters["md"](text)
    return escaped


def valid(combo: Mapping[str, str]) -> bool:
    """auth and admin need a database (design section 4); asked of partial combinations too."""
    if combo.get("database") != "none":
        return True
    return all(combo.get(key, "no") == "no" for key in NEEDS_DATABASE)


MATRIX = pairwise(OPTIONS, valid, seeds=[DEFAULTS, ALL_ON, ALL_OFF])

#: The full gates: each option value at least once, and the combinations whose code differs
#: most (JSON accounts with the admin behind HTTP Basic, Celery on SQLite and mail sent by a
#: task; the admin without accounts, with Sentry; the OpenAPI document, the WebSocket and
#: Celery without a database). The defaults get them in
#: test_common.py, on an environment of their own.
FULL_GATES: dict[str, dict[str, str]] = {
    "all-on": ALL_ON,
    "all-off": ALL_OFF,
    "json-accounts": {
        "license": "BSD-3-Clause",
        "python_version": "3.12",
        "database": "sqlite",
        "auth": "yes",
        "admin": "yes",
        "api_docs": "no",
        "html": "no",
        "realtime": "yes",
        "tasks": "celery",
        "email": "yes",
        "sentry": "no",
        "docker": "no",
        "ci": "gitlab",
    },
    "admin-password": {
        "license": "GPL-3.0-or-later",
        "python_version": "3.11",
        "database": "postgresql",
        "auth": "no",
        "admin": "yes",
        "api_docs": "yes",
        "html": "yes",
        "realtime": "no",
        "tasks": "none",
        "email": "no",
        "sentry": "yes",
        "docker": "yes",
        "ci": "gitlab",
    },
    "no-database": {
        "license": "MIT",
        "python_version": "3.13",
        "database": "none",
        "auth": "no",
        "admin": "no",
        "api_docs": "yes",
        "html": "yes",
        "realtime": "yes",
        "tasks": "celery",
        "email": "yes",
        "sentry": "yes",
        "docker": "yes",
        "ci": "github",
    },
}
#: The share of the code the starter's tests must cover (pyproject.toml's fail_under): a few
#: points below the lowest total the full gates measure (87 per cent, all options off).
COVERAGE_THRESHOLD = 85
#: What the structural checks run on: the matrix, and the full-gate combinations too.
STRUCTURAL = MATRIX + [combo for combo in FULL_GATES.values() if combo not in MATRIX]


def combo_id(combo: Mapping[str, str]) -> str:
    return "-".join(combo[key] for key in OPTIONS)


def test_the_matrix_covers_every_pair_of_values() -> None:
    assert MATRIX[:3] == [DEFAULTS, ALL_ON, ALL_OFF]
    assert all(valid(combo) for combo in MATRIX)
    assert uncovered_pairs(OPTIONS, valid, MATRIX) == set()


def test_the_full_gates_hold_every_value_of_every_option() -> None:
    for combo in FULL_GATES.values():
        assert set(combo) == set(OPTIONS)
        assert valid(combo), combo
    for key, values in OPTIONS.items():
        held = {combo[key] for combo in FULL_GATES.values()}
        assert held == set(values), f"{key}: no full-gate combination has {set(values) - held}"


def test_the_docs_list_the_full_gates() -> None:
    doc = (REPO / "docs" / "starters" / "flask.md").read_text("utf-8")

    assert full_gates_table() in doc, f"update docs/starters/flask.md:\n{full_gates_table()}"


def full_gates_table() -> str:
    keys = list(OPTIONS)
    lines = [
        f"| combination | {' | '.join(keys)} |",
        f"|---|{'---|' * len(keys)}",
        *(
            f"| {name} | {' | '.join(combo[key] for key in keys)} |"
            for name, combo in FULL_GATES.items()
        ),
    ]
    return "\n".join(lines)


def test_plain_cookiecutter_refuses_accounts_without_a_database(tmp_path: Path) -> None:
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            output_dir=str(tmp_path),
            extra_context={"database": "none", "auth": "yes"},
        )

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("combo", STRUCTURAL, ids=combo_id)
def test_uv_installs_what_pip_installs_for_development(
    combo: dict[str, str], tmp_path: Path
) -> None:
    """`uv sync` installs the `dev` dependency group, `pip install -e ".[dev]"` the `dev`
    extra: the same list, with coverage measured and enforced by the tests they run."""
    project = bake("flask", {**combo, **FREE_TEXT}, tmp_path).project_dir
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    package = FREE_TEXT["project_slug"]

    extra = pyproject["project"]["optional-dependencies"]["dev"]
    assert pyproject["dependency-groups"]["dev"] == extra
    assert {"pytest-cov", "pre-commit"} <= {re.split(r"[<>=]", item)[0] for item in extra}
    pytest_options = pyproject["tool"]["pytest"]["ini_options"]["addopts"]
    assert f"--cov={package}" in pytest_options
    assert "--cov-report=term-missing:skip-covered" in pytest_options
    assert pyproject["tool"]["coverage"]["run"] == {"branch": True, "source": [package]}
    assert pyproject["tool"]["coverage"]["report"]["fail_under"] == COVERAGE_THRESHOLD
    assert f"less than {COVERAGE_THRESHOLD} per cent" in (project / "README.md").read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("combo", STRUCTURAL, ids=combo_id)
def test_structure(combo: dict[str, str], tmp_path: Path, starter_envs: EnvFactory) -> None:
    env = starter_envs("flask", list(FULL_GATES.values()))
    generated = bake("flask", {**combo, **FREE_TEXT}, tmp_path)
    project = generated.project_dir
    python = str(env / "bin" / "python")

    written = [*FREE_TEXT.values(), *(markdown(text) for text in FREE_TEXT.values())]
    assert unrendered(project, written) == []
    assert parse_errors(project) == []
    assert hygiene_problems(project) == []
    assert lint_deploy_files(project) == []
    assert update_config_problems(project) == []
    run([python, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"], project, env)
    run([python, "-m", "ruff", "check", "--no-cache", "."], project, env)
    run([python, "-m", "ruff", "format", "--check", "--no-cache", "."], project, env)
    assert_follows_the_options(combo, project, set(generated.files))


#: What pre-commit's check-added-large-files refuses: more than 500 KB.
def assert_follows_the_options(combo: Mapping[str, str], project: Path, files: set[str]) -> None:
    """Each option's files and dependencies are there exactly when it is chosen."""
    package = FREE_TEXT["project_slug"]
    database, auth, html = (
        combo["database"] != "none",
        combo["auth"] == "yes",
        combo["html"] == "yes",
    )
    api_docs = combo["api_docs"] == "yes"
    signs = auth or combo["admin"] == "yes"
    celery, mail, sentry = (
        combo["tasks"] == "celery",
        combo["email"] == "yes",
        combo["sentry"] == "yes",
    )
    expected_files = {
        f"{package}/security.py": True,
        f"{package}/logs.py": True,
        f"{package}/health.py": True,
        f"{package}/tasks.py": celery,
        "make_celery.py": celery,
        "tests/test_tasks.py": celery,
        f"{package}/mail.py": mail,
        "tests/test_mail.py": mail,
        f"{package}/password_reset.py": auth and mail,
        "tests/test_password_reset.py": auth and mail,
        f"{package}/monitoring.py": sentry,
        "tests/test_monitoring.py": sentry,
        f"{package}/sessions.py": signs,
        f"{package}/tokens.py": auth,
        f"{package}/api_docs/__init__.py": api_docs,
        f"{package}/api_docs/static/api_docs.js": api_docs,
        "migrations/versions/0001_initial.py": database,
        f"{package}/models.py": database,
        f"{package}/auth.py": auth,
        f"{package}/forms.py": auth and html,
        f"{package}/admin.py": combo["admin"] == "yes",
        "tests/test_api_docs.py": combo["api_docs"] == "yes",
        f"{package}/templates/base.html": html,
        f"{package}/realtime.py": combo["realtime"] == "yes",
        "Dockerfile": combo["docker"] == "yes",
        "compose.yaml": combo["docker"] == "yes",
        ".github/workflows/ci.yml": combo["ci"] == "github",
        ".github/dependabot.yml": combo["ci"] == "github",
        ".gitlab-ci.yml": combo["ci"] == "gitlab",
        "renovate.json": combo["ci"] == "gitlab",
        ".pre-commit-config.yaml": True,
    }
    expected_requirements = {
        "flask-sqlalchemy": database,
        "flask-migrate": database,
        "psycopg[binary]": combo["database"] == "postgresql",
        "flask-login": auth,
        "flask-wtf": auth and html,
        "flask-admin[sqlalchemy]": combo["admin"] == "yes",
        "flask-smorest": api_docs,
        "flask-swagger-ui": api_docs,
        "flask-cors": database or api_docs,
        "itsdangerous": auth,
        "flask-sock": combo["realtime"] == "yes",
        "redis": combo["realtime"] == "yes" or celery,
        "celery[redis]": celery,
        "sentry-sdk[flask]": sentry,
        "aiosmtpd": mail,
    }
    declared = {re.split(r"[<>=]", requirement)[0] for requirement in requirements(project)}

    wrong_files = {path for path, wanted in expected_files.items() if (path in files) != wanted}
    wrong_requirements = {
        name for name, wanted in expected_requirements.items() if (name in declared) != wanted
    }
    assert wrong_files == set(), f"present or missing against the options: {wrong_files}"
    assert_secret_key_only_where_something_signs(project, signs, combo["docker"] == "yes")
    assert_follows_the_deployment_conventions(combo, project)
    assert wrong_requirements == set(), f"declared or not against the options: {wrong_requirements}"
    if not database:
        python = "\n".join(
            project.joinpath(f).read_text("utf-8") for f in files if f.endswith(".py")
        )
        assert "sqlalchemy" not in python.lower()


def assert_secret_key_only_where_something_signs(project: Path, signs: bool, docker: bool) -> None:
    """Sessions, log-in, CSRF tokens and the admin's forms sign with SECRET_KEY; without
    them nothing does, and nothing may ask for the key (issue 15, item 17)."""
    asks = {
        ".env.example": "SECRET_KEY=",
        "README.md": "| `SECRET_KEY` |",
        **({"compose.yaml": "SECRET_KEY:"} if docker else {}),
    }
    asking = {name for name, ask in asks.items() if ask in (project / name).read_text("utf-8")}
    if signs:
        assert asking == set(asks), f"only {asking} ask for SECRET_KEY"
    else:
        assert asking == set(), f"nothing signs, yet {asking} ask for SECRET_KEY"


#: The trigger, permission and concurrency block every starter's GitHub workflow holds.
GITHUB_POLICY = """on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

concurrency:
  group: ${{ github.workflow }}-${{ github.ref }}
  cancel-in-progress: true
"""


def assert_follows_the_deployment_conventions(combo: Mapping[str, str], project: Path) -> None:
    """The conventions the three starters share (issue 15, items 13 and 14)."""
    if combo["ci"] == "github":
        workflow = (project / ".github" / "workflows" / "ci.yml").read_text("utf-8")
        assert GITHUB_POLICY in workflow
        assert "actions/checkout@v5" in workflow
        assert "astral-sh/setup-uv@v6" in workflow
        assert "redis:7" not in workflow
    if combo["ci"] == "gitlab":
        pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text("utf-8"))
        rules = pipeline["workflow"]["rules"]
        assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in rules
        assert {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"} in rules
        assert pipeline["test"]["interruptible"] is True
        assert pipeline["test"]["cache"]["key"]["files"] == ["uv.lock", "pyproject.toml"]
    if combo["ci"] != "none":
        assert_ci_installs_with_uv(project)
    if combo["docker"] == "yes":
        compose = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))
        assert compose["services"]["app"]["ports"] == ["127.0.0.1:${APP_PORT:-8000}:8000"]
        images = {service.get("image") for service in compose["services"].values()}
        assert images <= {None, "postgres:17", "redis:8", "axllent/mailpit:v1.27"}
        assert_compose_runs_the_development_stack_too(combo, compose["services"])
        assert_the_image_installs_from_the_lock_when_there_is_one(project)


#: What CI runs after installing: the README's checks, through uv.
CI_STEPS = [
    "if [ -f uv.lock ]; then uv sync --locked; else uv sync; fi",
    "uv run ruff check .",
    "uv run ruff format --check .",
    "uv run mypy",
    "uv run pytest",
]


def assert_ci_installs_with_uv(project: Path) -> None:
    """The workflow or pipeline installs with uv, from uv.lock when there is one (issue 17)."""
    github = project / ".github" / "workflows" / "ci.yml"
    if github.exists():
        steps = yaml.safe_load(github.read_text("utf-8"))["jobs"]["test"]["steps"]
        setup = next(step for step in steps if step.get("uses") == "astral-sh/setup-uv@v6")
        assert setup["with"]["enable-cache"] is True
        assert setup["with"]["cache-dependency-glob"].split() == ["uv.lock", "pyproject.toml"]
        commands = [step["run"] for step in steps if "run" in step]
    else:
        commands = yaml.safe_load((project / ".gitlab-ci.yml").read_text("utf-8"))["test"]["script"]
        assert commands[0] == 'python -m pip install --no-cache-dir "uv==0.13.9"'
    assert [command for command in commands if command in CI_STEPS] == CI_STEPS
    assert not any("pip install -e" in command for command in commands)


def assert_the_image_installs_from_the_lock_when_there_is_one(project: Path) -> None:
    """Dependencies from uv.lock if present, else pyproject.toml, in a build stage; the final
    stage gets the virtual environment, not uv or pip's cache (issue 17)."""
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    build, _, final = dockerfile.partition("\nFROM ")
    assert 'RUN pip install "uv==0.13.9"' in build
    assert "COPY pyproject.toml uv.lock* ./" in build
    assert "if [ -f uv.lock ]; then uv sync --frozen --no-dev --no-install-project;" in build
    assert "else uv venv && uv pip install -r pyproject.toml; fi" in build
    assert "COPY --from=dependencies /srv/.venv /srv/.venv" in final
    assert 'PATH="/srv/.venv/bin:$PATH"' in final
    assert "uv" not in final.replace(".venv", "")
    assert "pip" not in final
    assert "USER 10001:10001" in final
    assert "HEALTHCHECK" in final
    assert "/health" in final


def assert_compose_runs_the_development_stack_too(
    combo: Mapping[str, str], services: Mapping[str, dict[str, object]]
) -> None:
    """Parity (issue 16): the servers each option needs, in production and in the `dev`
    profile, each health-checked, and waited for until healthy."""
    wanted = {
        "db": combo["database"] == "postgresql",
        "redis": combo["realtime"] == "yes" or combo["tasks"] == "celery",
        "mailpit": combo["email"] == "yes",
        "worker": combo["tasks"] == "celery",
        "dev-worker": combo["tasks"] == "celery",
        "dev": True,
    }
    assert {name for name, on in wanted.items() if on} <= set(services)
    assert {name for name, on in wanted.items() if not on}.isdisjoint(services)
    assert services["dev"]["profiles"] == ["dev"]
    assert "--debug" in str(services["dev"]["command"])
    for name, service in services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), name
        for needed, how in depends.items():
            expected = (
                "service_completed_successfully" if needed == "migrate" else "service_healthy"
            )
            assert how == {"condition": expected}, f"{name} -> {needed}"
            if needed != "migrate":
                assert "healthcheck" in services[needed], needed
    for worker in ("worker", "dev-worker"):
        if worker in services:
            check = services[worker]["healthcheck"]
            assert isinstance(check, dict)
            assert "celery -A make_celery inspect ping" in str(check["test"])


#: Settings a developer's shell or a sourced .env may export; the starters' own tests must
#: pass all the same (issue 15, item 9).
HOSTILE_ENVIRONMENT = {
    "FLASK_DEBUG": "1",
    "SECRET_KEY": "short",
    "LOG_LEVEL": "CRITICAL",
    "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/production",
    "ALLOWED_HOSTS": "*",
    "CORS_ALLOWED_ORIGINS": "https://evil.example",
    "HSTS_PRELOAD": "1",
    "HSTS_INCLUDE_SUBDOMAINS": "1",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "ADMIN_PASSWORD": "from the shell",
    "API_TOKEN_MAX_AGE": "1",
    "LOG_FORMAT": "json",
    "SENTRY_DSN": "http://public@127.0.0.1:9/1",
    "SENTRY_TRACES_SAMPLE_RATE": "1.0",
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": "9",
    "MAIL_FROM": "shell@example.com",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FULL_GATES))
def test_full_gates(
    name: str, tmp_path: Path, starter_envs: EnvFactory, request: pytest.FixtureRequest
) -> None:
    combo = FULL_GATES[name]
    env = starter_envs("flask", list(FULL_GATES.values()))
    project = bake("flask", {**combo, **FREE_TEXT}, tmp_path).project_dir
    servers: dict[str, str] = dict(HOSTILE_ENVIRONMENT)
    if combo["database"] == "postgresql":
        postgres: Postgres = request.getfixturevalue("postgres")
        database = f"flask_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
        servers["TEST_DATABASE_URL"] = postgres.create_database(database)
    if combo["realtime"] == "yes" or combo["tasks"] == "celery":
        servers["TEST_REDIS_URL"] = request.getfixturevalue("redis_url")

    summary = run_gates(project, env, servers)

    assert " passed" in summary, summary
    assert "failed" not in summary, summary
    assert "skipped" not in summary, summary


@pytest.mark.slow
def test_without_its_postgresql_server_the_tests_stop_with_one_line(
    tmp_path: Path, starter_envs: EnvFactory
) -> None:
    """PostgreSQL chosen, PostgreSQL used: no SQLite in its place (issue 15, item 11)."""
    env = starter_envs("flask", list(FULL_GATES.values()))
    options = {**DEFAULTS, "database": "postgresql", **FREE_TEXT}
    project = bake("flask", options, tmp_path).project_dir
    closed = "postgresql://postgres@127.0.0.1:9/postgres"
    # As .env.example has it: the tests take the server from .env when the shell has none.
    (project / ".env").write_text(f"DATABASE_URL={closed}\n", encoding="utf-8")
    shell = {k: v for k, v in env_vars(env).items() if not k.endswith("DATABASE_URL")}

    done = subprocess.run(
        [str(env / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=shell,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "PostgreSQL at postgresql://postgres@127.0.0.1:9/postgres cannot be used" in output
    assert "Traceback" not in output
    assert "sqlite" not in output.lower()
