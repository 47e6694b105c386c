"""A plan rendered in a scratch directory, as a deterministic zip or as an explore view.

The files are exactly what ``stackwise new`` writes for the same answers (what is served
renders them, record included); nothing outlives the request that asked for them.
"""

from __future__ import annotations

import functools
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackwise.project.create import Generated as Rendered

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
def rendered(render: Callable[[Path], Rendered]) -> Iterator[Rendered]:
    """The project rendered in a scratch directory that goes when the block ends."""
    with tempfile.TemporaryDirectory(prefix="stackwise-serve-", dir=scratch_root()) as scratch:
        yield render(Path(scratch))


def starter_zip(render: Callable[[Path], Rendered]) -> tuple[str, bytes]:
    """The project's directory name, and the project as a zip: that one top-level folder,
    its entries sorted, with fixed timestamps."""
    buffer = io.BytesIO()
    with rendered(render) as project, zipfile.ZipFile(buffer, "w") as archive:
        root, name = project.project_dir, project.project_dir.name
        for path in sorted(project.files):
            info = zipfile.ZipInfo(f"{name}/{path}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read back
            mode = stat.S_IMODE((root / path).stat().st_mode)
            info.external_attr = (stat.S_IFREG | mode) << 16
            archive.writestr(info, (root / path).read_bytes())
    return name, buffer.getvalue()


def preview(
    render: Callable[[Path], Rendered], about: Callable[[Rendered], dict[str, Any]]
) -> dict[str, Any]:
    """The file tree and contents, and what ``about`` says of them: the explore view."""
    entries = []
    with rendered(render) as project:
        for name in project.files:
            path = project.project_dir / name
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
        return {**about(project), "files": entries}
