"""The staged, all-or-nothing swap of an update's files into the working tree.

Every new file is written into a staging directory first; then each path is swapped by
renames (the old file kept in the staging directory), and whatever follows (staging git's
index) runs. A failure, Ctrl-C or SIGTERM at any point renames everything back, so the
tree is as it was, the untouched files' times included. Only once all of it succeeded are
the old files dropped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from stackwise.errors import WriteError, os_reason
from stackwise.project.update.plan import Entry

#: Seconds to wait after the first file is swapped in: lets a test interrupt an update
#: half-way through, deterministically.
PAUSE_VARIABLE = "STACKWISE_UPDATE_PAUSE"


class Change(NamedTuple):
    path: str
    #: What the path will hold; ``None`` removes the file.
    entry: Entry | None


@contextmanager
def staging(project: Path) -> Iterator[Path]:
    """A scratch directory inside the project (the same file system), removed afterwards."""
    try:
        scratch = Path(
            tempfile.mkdtemp(prefix=".stackwise-update-", suffix=".partial", dir=project)
        )
    except OSError as exc:
        raise WriteError(f"cannot write to {project}: {os_reason(exc)}") from None
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def apply(
    project: Path, changes: Sequence[Change], scratch: Path, then: Callable[[], None]
) -> None:
    """Swap ``changes`` in, then run ``then``; undo the swap if either fails."""
    prepared = _prepare(project, changes, scratch)
    journal: list[tuple[str, Path, Path | None]] = []
    try:
        for index, (change, new) in enumerate(zip(changes, prepared, strict=True)):
            _swap(project / change.path, new, scratch / "old" / str(index), journal)
            if index == 0:
                _pause()
        then()
    except BaseException:
        _undo(journal)
        raise
    _prune(project, [c.path for c in changes if c.entry is None])


def _prepare(project: Path, changes: Sequence[Change], scratch: Path) -> list[Path | None]:
    (scratch / "new").mkdir()
    (scratch / "old").mkdir()
    prepared: list[Path | None] = []
    try:
        for index, change in enumerate(changes):
            if change.entry is None:
                prepared.append(None)
                continue
            new = scratch / "new" / str(index)
            new.write_bytes(change.entry.data)
            os.chmod(new, _permissions(project / change.path, change.entry.executable))
            prepared.append(new)
    except OSError as exc:
        raise WriteError(f"cannot write to {project}: {os_reason(exc)}") from None
    return prepared


def _permissions(existing: Path, executable: bool) -> int:
    """The existing file's permissions (or the umask's), with the executable bit as asked."""
    try:
        mode = existing.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    if executable:
        return mode | ((mode & 0o444) >> 2)
    return mode & ~0o111


def _swap(
    target: Path, new: Path | None, old: Path, journal: list[tuple[str, Path, Path | None]]
) -> None:
    try:
        if target.is_symlink() or target.exists():
            os.rename(target, old)
            journal.append(("moved", target, old))
        if new is not None:
            missing = [p for p in target.parents if not p.exists()]
            for directory in reversed(missing):
                directory.mkdir()
                journal.append(("made", directory, None))
            os.rename(new, target)
            journal.append(("placed", target, None))
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {os_reason(exc)}") from None


def _undo(journal: list[tuple[str, Path, Path | None]]) -> None:
    for kind, path, old in reversed(journal):
        if kind == "placed":
            path.unlink()
        elif kind == "made":
            path.rmdir()
        elif old is not None:
            os.rename(old, path)


def _pause() -> None:
    seconds = os.environ.get(PAUSE_VARIABLE, "")
    if seconds:
        time.sleep(float(seconds))


def _prune(project: Path, removed: Sequence[str]) -> None:
    """Remove the directories that the removed files leave empty."""
    for path in removed:
        for parent in (project / path).parents:
            if parent == project or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()
