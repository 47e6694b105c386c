"""git's side of an update: where the project is in its repository, what is tracked and
clean, and the index entries the update leaves, as ``git merge`` leaves them.

Clean results are staged (stage 0); a conflict gets its base, project and template
versions as stages 1, 2 and 3 (a side that has no file has no stage), so ``git status``
lists it as unmerged and ``git mergetool`` can resolve it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from stackwise.errors import StackwiseError
from stackwise.project.update.plan import Entry, Step

NO_OBJECT = "0" * 40


class Repo(NamedTuple):
    """The repository holding a project: its top, and the project's path from there."""

    top: Path
    #: ``""`` at the top, else ``sub/dir/``.
    prefix: str

    def full(self, path: str) -> str:
        return self.prefix + path


def git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise StackwiseError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def repo_of(project: Path) -> Repo | None:
    """The repository whose work tree holds ``project``, if there is one."""
    done = subprocess.run(
        ["git", "rev-parse", "--show-toplevel", "--show-prefix"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines:
        return None
    return Repo(Path(lines[0]), lines[1] if len(lines) > 1 else "")


def tracked(repo: Repo, project: Path) -> set[str]:
    """The project's tracked files, relative to the project."""
    out = git(["ls-files", "-z", "--full-name", "--", "."], project)
    names = (name.decode("utf-8", "surrogateescape") for name in out.split(b"\0") if name)
    return {name[len(repo.prefix) :] for name in names}


def modified(repo: Repo, project: Path) -> list[str]:
    """Tracked files changed in the work tree or the index (relative to the project)."""
    out = git(["status", "--porcelain=v1", "-z", "--untracked-files=no", "--", "."], project)
    found, records = [], iter(out.split(b"\0"))
    for record in records:
        if not record:
            continue
        status, name = record[:2], record[3:].decode("utf-8", "surrogateescape")
        if b"R" in status or b"C" in status:
            next(records, None)  # the rename's source follows
        found.append(name[len(repo.prefix) :] if name.startswith(repo.prefix) else name)
    return sorted(found)


def unmerged(repo: Repo, project: Path) -> list[str]:
    """The project's paths left unmerged in the index (by the last update, or a merge)."""
    out = git(["ls-files", "-u", "-z", "--full-name", "--", "."], project)
    names = {r.split(b"\t", 1)[1].decode("utf-8", "surrogateescape") for r in out.split(b"\0") if r}
    return sorted(name[len(repo.prefix) :] for name in names)


@contextmanager
def index_kept(repo: Repo, scratch: Path) -> Iterator[None]:
    """Put the index back as it was if what follows fails or is interrupted."""
    index = Path(
        git(["rev-parse", "--path-format=absolute", "--git-path", "index"], repo.top)
        .decode()
        .strip()
    )
    saved = scratch / "index"
    had = index.is_file()
    if had:
        shutil.copy2(index, saved)
    try:
        yield
    except BaseException:
        if had:
            shutil.copy2(saved, index)
        raise


def stage(repo: Repo, steps: Sequence[Step]) -> None:
    """Stage the clean results and mark the conflicts unmerged."""
    clean = [s for s in steps if not s.conflict and (s.write is not None or s.delete)]
    if clean:
        paths = b"".join(
            repo.full(s.path).encode("utf-8", "surrogateescape") + b"\0" for s in clean
        )
        git(["update-index", "--add", "--remove", "-z", "--stdin"], repo.top, paths)
    lines = []
    for step in (s for s in steps if s.conflict):
        path = repo.full(step.path)
        lines.append(f"0 {NO_OBJECT}\t{path}\n")
        for number, side in enumerate((step.base, step.ours, step.target), start=1):
            if side is not None:
                lines.append(f"{_mode(side)} {_blob(repo, side, path)} {number}\t{path}\n")
    if lines:
        git(
            ["update-index", "--index-info"],
            repo.top,
            "".join(lines).encode("utf-8", "surrogateescape"),
        )


def _mode(entry: Entry) -> str:
    return "100755" if entry.executable else "100644"


def _blob(repo: Repo, entry: Entry, path: str) -> str:
    """Store a version as a blob, as ``git add`` would store that path's file."""
    out = git(["hash-object", "-w", "--stdin", f"--path={path}"], repo.top, entry.data)
    return out.decode().strip()
