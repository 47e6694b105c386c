"""The files a local template directory had when it made a project, from its own git history.

A template directory that changed since it made a project holds its base no more; where the
directory is in a git repository, the newest of its last ``HISTORY_LIMIT`` commits whose
files hash as the record says is that base. Each is exported with ``git archive`` (the
files as committed, modes kept) and the one found is kept under
``$XDG_CACHE_HOME/stackwise/checkouts``, never changed after.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from stackwise.template.cache import cache_home, content_hash

#: How far back the history is searched for the recorded template.
HISTORY_LIMIT = 200


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, check=False
    )


def recorded_version(template: Path, wanted: str | None) -> Path | None:
    """The template's files as a commit held them when they hashed to ``wanted``; ``None``
    where the directory is no git work tree or no recent commit holds them."""
    if wanted is None:
        return None
    top = _git(["rev-parse", "--show-toplevel"], template)
    if top.returncode != 0:
        return None
    root = Path(top.stdout.decode().strip()).resolve()
    prefix = template.resolve().relative_to(root).as_posix()
    log = _git(["log", f"-n{HISTORY_LIMIT}", "--format=%H", "--", "."], template)
    key = hashlib.sha256(f"{root}\0{prefix}\0{wanted}".encode()).hexdigest()[:24]
    kept = cache_home() / "checkouts" / f"dir-{key}"
    if kept.is_dir():
        return kept
    for commit in log.stdout.decode().split():
        found = _matching(root, commit, prefix, wanted, kept)
        if found is not None:
            return found
    return None


def _matching(root: Path, commit: str, prefix: str, wanted: str, kept: Path) -> Path | None:
    tree = f"{commit}:{prefix}" if prefix != "." else commit
    archive = _git(["archive", "--format=tar", tree], root)
    if archive.returncode != 0:
        return None
    kept.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".history-", dir=kept.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as files:
            files.extractall(scratch / "t", filter="data")
        if content_hash(scratch / "t") != wanted:
            return None
        try:
            os.rename(scratch / "t", kept)
        except OSError:  # another stackwise kept it first
            if not kept.is_dir():
                raise
        return kept
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
