"""The update's decision table, on crafted base, target and project directories.

Each row writes one file (or none) into each of the three directories, reads them back as
an update does, and checks the case, what the project's file becomes, and its executable
bit; the merges are git's own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stackwise.project.update.plan import Entry, Step, decide, read_paths, read_tree

A = b"one\ntwo\nthree\nfour\nfive\n"
A_TOP = b"ONE\ntwo\nthree\nfour\nfive\n"  # the template's change
A_END = b"one\ntwo\nthree\nfour\nFIVE\n"  # the project's change
A_BOTH = b"ONE\ntwo\nthree\nfour\nFIVE\n"
A_CLASH = b"uno\ntwo\nthree\nfour\nfive\n"  # the project's change of the template's line
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
PNG2 = PNG + b"\0new"
PNG3 = PNG + b"\0mine"
CONFLICT = b"<<<<<<< project\nuno\n||||||| base\none\n=======\nONE\n>>>>>>> template\n"

#: Merged against an empty base, the whole file is the conflict.
ADDED = b"<<<<<<< project\n" + A_CLASH + b"||||||| base\n=======\n" + A_TOP + b">>>>>>> template\n"
X = "exec"  # a file written with its executable bit


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


# name, base, target, ours, case, the project's file afterwards (None: no file), executable
ROWS = [
    ("unchanged", A, A, A_END, "unchanged", A_END, False),
    ("unchanged, deleted in the project", A, A, None, "unchanged", None, False),
    ("ours equals base: take the target", A, A_TOP, A, "updated", A_TOP, False),
    ("already the target", A, A_TOP, A_TOP, "current", A_TOP, False),
    ("both changed: merged", A, A_TOP, A_END, "merged", A_BOTH, False),
    ("both changed one line: conflict", A, A_TOP, A_CLASH, "conflict", CONFLICT + A[4:], False),
    ("added by the template", None, A, None, "added", A, False),
    ("added, an identical copy there", None, A, A, "current", A, False),
    ("added, a different one there", None, A_TOP, A_CLASH, "added-conflict", ADDED, False),
    ("removed, unmodified: deleted", A, None, A, "removed", None, False),
    ("removed, modified: kept", A, None, A_END, "removed-conflict", A_END, False),
    ("removed, already gone", A, None, None, "current", None, False),
    ("deleted by the user: stays deleted", A, A_TOP, None, "deleted", None, False),
    ("binary changed on both sides", PNG, PNG2, PNG3, "binary-conflict", PNG3, False),
    ("binary, ours equals base", PNG, PNG2, PNG, "updated", PNG2, False),
    ("exec bit added by the template", A, (A, X), A, "updated", A, True),
    ("exec bit kept with a content change", (A, X), (A_TOP, X), (A_END, X), "merged", A_BOTH, True),
    ("exec bit the user removed stays off", (A, X), (A_TOP, X), A, "updated", A_TOP, False),
    ("exec bit the user added stays on", A, A_TOP, (A, X), "updated", A_TOP, True),
    ("CRLF of the project kept", A, A_TOP, crlf(A_END), "merged", crlf(A_BOTH), False),
    ("CRLF, ours equals base", A, A_TOP, crlf(A), "updated", crlf(A_TOP), False),
    ("LF of the project kept", crlf(A), crlf(A_TOP), A, "updated", A_TOP, False),
]


def write(root: Path, data: bytes | tuple[bytes, str] | None) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if data is None:
        return
    content, executable = (data, "") if isinstance(data, bytes) else data
    path = root / "app" / "file.py"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    os.chmod(path, 0o755 if executable else 0o644)


def steps_for(tmp_path: Path, base: object, target: object, ours: object) -> list[Step]:
    for name, data in (("base", base), ("target", target), ("ours", ours)):
        write(tmp_path / name, data)  # type: ignore[arg-type]
    b, t = read_tree(tmp_path / "base"), read_tree(tmp_path / "target")
    return decide(b, t, read_paths(tmp_path / "ours", b.keys() | t.keys()))


@pytest.mark.parametrize(
    ("base", "target", "ours", "case", "after", "executable"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_the_decision_table(
    tmp_path: Path,
    base: object,
    target: object,
    ours: object,
    case: str,
    after: bytes | None,
    executable: bool,
) -> None:
    [step] = steps_for(tmp_path, base, target, ours)
    assert step.path == "app/file.py"
    assert step.case == case
    ours_entry = read_paths(tmp_path / "ours", ["app/file.py"]).get("app/file.py")
    result = step.write if step.write is not None else None if step.delete else ours_entry
    assert (result.data if result else None) == after
    if result is not None:
        assert result.executable is executable
    assert step.conflict is case.endswith("conflict")


def test_a_binary_conflict_writes_the_template_s_file_beside() -> None:
    [step] = decide({"logo.png": Entry(PNG)}, {"logo.png": Entry(PNG2)}, {"logo.png": Entry(PNG3)})
    assert (step.case, step.write, step.beside) == (
        "binary-conflict",
        None,
        "logo.png.stackwise-new",
    )
    assert step.target == Entry(PNG2)


def test_a_file_the_template_renamed_takes_the_project_s_changes_along() -> None:
    steps = decide({"old.py": Entry(A)}, {"new.py": Entry(A)}, {"old.py": Entry(A_END)})
    assert [(s.path, s.case, s.delete, s.write, s.beside) for s in steps] == [
        ("new.py", "renamed", False, Entry(A_END), "old.py"),
        ("old.py", "moved", True, None, "new.py"),
    ]


def test_a_file_the_template_renamed_that_the_project_left_is_moved() -> None:
    steps = decide({"old.py": Entry(A)}, {"new.py": Entry(A)}, {"old.py": Entry(A)})
    assert [(s.path, s.case) for s in steps] == [("new.py", "added"), ("old.py", "removed")]


def test_a_file_added_by_the_template_keeps_the_project_s_executable_bit() -> None:
    [step] = decide({}, {"run.sh": Entry(A)}, {"run.sh": Entry(A, executable=True)})
    assert (step.case, step.write) == ("current", None)
