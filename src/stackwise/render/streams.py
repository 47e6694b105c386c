"""What a render must keep apart from the process around it: where it writes, what it prints.

Neither needs cookiecutter; ``render.cookiecutter`` enters both around each render.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from stackwise.errors import WriteError


@contextmanager
def braceless(staging: Path, target: Path) -> Iterator[Path]:
    """``staging`` by a path cookiecutter can write under.

    cookiecutter renders the whole path of each directory it creates, the output directory's
    part included, so a project asked for in ``./{{ 7*7 }}`` would go to ``./49``. Where the
    path holds a brace, cookiecutter writes through a symbolic link in the temporary
    directory instead, and the files land where they were asked for.
    """
    absolute = staging.absolute()
    if "{" not in str(absolute):
        yield absolute
        return
    links = Path(tempfile.mkdtemp(prefix="stackwise-"))
    try:
        if "{" in str(links):
            raise WriteError(f"cannot write {target}: both it and $TMPDIR hold a '{{'")
        (links / "output").symlink_to(absolute, target_is_directory=True)
        yield links / "output"
    finally:
        shutil.rmtree(links)


@contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Send what Python code and child processes print to stderr, for the duration."""
    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no standard output or error to redirect
        saved = -1
    try:
        with redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stderr.flush()
        if saved >= 0:
            os.dup2(saved, 1)
            os.close(saved)
