"""The author defaults: git's ``user.name`` and ``user.email``, where git and they exist."""

from __future__ import annotations

import subprocess

_KEYS = {"user.name": "author_name", "user.email": "author_email"}


def git_identity() -> dict[str, str]:
    """What ``git config`` says of the author; a missing git or setting gives nothing.

    One ``git`` process reads both settings (the last value of each wins, as in git).
    """
    try:
        done = subprocess.run(
            ["git", "config", "--get-regexp", r"^user\.(name|email)$"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        setting, _, value = line.partition(" ")
        if setting in _KEYS and value.strip():
            found[_KEYS[setting]] = value.strip()
    return found
