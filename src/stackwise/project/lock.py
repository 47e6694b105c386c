"""``stackwise new --lock``: the new project born with ``uv.lock``.

uv resolves what ``pyproject.toml`` allows into exact versions for every platform. It runs
in the staging directory, before the project is moved into place, so a project whose lock
failed is never written: the lock is part of the all-or-nothing generation.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from stackwise.errors import LockError

LOCK_NAME = "uv.lock"
#: Resolving a starter takes seconds; a minute more allows a slow index.
TIMEOUT = 300.0


def write_lock(project: Path) -> None:
    """Run ``uv lock`` in ``project``; ``LockError`` with uv's own reason if it cannot."""
    uv = shutil.which("uv")
    if uv is None:
        raise LockError("--lock needs uv on PATH (pip install uv); nothing was written")
    try:
        done = subprocess.run(
            [uv, "lock", "--quiet", "--no-progress"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LockError(f"uv lock took over {TIMEOUT:.0f} s; nothing was written") from None
    except OSError as exc:
        raise LockError(f"cannot run {uv}: {exc.strerror or exc}; nothing was written") from None
    if done.returncode != 0 or not (project / LOCK_NAME).is_file():
        raise LockError(f"uv lock failed: {reason(done.stderr)}; nothing was written")


def reason(stderr: str) -> str:
    """uv's explanation on one line: its error lines, without the ``error:`` prefix."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line.removeprefix("error:").strip() for line in lines if line.startswith("error:")]
    picked = " ".join(errors or lines[-1:]) or "no reason given"
    return " ".join(picked.split())


#: The installers whose commands the next steps give.
INSTALLERS = ("uv", "pip")


def installer_on_path() -> str:
    """uv where the person has it, pip (which comes with Python) otherwise."""
    return "uv" if shutil.which("uv") else "pip"
