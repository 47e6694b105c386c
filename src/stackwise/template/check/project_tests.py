"""``template check --run-tests``: install the rendered default project in a virtual
environment of its own and run its own tests with pytest.

The project is installed as its README would say: ``pip install -e ".[dev]"`` when it
declares a ``dev`` extra, else ``pip install -e .``; pytest is added when the project does
not bring it. Nothing outlives the check: the environment is made in scratch space.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from stackwise.template.check.files import Finding

#: Long enough for pip to fetch a web framework's dependencies on a slow line.
TIMEOUT = 1800.0


def _has_dev_extra(project: Path) -> bool:
    try:
        data = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    extras = data.get("project", {}).get("optional-dependencies", {})
    return isinstance(extras, dict) and "dev" in extras


def _last_line(text: str) -> str:
    """pip's first error, else the last line (pytest's summary), without its ``=`` rule."""
    lines = [line.strip(" =") for line in text.splitlines() if line.strip(" =")]
    errors = [line for line in lines if line.startswith("ERROR:")]
    return errors[0] if errors else lines[-1] if lines else "no output"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str] | str:
    """The finished command, or why it could not run to the end."""
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"did not finish in {TIMEOUT:.0f} s"
    except OSError as exc:
        return exc.strerror or str(exc)


def _failed(done: subprocess.CompletedProcess[str] | str) -> str | None:
    """Why a step failed (its last line of output), or ``None`` when it passed."""
    if isinstance(done, str):
        return done
    if done.returncode != 0:
        return _last_line(done.stdout + done.stderr)
    return None


def run_project_tests(project: Path) -> list[Finding]:
    """Install ``project`` and run its tests; one finding for the first step that failed."""
    with tempfile.TemporaryDirectory(prefix="stackwise-check-venv-") as scratch:
        python = str(Path(scratch, "bin", "python"))
        target = ".[dev]" if _has_dev_extra(project) else "."
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        steps = [
            ("(venv)", "python -m venv", [sys.executable, "-m", "venv", scratch]),
            ("pyproject.toml", f'pip install -e "{target}"', [*pip, "-e", target]),
        ]
        for where, what, command in steps:
            why = _failed(_run(command, project))
            if why is not None:
                return [(where, f"{what} failed: {why}")]
        if _failed(_run([python, "-c", "import pytest"], project)) is not None:
            _run([*pip, "pytest"], project)
        why = _failed(_run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], project))
        return [("tests", f"pytest failed: {why}")] if why is not None else []
