"""The FastAPI starter across its options.

Structural checks (it generates, nothing is left unrendered, every file parses, hadolint,
check-jsonschema (Dependabot and Renovate too), bandit, ruff check and format, the
pre-commit configuration and its hygiene hooks, each option's files are there exactly
when it is chosen, and the conventions the three starters share: CI triggers, permissions,
concurrency and action versions, compose ports on 127.0.0.1 only, a health check in the
image, no benchmark figures in the README) run for every combination of ``MATRIX``: the
defaults, all on, all off, the full-gate combinations, and a computed pairwise cover of the
rest. The image's command is run as it is: it serves in production with a key, and without
one stops in gunicorn's master with one line.

The full gates (the starter's own pytest, ruff, ruff format and mypy --strict) run for
``FULL_GATES``, chosen by hand so that every value of every option appears at least once
(a test checks it) and the interactions that matter are there: admin with and without
auth, auth without admin, realtime on each database, Celery with and without a database,
mail sent by a task and from a thread, the all-on starter with hostile free text.
PostgreSQL combinations run against the real ``postgres`` server and realtime and Celery
ones against the real ``redis_url`` server; a skipped test there is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from jinja2 import Environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from stackwise.template.registry import templates_root
from support.files import (
    hygiene_problems,
    lint_deploy_files,
    parse_errors,
    unrendered,
    update_config_problems,
)
from support.pairwise import pairwise, uncovered_pairs
from support.servers import free_port, wait_for_port
from support.starters import REPO, EnvFactory, bake, env_vars, requirements, run, run_gates

FRAMEWORK = "fastapi"


def _choice_options() -> dict[str, list[str]]:
    declared = json.loads((templates_root() / FRAMEWORK / "cookiecutter.json").read_text("utf-8"))
    return {k: v for k, v in declared.items() if not k.startswith("_") and isinstance(v, list)}


#: Every choice option of the template with its values, the default first.
OPTIONS = _choice_options()
DEFAULTS = {key: values[0] for key, values in OPTIONS.items()}


def valid(combo: Mapping[str, str]) -> bool:
    """auth and admin need a database (design section 4). Also asked of a partial
    combination (the pairwise builder's), where a missing option may still be chosen."""
    if combo.get("database") != "none":
        return True
    return combo.get("auth", "no") == "no" and combo.get("admin", "no") == "no"


def combo(**values: str) -> dict[str, str]:
    return {**DEFAULTS, **values}


ALL_ON = combo(
    database="postgresql",
    auth="yes",
    admin="yes",
    api_docs="yes",
    html="yes",
    realtime="yes",
    tasks="celery",
    email="yes",
    sentry="yes",
    docker="yes",
    ci="github",
)
ALL_OFF = combo(
    license="Proprietary",
    python_version="3.13",
    database="none",
    auth="no",
    admin="no",
    api_docs="no",
    html="no",
    realtime="no",
    tasks="none",
    email="no",
    sentry="no",
    docker="no",
    ci="none",
)
#: The combinations whose own tests, lint and type checks run; see the module docstring.
FULL_GATES = [
    ALL_ON,
    ALL_OFF,
    # The admin behind its own login, an HTML page, mail from a worker thread, Sentry.
    combo(
        license="Apache-2.0",
        python_version="3.12",
        database="sqlite",
        auth="no",
        admin="yes",
        api_docs="no",
        html="yes",
        realtime="no",
        email="yes",
        sentry="yes",
        docker="yes",
        ci="gitlab",
    ),
    # Tokens without the admin; realtime, Celery and mail sent by a task on SQLite.
    combo(
        license="BSD-3-Clause",
        python_version="3.11",
        database="sqlite",
        auth="yes",
        admin="no",
        api_docs="yes",
        html="no",
        realtime="yes",
        tasks="celery",
        email="yes",
        docker="no",
        ci="github",
    ),
    # No database at all, with a page, WebSockets, Celery and mail sent by a task.
    combo(
        license="GPL-3.0-or-later",
        python_version="3.12",
        database="none",
        auth="no",
        admin="no",
        api_docs="yes",
        html="yes",
        realtime="yes",
        tasks="celery",
        email="yes",
        docker="yes",
        ci="gitlab",
    ),
]
MATRIX = pairwise(OPTIONS, valid, seeds=[DEFAULTS, *FULL_GATES])

#: Free text that breaks naive templating, for the all-on combination.
HOSTILE = {
    "project_name": 'Ünïcode "quoted" \\ {{ x }} {% if %} # [a] ${b} – 🚀',
    "project_slug": "hostile_app",
    "description": "It's <b>bold</b> & `code` | *star* {# note #} 'single' \"double\"",
    "author_name": 'O\'Brien \\ "Q" {{ author }}',
    "author_email": "o.brien+{{x}}@example.com",
}


def label(values: Mapping[str, str]) -> str:
    return "-".join(values[key] for key in OPTIONS)


def options_for(values: Mapping[str, str]) -> dict[str, str]:
    return {**values, **(HOSTILE if values == ALL_ON else {})}


# -- the matrix itself --------------------------------------------------------------------


def test_the_matrix_starts_with_the_seeds_and_covers_every_valid_pair() -> None:
    assert MATRIX[0] == DEFAULTS
    assert MATRIX[1 : 1 + len(FULL_GATES)] == FULL_GATES
    assert all(valid(values) for values in MATRIX)
    assert uncovered_pairs(OPTIONS, valid, MATRIX) == set()


def test_the_full_gates_cover_every_value_of_every_option() -> None:
    for key, values in OPTIONS.items():
        assert {gate[key] for gate in FULL_GATES} == set(values), key
    interactions = {(g["auth"], g["admin"]) for g in FULL_GATES}
    assert {("yes", "yes"), ("yes", "no"), ("no", "yes"), ("no", "no")} <= interactions
    assert {g["database"] for g in FULL_GATES if g["realtime"] == "yes"} == set(OPTIONS["database"])
    assert {g["database"] for g in FULL_GATES if g["tasks"] == "celery"} == set(OPTIONS["database"])
    assert {(g["tasks"], g["email"]) for g in FULL_GATES} >= {("celery", "yes"), ("none", "yes")}


def test_the_docs_describe_this_matrix() -> None:
    docs = (REPO / "docs" / "starters" / "fastapi.md").read_text("utf-8")

    assert f"{len(MATRIX)} combinations in all" in docs
    for number, gate in enumerate(FULL_GATES, 1):
        row = " | ".join([str(number), *(gate[key] for key in OPTIONS)])
        assert f"| {row} |" in docs, row


# -- structural checks, every combination -------------------------------------------------


@pytest.fixture(scope="module")
def fastapi_env(starter_envs: EnvFactory) -> Path:
    """One environment for every combination. Options only ever add dependencies, so the
    all-on starter's are the union of all of them; each test checks that its are there."""
    return starter_envs(FRAMEWORK, [ALL_ON])


@pytest.mark.slow
@pytest.mark.parametrize("values", MATRIX, ids=label)
def test_the_starter_is_well_formed(
    values: dict[str, str], tmp_path: Path, fastapi_env: Path
) -> None:
    options = options_for(values)
    project = bake(FRAMEWORK, options, tmp_path).project_dir
    free_text = [options[k] for k in HOSTILE if k in options and k != "project_slug"]
    free_text += [form for text in free_text for form in escaped_forms(text)]

    assert missing_from(fastapi_env, requirements(project)) == []
    assert unrendered(project, free_text) == []
    assert parse_errors(project) == []
    assert lint_deploy_files(project) == []
    python = str(fastapi_env / "bin" / "python")
    run([python, "-m", "ruff", "check", "--no-cache", "."], project, fastapi_env)
    run([python, "-m", "ruff", "format", "--check", "--no-cache", "."], project, fastapi_env)
    run([python, "-m", "pre_commit", "validate-config", PRE_COMMIT_CONFIG], project, fastapi_env)
    assert update_config_problems(project) == []
    assert hygiene_problems(project) == []
    assert option_problems(project, values) == []


@pytest.mark.parametrize("values", MATRIX, ids=label)
def test_the_dev_group_for_uv_is_the_dev_extra_for_pip(
    values: dict[str, str], tmp_path: Path
) -> None:
    """A bare ``uv sync`` and ``pip install -e ".[dev]"`` install the same tools."""
    project = bake(FRAMEWORK, options_for(values), tmp_path).project_dir
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))

    extra = pyproject["project"]["optional-dependencies"]["dev"]
    assert pyproject["dependency-groups"] == {"dev": extra}
    names = {canonicalize_name(Requirement(line).name) for line in extra}
    assert {"pytest", "pytest-cov", "pre-commit", "ruff", "mypy"} <= names


PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"


def missing_from(env: Path, wanted: list[str]) -> list[str]:
    """The requirements in ``wanted`` that the environment was not built with: another
    version range, or an extra it lacks. ``starter_env`` records what it installed."""
    built = {}
    for line in (env / ".complete").read_text("utf-8").splitlines():
        requirement = Requirement(line)
        built[canonicalize_name(requirement.name)] = requirement
    missing = []
    for line in wanted:
        requirement = Requirement(line)
        have = built.get(canonicalize_name(requirement.name))
        if (
            have is None
            or have.specifier != requirement.specifier
            or not requirement.extras <= have.extras
        ):
            missing.append(line)
    return missing


def escaped_forms(text: str) -> list[str]:
    """The free text as the template writes it into Markdown, and into Python (where a
    double quote is written \\u0022, see app/config.py)."""
    jinja = Environment(extensions=[_filters().md])
    python = json.dumps(text, ensure_ascii=False)[1:-1].replace('\\"', "\\u0022")
    return [jinja.filters["md"](text), python]


def _filters() -> ModuleType:
    path = templates_root() / FRAMEWORK / "local_extensions.py"
    spec = importlib.util.spec_from_file_location("fastapi_template_filters", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def option_problems(project: Path, values: Mapping[str, str]) -> list[str]:
    """Each option's files and settings are there exactly when it is chosen."""
    problems: list[str] = []

    def expect(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    def exists(path: str) -> bool:
        return (project / path).exists()

    db = values["database"] != "none"
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    deps = " ".join(pyproject["project"]["dependencies"]).lower()
    python_sources = "\n".join(p.read_text("utf-8") for p in sorted(project.rglob("*.py")))
    main = (project / "app" / "main.py").read_text("utf-8")

    version = values["python_version"]
    expect(pyproject["project"]["requires-python"] == f">={version}", "requires-python")
    expect(pyproject["tool"]["mypy"]["python_version"] == version, "mypy python_version")
    expect(pyproject["tool"]["ruff"]["target-version"] == f"py{version.replace('.', '')}", "ruff")
    expect(pyproject["tool"]["mypy"]["strict"] is True, "mypy strict")

    expect(exists("migrations/versions/0001_initial.py") == db, "initial migration")
    expect(exists("app/db.py") == db and exists("app/models.py") == db, "database code")
    expect(("sqlalchemy" in deps and "alembic" in deps) == db, "database dependencies")
    expect(("sqlalchemy" in python_sources) == db, "sqlalchemy imported without a database")
    expect(("asyncpg" in deps) == (values["database"] == "postgresql"), "asyncpg")
    expect(("aiosqlite" in deps) == (values["database"] == "sqlite"), "aiosqlite")
    expect("psycopg" not in deps, "no synchronous PostgreSQL driver")
    expect(("sqlalchemy[asyncio]" in deps) == db, "SQLAlchemy's asyncio extension")
    # The request path is async end to end: no synchronous engine or session anywhere.
    sync_orm = re.search(r"\bsqlalchemy\.orm import .*\b(Session|sessionmaker)\b", python_sources)
    expect(sync_orm is None, "a synchronous Session or sessionmaker")
    expect(re.search(r"\bcreate_engine\(", python_sources) is None, "a synchronous engine")
    expect("[tool.alembic]" in (project / "pyproject.toml").read_text("utf-8") or not db, "alembic")

    auth, admin = values["auth"] == "yes", values["admin"] == "yes"
    expect(exists("app/security.py") == auth and exists("app/api/auth.py") == auth, "auth code")
    expect(("pyjwt" in deps and "pwdlib[argon2]" in deps) == auth, "auth dependencies")
    expect(exists("app/admin.py") == admin and ("sqladmin" in deps) == admin, "admin")
    expect(("is_superuser" in python_sources) == (auth and admin), "superusers only for admin")
    expect(("secret_key" in python_sources) == (auth or admin), "a secret key only when signing")

    no_docs = "docs_url=None" in main and "openapi_url=None" in main
    expect(no_docs == (values["api_docs"] == "no"), "api_docs")

    html = values["html"] == "yes"
    expect(exists("app/templates/index.html") == html and ("jinja2" in deps) == html, "html")

    realtime = values["realtime"] == "yes"
    celery, mail, sentry = (
        values["tasks"] == "celery",
        values["email"] == "yes",
        values["sentry"] == "yes",
    )
    redis = realtime or celery
    expect(exists("app/broker.py") == realtime, "realtime")
    expect(("redis>=" in deps.replace("celery[redis]>=", "")) == redis, "redis only when used")
    expect(exists("app/tasks.py") == celery and exists("tests/test_tasks.py") == celery, "tasks")
    expect(("celery[redis]" in deps) == celery, "celery")
    expect(("enqueue(item_created" in python_sources) == (celery and db), "task after commit")
    expect(exists("app/mail.py") == mail and exists("tests/test_mail.py") == mail, "email")
    dev_deps = " ".join(pyproject["project"]["optional-dependencies"]["dev"])
    expect(("aiosmtpd" in dev_deps) == mail, "aiosmtpd for the mail tests")
    reset = auth and mail
    expect(exists("app/api/password_reset.py") == reset, "password reset")
    expect(exists("tests/test_password_reset.py") == reset, "password reset tests")
    expect(exists("app/monitoring.py") == sentry, "sentry")
    expect(("sentry-sdk[fastapi]" in deps) == sentry, "sentry-sdk")
    expect(exists("app/log.py") and "RequestIdMiddleware" in main, "request ids")
    expect('"/ready"' in main, "readiness")

    expect("gunicorn" in deps and "uvicorn-worker" in deps, "the production server")

    docker = values["docker"] == "yes"
    expect(exists("Dockerfile") == docker and exists("compose.yaml") == docker, "docker files")
    if docker:
        dockerfile = (project / "Dockerfile").read_text("utf-8")
        expect(f"FROM python:{version}-slim\n" in dockerfile, "slim base of the Python version")
        expect(re.search(r"^USER 10001:10001$", dockerfile, re.M) is not None, "non-root user")
        expect("COPY gunicorn.conf.py ./\n" in dockerfile, "the image has gunicorn.conf.py")
        expect("HEALTHCHECK" in dockerfile and "/health" in dockerfile, "a health check")
        compose = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))
        services = set(compose["services"])
        wanted = {"app", "dev"} | ({"migrate"} if db else set())
        wanted |= {"db", "dev-db"} if values["database"] == "postgresql" else set()
        wanted |= {"redis"} if redis else set()
        wanted |= {"worker", "dev-worker"} if celery else set()
        wanted |= {"mailpit"} if mail else set()
        expect(services == wanted, f"compose services {sorted(services)}")
        problems.extend(compose_problems(compose["services"]))
        expect(
            compose["services"]["app"]["ports"] == ["127.0.0.1:${APP_PORT:-8000}:8000"], "app port"
        )
        for name, service in compose["services"].items():
            for port in service.get("ports", []):
                expect(port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback")

    expect(exists("gunicorn.conf.py"), "gunicorn.conf.py")
    readme = (project / "README.md").read_text("utf-8")
    expect(re.search(r"\d\.\d+x", readme) is None, "benchmark ratios in the README")
    env_example = (project / ".env.example").read_text("utf-8")
    expect("\nENVIRONMENT=development\n" in env_example, ".env.example asks for development")
    if values["database"] == "postgresql":
        expect("\nDATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/" in env_example, "pg")
    if values["database"] == "sqlite":
        expect("\nDATABASE_URL=sqlite+aiosqlite:///./app.db\n" in env_example, "sqlite")

    github = project / ".github" / "workflows" / "ci.yml"
    gitlab = project / ".gitlab-ci.yml"
    expect(github.exists() == (values["ci"] == "github"), "GitHub workflow")
    expect(gitlab.exists() == (values["ci"] == "gitlab"), "GitLab pipeline")
    if github.exists():
        workflow = yaml.safe_load(github.read_text("utf-8"))
        # PyYAML reads the key "on" as True.
        expect(workflow[True] == {"push": {"branches": ["main"]}, "pull_request": None}, "on")
        expect(workflow["permissions"] == {"contents": "read"}, "permissions")
        expect(
            workflow["concurrency"]
            == {
                "group": "${{ github.workflow }}-${{ github.ref }}",
                "cancel-in-progress": True,
            },
            "concurrency",
        )
        uses = [step.get("uses") for step in workflow["jobs"]["test"]["steps"]]
        expect(uses[:2] == ["actions/checkout@v5", "astral-sh/setup-uv@v6"], "actions")
    if gitlab.exists():
        pipeline = yaml.safe_load(gitlab.read_text("utf-8"))
        rules = pipeline["workflow"]["rules"]
        expect({"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in rules, "MR rule")
        no_duplicate = {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"}
        expect(no_duplicate in rules, "no branch pipeline beside a merge request's")
        expect(pipeline["test"]["interruptible"] is True, "interruptible")
    for ci in (github, gitlab):
        if ci.exists():
            text = ci.read_text("utf-8")
            expect(("postgres:" in text) == (values["database"] == "postgresql"), "ci postgres")
            expect(("redis:" in text) == redis, "ci redis")
            for step in ("ruff check", "ruff format --check", "mypy", "pytest"):
                expect(step in text, f"ci runs {step}")
    problems.extend(tooling_problems(project, values))
    return problems


#: How the CI installs: from uv.lock when there is one.
SYNC = "if [ -f uv.lock ]; then uv sync --locked; else uv sync; fi"
CHECKS = ["uv run ruff check .", "uv run ruff format --check .", "uv run mypy", "uv run pytest"]
#: The starter's pytest fails below this coverage; the full gates run it in each of theirs.
FAIL_UNDER = 88


def tooling_problems(project: Path, values: Mapping[str, str]) -> list[str]:
    """Issue 17: uv beside pip, coverage, the image from uv.lock, CI on uv with its cache,
    pre-commit, and Dependabot or Renovate."""
    problems: list[str] = []

    def expect(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    addopts = pyproject["tool"]["pytest"]["ini_options"]["addopts"]
    expect({"--cov=app", "--cov-report=term-missing:skip-covered"} <= set(addopts), "--cov")
    coverage = pyproject["tool"]["coverage"]
    expect(coverage["run"] == {"branch": True, "source": ["app"]}, "coverage of app's branches")
    expect(coverage["report"] == {"fail_under": FAIL_UNDER}, "the coverage threshold")

    if values["docker"] == "yes":
        problems.extend(dockerfile_problems(project, values["python_version"]))
    github = project / ".github" / "workflows" / "ci.yml"
    if github.exists():
        steps = yaml.safe_load(github.read_text("utf-8"))["jobs"]["test"]["steps"]
        setup = steps[1].get("with", {})
        expect(setup.get("enable-cache") is True, "setup-uv caches")
        globs = str(setup.get("cache-dependency-glob")).split()
        expect(globs == ["uv.lock", "pyproject.toml"], "uv's cache keyed on the lock")
        expect(setup.get("python-version") == "${{ matrix.python-version }}", "matrix Python")
        expect([step["run"] for step in steps if "run" in step] == [SYNC, *CHECKS], "CI steps")
    gitlab = project / ".gitlab-ci.yml"
    if gitlab.exists():
        job = yaml.safe_load(gitlab.read_text("utf-8"))["test"]
        install = 'pip install --disable-pip-version-check --no-cache-dir "uv==0.13.9"'
        expect(job["before_script"] == [install, SYNC], "GitLab installs with uv")
        expect(job["script"] == CHECKS, "GitLab checks")
        expect(job["variables"]["UV_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/uv", "UV_CACHE_DIR")
        cache = job["cache"]
        expect(cache["key"]["files"] == ["uv.lock", "pyproject.toml"], "cache key")
        expect(cache["paths"] == [".cache/uv"], "cache path")

    problems.extend(pre_commit_problems(project))
    dependabot, renovate = project / ".github" / "dependabot.yml", project / "renovate.json"
    expect(dependabot.exists() == (values["ci"] == "github"), "Dependabot with GitHub")
    expect(renovate.exists() == (values["ci"] == "gitlab"), "Renovate with GitLab")
    if dependabot.exists():
        updates = yaml.safe_load(dependabot.read_text("utf-8"))["updates"]
        ecosystems = [update["package-ecosystem"] for update in updates]
        wanted = ["uv", "github-actions"] + (["docker"] if values["docker"] == "yes" else [])
        expect(ecosystems == wanted, f"Dependabot updates {ecosystems}")
        expect(all(u["schedule"] == {"interval": "weekly"} for u in updates), "weekly")
    if renovate.exists():
        config = json.loads(renovate.read_text("utf-8"))
        expect(config["extends"] == ["config:recommended"], "Renovate's recommended presets")
        expect(config["lockFileMaintenance"]["enabled"] is True, "uv.lock kept fresh")
    return problems


def dockerfile_problems(project: Path, version: str) -> list[str]:
    """A build stage installs from uv.lock or pyproject.toml with uv from PyPI; the image
    takes its virtual environment and has no uv."""
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?$", dockerfile, re.M)
    if stages != [(f"python:{version}-slim", "dependencies"), (f"python:{version}-slim", "")]:
        return [f"stages {stages}"]
    build, image = dockerfile.split(f"\nFROM python:{version}-slim\n")
    wanted = {
        'RUN pip install "uv==0.13.9"\n': "uv from PyPI",
        "COPY pyproject.toml uv.lock* ./\n": "the lock when there is one",
        "uv sync --frozen --no-dev --no-install-project": "from uv.lock",
        "uv venv /opt/venv && uv pip install --python /opt/venv/bin/python -r pyproject.toml": (
            "from pyproject.toml"
        ),
        "UV_PROJECT_ENVIRONMENT=/opt/venv": "uv sync's environment where the image takes it",
    }
    problems = [message for text, message in wanted.items() if text not in build]
    if "COPY --from=dependencies /opt/venv /opt/venv\n" not in image:
        problems.append("the image takes the environment")
    if 'PATH="/opt/venv/bin:$PATH"' not in image:
        problems.append("the environment first on PATH")
    if re.search(r"^RUN .*\b(uv|pip)\b", image, re.M):
        problems.append("uv or pip run in the image")
    ignored = (project / ".dockerignore").read_text("utf-8").splitlines()
    problems += [
        f"{name} not in .dockerignore" for name in (".venv", ".coverage") if name not in ignored
    ]
    return problems


def pre_commit_problems(project: Path) -> list[str]:
    """ruff, ruff-format, the hygiene hooks, and mypy from the project's own environment."""
    repos = yaml.safe_load((project / PRE_COMMIT_CONFIG).read_text("utf-8"))["repos"]
    hooks = {repo["repo"]: {hook["id"]: hook for hook in repo["hooks"]} for repo in repos}
    problems = []
    hygiene = {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-toml",
        "check-merge-conflict",
        "check-added-large-files",
    }
    if set(hooks.get("https://github.com/pre-commit/pre-commit-hooks", {})) != hygiene:
        problems.append("the hygiene hooks")
    ruff = hooks.get("https://github.com/astral-sh/ruff-pre-commit", {})
    if set(ruff) != {"ruff", "ruff-format"} or ruff["ruff"].get("args") != ["--fix"]:
        problems.append("ruff --fix and ruff-format")
    mypy = hooks.get("local", {}).get("mypy", {})
    wanted = {"entry": "mypy", "language": "system", "pass_filenames": False, "types": ["python"]}
    if {key: mypy.get(key) for key in wanted} != wanted:
        problems.append(f"mypy as a local hook: {mypy}")
    revs = [repo.get("rev", "") for repo in repos if repo["repo"] != "local"]
    if not all(re.fullmatch(r"v\d+\.\d+\.\d+", rev) for rev in revs):
        problems.append(f"pinned revs {revs}")
    return problems


def compose_problems(services: Mapping[str, dict[str, object]]) -> list[str]:
    """Parity (issue 16): the development stack in profile ``dev``, with a reloading
    server; every service waited for is health-checked, and waited for until healthy;
    the workers are checked with ``celery inspect ping``."""
    problems = []
    if services["dev"].get("profiles") != ["dev"] or "--reload" not in str(services["dev"]):
        problems.append("dev: profile dev, uvicorn --reload")
    for name, service in services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), name
        for needed, how in depends.items():
            done = "service_completed_successfully" if needed == "migrate" else "service_healthy"
            if how != {"condition": done}:
                problems.append(f"{name} waits for {needed} with {how}")
            if needed != "migrate" and "healthcheck" not in services[needed]:
                problems.append(f"{needed} has no health check")
        if name in ("worker", "dev-worker"):
            check = str(service.get("healthcheck"))
            if "celery -A app.tasks inspect ping" not in check:
                problems.append(f"{name}: celery inspect ping")
    return problems


@pytest.mark.slow
def test_the_image_command_serves_the_app_in_production(tmp_path: Path, fastapi_env: Path) -> None:
    """The Dockerfile's CMD (gunicorn with uvicorn workers), run as it is, on a free port."""
    project = bake(FRAMEWORK, ALL_ON, tmp_path).project_dir
    [cmd] = re.findall(r"^CMD (\[.*\])$", (project / "Dockerfile").read_text("utf-8"), re.M)
    port = free_port()
    argv = [a.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for a in json.loads(cmd)]
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir()
    env = env_vars(
        fastapi_env,
        {
            "ENVIRONMENT": "production",
            "SECRET_KEY": "a production key of at least thirty-two characters",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SMTP_HOST": "127.0.0.1",
            "WEB_CONCURRENCY": "2",
            # Where gunicorn would put a control socket, had the command not turned it off.
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
        },
    )
    server = subprocess.Popen(
        argv, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_for_port(port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as response:
            assert json.load(response) == {"status": "ok"}
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "uvicorn_worker.UvicornWorker" in output, output
    assert output.count("Booting worker") == 2, output
    assert list(home.iterdir()) == list(runtime.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("environment", [None, "development", "production"])
def test_the_image_command_without_a_secret_key_fails_once_in_one_line(
    tmp_path: Path, fastapi_env: Path, environment: str | None
) -> None:
    """The Dockerfile's CMD, as it is, with no SECRET_KEY and no .env: gunicorn's master
    stops with one line, before any worker boots (issue 15, items 1 and 18)."""
    project = bake(FRAMEWORK, ALL_ON, tmp_path).project_dir
    [cmd] = re.findall(r"^CMD (\[.*\])$", (project / "Dockerfile").read_text("utf-8"), re.M)
    argv = [a.replace("0.0.0.0:8000", f"127.0.0.1:{free_port()}") for a in json.loads(cmd)]
    extra = {"ALLOWED_HOSTS": "127.0.0.1", "HOME": str(tmp_path)}
    if environment is not None:
        extra["ENVIRONMENT"] = environment
    env = env_vars(fastapi_env, extra)
    for name in ("SECRET_KEY", "ENVIRONMENT") if environment is None else ("SECRET_KEY",):
        env.pop(name, None)

    done = subprocess.run(
        argv, cwd=project, env=env, capture_output=True, text=True, timeout=60, check=False
    )

    assert not (project / ".env").exists()
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if "SECRET_KEY" in line]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: SECRET_KEY must be set"), done.stderr
    assert done.stderr.splitlines()[-1] == lines[0]
    assert "Traceback" not in done.stderr + done.stdout
    assert "Booting worker" not in done.stderr


# -- full gates, the representative subset ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("values", FULL_GATES, ids=label)
def test_the_starter_passes_its_own_tests_lint_and_type_check(
    values: dict[str, str],
    tmp_path: Path,
    fastapi_env: Path,
    request: pytest.FixtureRequest,
) -> None:
    project = bake(FRAMEWORK, options_for(values), tmp_path).project_dir
    extra: dict[str, str] = {}
    if values["database"] == "postgresql":
        postgres = request.getfixturevalue("postgres")
        extra["TEST_DATABASE_URL"] = postgres.create_database(f"gates_{tmp_path.name}")
    if values["realtime"] == "yes" or values["tasks"] == "celery":
        extra["TEST_REDIS_URL"] = request.getfixturevalue("redis_url")

    summary = run_gates(project, fastapi_env, extra)

    assert " passed" in summary, summary
    assert "failed" not in summary and "skipped" not in summary and "error" not in summary, summary
