"""``stackwise new --lock`` and ``--installer``: a project born with uv.lock, and next steps
for the installer the person has.

The lock is made by the real uv (the test extra installs it) against the real index; where
the index cannot be reached, a closed port on 127.0.0.1 stands for it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from support.serve import free_port

#: The uv of the environment running the tests.
UV = Path(sys.executable).with_name("uv")
#: The Flask starter's first steps, by installer (the rest are the same for both).
FIRST_STEPS = {
    "pip": ["python3.11 -m venv .venv", ". .venv/bin/activate", 'pip install -e ".[dev]"'],
    "uv": ["uv sync --python 3.11", ". .venv/bin/activate"],
}
FEATURES = str(Path(__file__).parent / "fixtures" / "templates" / "features")


def new(tmp_path: Path, *args: str, path: str | None = None) -> tuple[int, str, str]:
    """``stackwise new`` for a Flask project named Shop in ``tmp_path/out``, PATH as given."""
    argv = ["new", "--no-input", "--framework", "flask", "--name", "Shop"]
    env = {"PATH": path if path is not None else os.environ["PATH"], **NO_DOWNLOADS}
    result = CliRunner().invoke(main, [*argv, "-o", str(tmp_path / "out"), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def with_uv(tmp_path: Path) -> str:
    """A PATH with the real uv on it, and nothing else of the test environment's bin."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "uv").symlink_to(UV)
    return f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"


WITHOUT_UV = f"/usr/bin{os.pathsep}/bin"
#: uv takes this Python, and never downloads one: the index is the only network, reached
#: with the system's certificates, as pip reaches it.
NO_DOWNLOADS = {"UV_PYTHON_DOWNLOADS": "never", "UV_PYTHON": sys.executable, "UV_NATIVE_TLS": "1"}


@pytest.mark.parametrize(
    ("installer", "uv_on_path"),
    [("pip", False), ("uv", True), (None, False), (None, True)],
    ids=["--installer pip", "--installer uv", "pip: no uv on PATH", "uv: on PATH"],
)
def test_the_next_steps_are_those_of_the_installer_chosen_or_found(
    tmp_path: Path, installer: str | None, uv_on_path: bool
) -> None:
    path = with_uv(tmp_path) if uv_on_path else WITHOUT_UV
    args = ["--json", *(["--installer", installer] if installer else [])]

    code, stdout, stderr = new(tmp_path, *args, path=path)

    assert (code, stderr) == (0, "")
    expected = installer or ("uv" if uv_on_path else "pip")
    steps = json.loads(stdout)["next_steps"]
    assert steps[1 : 1 + len(FIRST_STEPS[expected])] == FIRST_STEPS[expected]
    assert steps[1 + len(FIRST_STEPS[expected]) :] == [
        "cp .env.example .env",
        "pytest",
        "flask --app shop db upgrade",
        "flask --app shop run --debug",
    ]


def test_an_installer_outside_the_choices_is_a_usage_error(tmp_path: Path) -> None:
    code, stdout, stderr = new(tmp_path, "--installer", "poetry")

    assert (code, stdout) == (2, "")
    assert "Invalid value for '--installer': 'poetry' is not one of 'uv', 'pip'." in stderr
    assert not (tmp_path / "out").exists()


def test_lock_without_uv_on_path_fails_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    code, stdout, stderr = new(tmp_path, "--lock", path=WITHOUT_UV)

    assert (code, stdout) == (1, "")
    assert stderr == "Error: --lock needs uv on PATH (pip install uv); nothing was written\n"
    assert not (tmp_path / "out").exists()


