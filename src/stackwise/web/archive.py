"""A plan rendered in a scratch directory, as a deterministic zip or as an explore view.

The files are exactly what ``stackwise new`` writes for the same answers (``api.render``
renders them, record included); nothing outlives the request that asked for them.
"""

from __future__ import annotations

import functools
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stackwise import api

if TYPE_CHECKING:
    from stackwise.answers.resolve import Plan

#: Every entry's timestamp: the zip format's earliest, so the same answers give the same bytes.
EPOCH = (1980, 1, 1, 0, 0, 0)
#: The most bytes of one file the explore view shows.
PREVIEW_LIMIT = 64 * 1024


#: A memory-backed directory for the scratch renders, where the system has one.
MEMORY = "/dev/shm"  # each render gets its own private TemporaryDirectory


@functools.cache
def scratch_root() -> str | None:
    """``/dev/shm`` when it is a writable directory that may run programs (a template's hooks
    run there), else ``None``: the system's temporary directory."""
    try:
        usable = os.access(MEMORY, os.W_OK | os.X_OK) and not (
            os.statvfs(MEMORY).f_flag & os.ST_NOEXEC
        )
    except OSError:
        return None
    return MEMORY if usable else None


@contextmanager
def rendered(plan: Plan) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """The project's directory in a scratch directory, and its files, sorted."""
    with tempfile.TemporaryDirectory(prefix="stackwise-serve-", dir=scratch_root()) as scratch:
        generated = api.render(plan, Path(scratch))
        yield Path(scratch) / plan.slug, generated.files


def starter_zip(plan: Plan) -> bytes:
    """The project as a zip: one top-level folder (the slug), sorted, fixed timestamps."""
    buffer = io.BytesIO()
    with rendered(plan) as (root, files), zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            path = root / name
            info = zipfile.ZipInfo(f"{plan.slug}/{name}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read back
            info.external_attr = (stat.S_IFREG | stat.S_IMODE(path.stat().st_mode)) << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def preview(plan: Plan) -> dict[str, Any]:
    """The file tree and contents: what the page's explore view shows."""
    entries = []
    with rendered(plan) as (root, files):
        for name in files:
            path = root / name
            data = path.read_bytes()
            entry: dict[str, Any] = {
                "path": name,
                "size": len(data),
                "executable": bool(path.stat().st_mode & stat.S_IXUSR),
                "text": None,
            }
            if len(data) <= PREVIEW_LIMIT:
                with suppress(UnicodeDecodeError):
                    entry["text"] = data.decode("utf-8")
            entries.append(entry)
    return {
        "project_slug": plan.slug,
        "framework": plan.framework,
        "command": plan.command("."),
        "answers": plan.answers(),
        "files": entries,
    }
