"""The author defaults: git's ``user.name`` and ``user.email``, where git and they exist."""

from __future__ import annotations

import subprocess

_KEYS = {"author_name": "user.name", "author_email": "user.email"}


def git_identity() -> dict[str, str]:
    """What ``git config`` says of the author; a missing git or setting gives nothing."""
    found: dict[str, str] = {}
    for key, setting in _KEYS.items():
        try:
            done = subprocess.run(
                ["git", "config", "--get", setting],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return found
        if done.returncode == 0 and done.stdout.strip():
            found[key] = done.stdout.strip()
    return found
