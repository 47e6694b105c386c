"""What cookiecutter renders from, and the caches that keep rendering fast.

Both caches live under ``$XDG_CACHE_HOME/stackwise`` (``~/.cache/stackwise``) and both are
optional: where that directory cannot be written, templates are rendered from where they are
installed and compiled every time, which is slower and gives the same project.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

BYTECODE = "__pycache__"


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "stackwise")


def compiled_templates(template: Path) -> dict[str, Any]:
    """Jinja's cache of compiled templates, as cookiecutter's ``_jinja2_env_vars``.

    Compiling the template files is most of the time a generation takes; the compiled code
    depends on the template files only (never on the answers, which are data), and Jinja
    checks each file's checksum before using it. Each template has a directory of its own:
    Jinja keys a file by its name relative to the template, and the templates' ``README.md``
    would otherwise take each other's place.
    """
    from jinja2 import FileSystemBytecodeCache

    key = hashlib.sha256(os.fsencode(template.absolute())).hexdigest()[:16]
    directory = cache_home() / "templates" / f"{template.name}-{key}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return {}
    return {"_jinja2_env_vars": {"bytecode_cache": FileSystemBytecodeCache(str(directory))}}


def pristine(template: Path) -> Path:
    """The template without the ``__pycache__`` directories pip adds when it installs one.

    pip compiles every ``.py`` file it installs, the templates' included, and cookiecutter
    would render and copy each of those directories into the project before stackwise
    removed them again: a quarter of a Django generation. An installed template is copied
    once without them, keyed by its files' names, sizes and times, and rendered from the
    copy; a template without them (a source checkout) is rendered where it is.
    """
    fingerprint, compiled = _fingerprint(template)
    if not compiled:
        return template
    copy = cache_home() / "sources" / f"{template.name}-{fingerprint}"
    if copy.is_dir():
        return copy
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{copy.name}-", dir=copy.parent))
    except OSError:
        return template
    try:
        shutil.copytree(template, scratch / "t", ignore=shutil.ignore_patterns(BYTECODE))
        os.rename(scratch / "t", copy)
    except OSError:
        # Another stackwise made the same copy first, or the cache cannot be written.
        return copy if copy.is_dir() else template
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return copy


def _fingerprint(template: Path) -> tuple[str, bool]:
    """A digest of the template's files (bytecode aside), and whether the project directory
    holds bytecode (beside ``local_extensions.py`` or the hooks it is harmless)."""
    digest = hashlib.sha256()
    compiled = False
    for root, dirs, files in os.walk(template):
        if BYTECODE in dirs:
            compiled = compiled or os.path.relpath(root, template).startswith("{{")
            dirs.remove(BYTECODE)
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            stat = os.stat(path)
            relative = os.path.relpath(path, template)
            digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16], compiled


def content_hash(template: Path) -> str:
    """``sha256:<hex>`` of the template's files, their paths and bytes (bytecode and a git
    repository's own ``.git`` aside, so that a template directory that is a repository
    hashes as its commit does).

    Recorded in each project, so that a later update knows whether the template it would
    render is the one the project was made from.
    """
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(template):
        dirs[:] = [name for name in dirs if name not in (BYTECODE, ".git")]
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, template).replace(os.sep, "/")
            with open(path, "rb") as handle:
                content = handle.read()
            digest.update(f"{relative}\0{len(content)}\0".encode())
            digest.update(content)
    return f"sha256:{digest.hexdigest()}"
