"""A three-way merge of one file, by ``git merge-file --diff3``.

The conflict markers name the sides as a user reads them: ``project`` (the working tree),
``base`` (the pristine render of the record) and ``template`` (the new render).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

from stackwise.errors import StackwiseError

LABELS = ("project", "base", "template")


class Merged(NamedTuple):
    data: bytes
    conflicts: int


def merge3(ours: bytes, base: bytes, theirs: bytes) -> Merged:
    """``ours`` and ``theirs`` merged against ``base``; ``conflicts`` counts the hunks left."""
    with tempfile.TemporaryDirectory(prefix="stackwise-merge-") as scratch:
        paths = []
        for name, data in zip(LABELS, (ours, base, theirs), strict=True):
            path = Path(scratch, name)
            path.write_bytes(data)
            paths.append(str(path))
        labels = [word for label in LABELS for word in ("-L", label)]
        done = subprocess.run(
            ["git", "merge-file", "--diff3", "-p", *labels, *paths],
            capture_output=True,
            check=False,
        )
    # git exits with the number of conflicts (at most 127), or a negative status on error.
    if not 0 <= done.returncode <= 127:
        message = done.stderr.decode(errors="replace").strip()
        raise StackwiseError(f"git merge-file failed: {message}")
    return Merged(done.stdout, done.returncode)