def test_lock_without_the_index_fails_in_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    monkeypatch.setenv("UV_DEFAULT_INDEX", f"http://127.0.0.1:{free_port()}/simple")
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("UV_HTTP_RETRIES", "0")

    code, stdout, stderr = new(tmp_path, "--lock", path=with_uv(tmp_path))

    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: uv lock failed: "), stderr
    assert stderr.endswith("; nothing was written\n")
    assert stderr.count("\n") == 1
    assert "127.0.0.1" in stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_lock_in_a_dry_run_lists_the_lock_and_writes_nothing(tmp_path: Path) -> None:
    code, stdout, stderr = new(tmp_path, "--lock", "--dry-run", "--json", path=WITHOUT_UV)

    assert (code, stderr) == (0, "")
    data = json.loads(stdout)
    assert "uv.lock" in data["files"]
    assert shlex.split(data["command"])[-3:] == ["--lock", "-o", str(tmp_path / "out")]
    assert not (tmp_path / "out").exists()


def test_the_command_a_template_dry_run_prints_keeps_the_lock(tmp_path: Path) -> None:
    argv = ["new", "--no-input", "--template", FEATURES, "--trust", "--lock", "--dry-run"]

    result = CliRunner().invoke(main, [*argv, "--json", "-o", str(tmp_path / "out")])

    assert (result.exit_code, result.stderr) == (0, "")
    command = shlex.split(json.loads(result.stdout)["command"])
    assert command[-3:] == ["--lock", "-o", str(tmp_path / "out")]
    assert not (tmp_path / "out").exists()


def test_lock_with_a_template_that_is_no_python_project_fails_and_writes_nothing(
    tmp_path: Path,
) -> None:
    argv = ["new", "--no-input", "--template", FEATURES, "--trust", "--lock"]
    (tmp_path / "out").mkdir()
    env = {"PATH": with_uv(tmp_path), **NO_DOWNLOADS}

    result = CliRunner().invoke(main, [*argv, "-o", str(tmp_path / "out")], env=env)

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: uv lock failed: "), result.stderr
    assert "pyproject.toml" in result.stderr
    assert result.stderr.count("\n") == 1
    assert list((tmp_path / "out").iterdir()) == []


#: Every option on that needs no server for the tests (SQLite; Celery on its in-memory
#: transport), so that the lock holds every optional dependency.
EVERYTHING = [
    f"{key}={value}"
    for key, value in {
        "auth": "yes",
        "admin": "yes",
        "html": "yes",
        "realtime": "yes",
        "api_docs": "yes",
        "tasks": "celery",
        "email": "yes",
        "sentry": "yes",
    }.items()
]


@pytest.mark.slow
@pytest.mark.parametrize("sets", [[], EVERYTHING], ids=["defaults", "everything on"])
@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
def test_a_locked_starter_installs_from_its_lock_with_uv_and_passes_its_tests(
    tmp_path: Path, framework: str, sets: list[str]
) -> None:
    """The uv path end to end: ``new --lock``, ``uv sync --locked``, ``uv run pytest``.

    With every option on, pytest collects the suite (importing every module of it and of
    the app) rather than running it: the template tests run those suites already, and here
    the question is whether the lock holds all they need."""
    argv = ["new", "--no-input", "--framework", framework, "--name", "Shop", "--lock"]
    argv += [arg for pair in sets for arg in ("--set", pair)]
    env = {"PATH": with_uv(tmp_path), **NO_DOWNLOADS}
    result = CliRunner().invoke(main, [*argv, "-o", str(tmp_path)], env=env)
    assert result.exit_code == 0, result.stderr
    project = tmp_path / "shop"
    assert f" files in {project}\n" in result.stdout
    lock = tomllib.loads((project / "uv.lock").read_text("utf-8"))
    assert {"shop"} <= {package["name"] for package in lock["package"]}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "VIRTUAL_ENV"))}
    env.update(NO_DOWNLOADS)

    pytest = ["pytest", "-q", "-p", "no:cacheprovider", *(["--collect-only"] if sets else [])]
    for command in (["sync", "--locked"], ["run", "--locked", *pytest]):
        done = subprocess.run(
            [str(UV), *command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, f"uv {' '.join(command)}\n{done.stdout}\n{done.stderr}"
    assert (" tests collected" if sets else " passed") in done.stdout, done.stdout
    assert shutil.which("pytest", path=str(project / ".venv" / "bin"))
