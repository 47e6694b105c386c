"""What ``template check`` looks for in one rendered project: leftover template syntax,
data and Python files that do not parse, and what differs between two renders.

Every finding is ``(path, what is wrong)``, the path relative to the project.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml

Finding = tuple[str, str]

#: Files in a template language of their own (Jinja, Django): ``{{`` there is their syntax,
#: and only a tag that names ``cookiecutter`` is a leftover. So is any file in a directory
#: named ``templates`` (where Django and Flask look for them: an e-mail's ``.txt``).
TEMPLATE_LANGUAGE = {".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml", ".mako"}
TEMPLATE_DIRECTORY = "templates"
#: ``{{``, ``{%`` or ``{#`` not after ``$`` (``${{ }}`` is GitHub Actions', ``${#x}`` the shell's).
_SYNTAX = re.compile(r"(?<!\$)\{[{%#]")
_NAMES_COOKIECUTTER = re.compile(r"\{[{%#][^}]*\bcookiecutter\b")


def files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file and symbolic link under ``root``, by relative POSIX path, sorted."""
    for directory, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names + [d for d in dirs if os.path.islink(os.path.join(directory, d))]):
            path = Path(directory, name)
            yield path.relative_to(root).as_posix(), path


def _text(path: Path) -> str | None:
    if path.is_symlink():
        return None
    try:
        return path.read_text("utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def unrendered(root: Path, copied: Sequence[str] = ()) -> list[Finding]:
    """Lines holding template syntax, but for files the template copies without rendering
    (``copied``: its ``_copy_without_render`` patterns)."""
    found = []
    for relative, path in files(root):
        if any(fnmatch.fnmatch(relative, pattern) for pattern in copied):
            continue
        text = _text(path)
        if text is None:
            continue
        in_templates = TEMPLATE_DIRECTORY in Path(relative).parent.parts
        own_syntax = path.suffix in TEMPLATE_LANGUAGE or in_templates
        pattern = _NAMES_COOKIECUTTER if own_syntax else _SYNTAX
        for number, line in enumerate(text.splitlines(), 1):
            match = pattern.search(line)
            if match:
                found.append((relative, f"line {number}: unrendered {match.group()[:2]!r}"))
    return found


def _toml(text: str) -> None:
    tomllib.loads(text)


def _yaml(text: str) -> None:
    for _ in yaml.safe_load_all(text):
        pass


def _python(text: str) -> None:
    ast.parse(text)


PARSERS: dict[str, tuple[str, Callable[[str], None]]] = {
    ".toml": ("TOML", _toml),
    ".yaml": ("YAML", _yaml),
    ".yml": ("YAML", _yaml),
    ".json": ("JSON", json.loads),
    ".py": ("Python", _python),
}


def _why(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        return f"{exc.msg} (line {exc.lineno})"
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"{exc.problem} (line {mark.line + 1}, column {mark.column + 1})"
    return " ".join(str(exc).split())


def unparsable(root: Path) -> list[Finding]:
    """TOML, YAML, JSON and Python files that their own parser refuses."""
    found = []
    for relative, path in files(root):
        kind = PARSERS.get(path.suffix)
        if kind is None or path.is_symlink():
            continue
        name, parse = kind
        text = _text(path)
        if text is None:
            found.append((relative, f"not valid {name}: not UTF-8 text"))
            continue
        try:
            parse(text)
        except (ValueError, SyntaxError, yaml.YAMLError) as exc:
            found.append((relative, f"not valid {name}: {_why(exc)}"))
    return found


def _entry(path: Path) -> tuple[int, bytes]:
    """What a render wrote at ``path``: its mode bits and bytes (a link's target)."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return stat.S_IMODE(info.st_mode), os.readlink(path).encode()
    return stat.S_IMODE(info.st_mode), path.read_bytes()


def differences(first: Path, second: Path) -> list[Finding]:
    """Where two renders of the same answers differ: files only one has, bytes, modes."""
    one, two = dict(files(first)), dict(files(second))
    found = []
    for relative in sorted(one.keys() | two.keys()):
        if relative not in two or relative not in one:
            which = "first" if relative in one else "second"
            found.append((relative, f"written by the {which} of two renders only"))
            continue
        (mode_a, bytes_a), (mode_b, bytes_b) = _entry(one[relative]), _entry(two[relative])
        if bytes_a != bytes_b:
            found.append((relative, "differs between two renders of the same answers"))
        elif mode_a != mode_b:
            found.append((relative, f"mode differs between two renders ({mode_a:o}, {mode_b:o})"))
    return found
