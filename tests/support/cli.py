"""Helpers for the command-line tests: a directory as bytes, the installed command."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: The ``stackwise`` console script of the environment running the tests.
STACKWISE = Path(sys.executable).with_name("stackwise")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, by relative path, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def listing(root: Path) -> list[tuple[str, int, int]]:
    """Every entry under ``root`` with its size and modification time, to see any change."""
    return [
        (p.relative_to(root).as_posix(), p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    ]


def cli_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a real ``stackwise`` process: no git identity, UTF-8 I/O."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(
        {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "PYTHONUTF8": "1"},
    )
    env.update(extra or {})
    return env


def run_stackwise(
    args: list[str],
    cwd: Path,
    *,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = 60,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``stackwise`` command, as a pipeline would."""
    return subprocess.run(
        [str(STACKWISE), *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(extra_env),
        check=False,
    )


def command_args(command: str, output_dir: Path) -> list[str]:
    """The arguments of a printed ``stackwise new ...`` command, with another ``-o``."""
    words = shlex.split(command)
    assert words[:2] == ["stackwise", "new"], command
    assert words[-2] == "-o", command
    return [*words[1:-1], str(output_dir)]
