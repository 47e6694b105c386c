"""``stackwise diff``: the project's own changes against a pristine render of its record.

The pristine render is the base of an update (see ``base``). Files the project added are
its tracked files that the render does not have; untracked files (a virtual environment, a
database) are no part of the project's changes.
"""

from __future__ import annotations

import difflib
import tempfile
from pathlib import Path

from stackwise.project.record import RECORD_NAME
from stackwise.project.update import base as bases
from stackwise.project.update import index
from stackwise.project.update.answers import read_record
from stackwise.project.update.plan import Entry, is_binary, read_paths, read_tree
from stackwise.project.update.sides import Request


def project_diff(project: Path, base_ref: str | None = None, *, trust: bool = False) -> str:
    """A unified diff from the pristine render (``a/``) to the project (``b/``); ``trust``
    lets a ``--template``'s hooks run in that render."""
    project = project.absolute()
    recorded = read_record(project)
    repo = index.repo_of(project)
    with tempfile.TemporaryDirectory(prefix="stackwise-diff-") as scratch:
        if base_ref is not None and repo is not None:
            rendered = bases.from_git(repo, base_ref, Path(scratch))
        else:
            rendered = bases.sides(project, recorded, Request(trust=trust)).base(Path(scratch))
        pristine = read_tree(rendered)
    pristine.pop(RECORD_NAME, None)
    extra = index.tracked(repo, project) if repo is not None else set()
    ours = read_paths(project, (pristine.keys() | extra) - {RECORD_NAME})
    return "".join(
        file_diff(path, pristine.get(path), ours.get(path))
        for path in sorted(pristine.keys() | ours.keys())
    )


def file_diff(path: str, before: Entry | None, after: Entry | None) -> str:
    if before == after:
        return ""
    header = f"diff --stackwise a/{path} b/{path}\n"
    if before is not None and after is not None and before.data == after.data:
        return header + f"mode: executable {before.executable} -> {after.executable}\n"
    sides = [side.data if side is not None else b"" for side in (before, after)]
    if any(is_binary(data) for data in sides):
        return header + f"Binary files a/{path} and b/{path} differ\n"
    old, new = (data.decode("utf-8", "replace").splitlines(keepends=True) for data in sides)
    names = (f"a/{path}" if before else "/dev/null", f"b/{path}" if after else "/dev/null")
    lines = difflib.unified_diff(old, new, *names)
    return header + "".join(line if line.endswith("\n") else line + "\n" for line in lines)
