"""Bake starters and run their own gates (pytest, ruff, mypy) in a shared environment.

Installing every baked project into its own virtual environment would take minutes each,
so each framework gets one environment holding the union of its variants' dependencies
(read from the baked ``pyproject.toml`` files), cached under ``.cache/starter-envs`` by a
hash of that list. Baked projects run in it from their own directory, which puts their
package on ``sys.path``. One real ``pip install -e ".[dev]"`` per framework is kept in
``test_packaging.py``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from filelock import FileLock

from stackwise import api
from stackwise.project.create import Generated

REPO = Path(__file__).resolve().parents[2]
ENV_CACHE = Path(os.environ.get("STACKWISE_STARTER_ENVS", REPO / ".cache" / "starter-envs"))
TIMEOUT = 900

#: The ``starter_envs`` fixture: (framework, variants) -> an environment for them.
EnvFactory = Callable[[str, Sequence[Mapping[str, str]]], Path]


def bake(
    framework: str, options: Mapping[str, str], output_dir: Path, name: str = "Demo App"
) -> Generated:
    """Generate a starter through stackwise's own API, with ``options`` as ``--set`` would."""
    plan = api.resolve({"framework": framework, **options}, name_default=name, identity={})
    return api.create(plan, output_dir)


def requirements(project: Path) -> list[str]:
    """The runtime and ``dev`` requirements a baked project declares."""
    data = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    return [*data.get("dependencies", []), *data.get("optional-dependencies", {}).get("dev", [])]


#: Every option on, PostgreSQL: with the defaults, the variants whose requirements make up
#: each framework's environment, whatever else a test asks for; options only add
#: requirements, so these two hold all of them and every test shares one environment.
ALL_ON = {
    "database": "postgresql",
    **dict.fromkeys(("auth", "admin", "api_docs", "html", "realtime"), "yes"),
}


def starter_env(framework: str, variants: Iterable[Mapping[str, str]], scratch: Path) -> Path:
    """A virtual environment with every dependency of these variants and the canonical ones."""
    wanted: set[str] = set()
    for index, options in enumerate([{}, ALL_ON, *variants]):
        wanted.update(requirements(bake(framework, options, scratch / f"v{index}").project_dir))
    listing = "\n".join(sorted(wanted))
    key = hashlib.sha256(f"{sys.version}\n{listing}".encode()).hexdigest()[:12]
    env = ENV_CACHE / f"{framework}-{key}"
    ENV_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{env}.lock"):
        if not (env / ".complete").exists():
            shutil.rmtree(env, ignore_errors=True)
            run([sys.executable, "-m", "venv", str(env)], cwd=ENV_CACHE)
            run(
                [
                    str(env / "bin" / "python"),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    *sorted(wanted),
                ],
                cwd=ENV_CACHE,
            )
            (env / ".complete").write_text(listing + "\n", encoding="utf-8")
    return env


def env_vars(env: Path | None = None, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment for a child process, with ``env``'s scripts first on PATH."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PYTEST", "COV_", "DJANGO_", "FLASK_"))
    }
    if env is not None:
        keep["PATH"] = f"{env / 'bin'}{os.pathsep}{keep.get('PATH', '')}"
        keep["VIRTUAL_ENV"] = str(env)
    keep.update(extra or {})
    return keep


def run(
    command: list[str],
    cwd: Path,
    env: Path | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command; a failure raises with everything it printed, for the test report."""
    done = subprocess.run(
        command,
        cwd=cwd,
        env=env_vars(env, extra_env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} exited {done.returncode} in {cwd}\n"
            f"--- stdout\n{done.stdout[-6000:]}\n--- stderr\n{done.stderr[-6000:]}"
        )
    return done


def run_gates(project: Path, env: Path, extra_env: Mapping[str, str] | None = None) -> str:
    """The starter's own checks, as its README gives them; returns pytest's summary line."""
    python = str(env / "bin" / "python")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    # One cache per worker and package name: django-stubs records the user model's module
    # in the cache, so projects with another slug must not share it.
    cache = env / f"mypy-cache-{worker}-{project.name}"
    mypy_env = {"MYPY_CACHE_DIR": str(cache), **(extra_env or {})}
    tests = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], project, env, extra_env)
    run([python, "-m", "ruff", "check", "--no-cache", "."], project, env)
    run([python, "-m", "ruff", "format", "--check", "--no-cache", "."], project, env)
    run([python, "-m", "mypy"], project, env, mypy_env)
    return tests.stdout.strip().splitlines()[-1]
