"""The per-file decision table of an update: base, target and the project's own file.

``base`` is the pristine render of the record, ``target`` the new render, ``ours`` the
working tree. Each path of base or target gets one ``Step``: what the working tree gets
(``write``), whether the file goes (``delete``), and whether it is left as a conflict. The
table is a pure function of the three trees (git's merge aside), so it is tested on crafted
directories, and a dry run shows exactly what the real run does.

Content and the executable bit are decided apart: the bit follows the template where the
project kept the base's, else stays the project's. Line endings follow the project's file:
a project that turned a file to CRLF (or to LF) gets the template's changes in its own. A
file the template moved unchanged to another path takes the project's changes along; other
moves are a removal and an addition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from stackwise.project.update.merge import merge3

#: What each case means, in the words the report prints.
CASES = {
    "unchanged": "unchanged by the template",
    "current": "already as the template has it",
    "updated": "updated (unchanged in the project)",
    "merged": "merged (the project's changes and the template's)",
    "conflict": "conflict: the project and the template changed the same lines",
    "added": "added by the template",
    "added-conflict": "conflict: added by the template, and the project's own file differs",
    "removed": "removed by the template",
    "removed-conflict": "conflict: removed by the template, and changed in the project",
    "deleted": "kept deleted (deleted in the project; the template changed it)",
    "binary-conflict": "conflict: binary changed on both sides; the template's is beside it",
    "renamed": "renamed by the template, with the project's changes",
    "moved": "moved by the template (see its new path)",
    "record": "rewritten from the answers",
}
NEW_SUFFIX = ".stackwise-new"
#: As git tells text from binary: a NUL byte in the first 8000.
BINARY_PROBE = 8000


class Entry(NamedTuple):
    """A file as the table compares it: its bytes and its executable bit."""

    data: bytes
    executable: bool = False


Tree = Mapping[str, Entry]


class Step(NamedTuple):
    path: str
    case: str
    #: What the path will hold; ``None`` when it is not written.
    write: Entry | None = None
    delete: bool = False
    conflict: bool = False
    #: ``PATH.stackwise-new`` for a binary conflict; a rename's other path.
    beside: str | None = None
    base: Entry | None = None
    ours: Entry | None = None
    target: Entry | None = None

    @property
    def changes(self) -> bool:
        """Whether the working tree or the index changes for this step."""
        return self.write is not None or self.delete or self.conflict or self.case == "moved"


def read_entry(path: Path) -> Entry | None:
    """The file at ``path``, or ``None`` where there is no regular file."""
    if path.is_symlink() or not path.is_file():
        return None
    return Entry(path.read_bytes(), os.access(path, os.X_OK))


def read_tree(root: Path) -> dict[str, Entry]:
    """Every file under ``root``, by relative POSIX path."""
    found = {}
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(directory, name)
            entry = read_entry(path)
            if entry is not None:
                found[path.relative_to(root).as_posix()] = entry
    return found


def read_paths(root: Path, paths: Iterable[str]) -> dict[str, Entry]:
    """The project's files at these paths, where it has them."""
    found = {}
    for path in paths:
        entry = read_entry(root / path)
        if entry is not None:
            found[path] = entry
    return found


def decide(base: Tree, target: Tree, ours: Tree) -> list[Step]:
    """One step per path of base or target, in path order."""
    renames = _renames(base, target, ours)
    steps = []
    for path in sorted(base.keys() | target.keys()):
        if path in renames:
            steps.append(renames[path])
        else:
            steps.append(decide_one(path, base.get(path), target.get(path), ours.get(path)))
    return steps


def _renames(base: Tree, target: Tree, ours: Tree) -> dict[str, Step]:
    """A file the template moved unchanged that the project changed: its changes move along.

    An unchanged file moved needs nothing of its own: removed (unmodified) and added.
    """
    removed = [p for p in base if p not in target and p in ours and ours[p] != base[p]]
    added = {target[p].data: p for p in target if p not in base and p not in ours}
    found = {}
    for old in removed:
        new = added.pop(base[old].data, None)
        if new is None:
            continue
        mode = _mode(base[old], target[new], ours[old])
        found[old] = Step(old, "moved", delete=True, beside=new, base=base[old], ours=ours[old])
        found[new] = Step(
            new, "renamed", Entry(ours[old].data, mode), beside=old, target=target[new]
        )
    return found


class Decision(NamedTuple):
    case: str
    write: Entry | None = None
    delete: bool = False
    conflict: bool = False
    beside: str | None = None


def decide_one(path: str, base: Entry | None, target: Entry | None, ours: Entry | None) -> Step:
    """The decision table for one path."""
    if base == target:
        return Step(path, "unchanged", base=base, ours=ours, target=target)
    if ours is not None and not is_binary(ours.data):
        base, target = _like(ours.data, base), _like(ours.data, target)
    decision = _decision(path, base, target, ours)
    return Step(path, *decision, base=base, ours=ours, target=target)


def _decision(path: str, base: Entry | None, target: Entry | None, ours: Entry | None) -> Decision:
    if target is None:
        if ours is None:
            return Decision("current")
        if ours == base:
            return Decision("removed", delete=True)
        return Decision("removed-conflict", conflict=True)
    if ours is None:
        return Decision("added", target) if base is None else Decision("deleted")
    if ours == target:
        return Decision("current")
    before = base.data if base is not None else b""
    mode = _mode(base, target, ours)
    if ours.data == before:
        return Decision("updated", Entry(target.data, mode))
    if before == target.data or ours.data == target.data:
        result = Entry(ours.data, mode)
        return Decision("updated", result) if result != ours else Decision("current")
    if is_binary(before) or is_binary(ours.data) or is_binary(target.data):
        return Decision("binary-conflict", conflict=True, beside=path + NEW_SUFFIX)
    merged = merge3(ours.data, before, target.data)
    if merged.conflicts:
        case = "conflict" if base is not None else "added-conflict"
        return Decision(case, Entry(merged.data, mode), conflict=True)
    return Decision("merged", Entry(merged.data, mode))


def _mode(base: Entry | None, target: Entry, ours: Entry) -> bool:
    """The executable bit: the template's where the project kept the base's (a file the
    project has and the base had not keeps the project's)."""
    if base is not None and ours.executable == base.executable:
        return target.executable
    return ours.executable


def is_binary(data: bytes) -> bool:
    return b"\0" in data[:BINARY_PROBE]


def _like(ours: bytes, side: Entry | None) -> Entry | None:
    """``side`` with the line endings of the project's file, where the two differ."""
    if side is None or is_binary(side.data):
        return side
    crlf = b"\r\n" in ours
    if crlf == (b"\r\n" in side.data):
        return side
    lf = side.data.replace(b"\r\n", b"\n")
    return Entry(lf.replace(b"\n", b"\r\n") if crlf else lf, side.executable)
