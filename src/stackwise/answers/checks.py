"""Checks of single answers, shared by prompts, flags and answers files.

Each check returns the value to use or raises ``UsageProblem`` with one line naming the key,
what was wrong, and what is allowed. Free text is normalised in one documented way: white
space around it is removed; characters that no one-line field can carry (control characters,
line and paragraph separators, lone surrogates) are refused rather than silently dropped.
"""

from __future__ import annotations

import functools
import keyword
import os
import re
import sys
import unicodedata
from collections.abc import Callable

from stackwise.answers import vocabulary
from stackwise.answers.vocabulary import Question
from stackwise.errors import UsageProblem, shown

SLUG_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
#: The longest package name: the project's directory too, so file systems must take it.
SLUG_LIMIT = 80
TEXT_LIMITS = {"project_name": 80, "description": 300, "author_name": 100, "author_email": 254}
_REFUSED_CATEGORIES = {
    "Cc": "a control character",
    "Cs": "a lone surrogate",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}

RESERVED_NAMES = os.path.join(os.path.dirname(__file__), "reserved_names.txt")


def invalid(key: str, detail: str) -> UsageProblem:
    """The problem with one answer: ``invalid value for KEY: DETAIL``, carrying the key."""
    return UsageProblem(f"invalid value for {key}: {detail}", key)


def choice(key: str, value: str) -> str:
    question = vocabulary.question(key)
    value = value.strip()
    if value not in question.choices:
        allowed = ", ".join(question.choices)
        raise invalid(key, f"{shown(value)} (allowed: {allowed})")
    return value


def _is_noncharacter(char: str) -> bool:
    """Unicode's 66 non-characters (U+FDD0-U+FDEF and every U+xxFFFE, U+xxFFFF): no
    interchange format need carry them, and YAML refuses U+FFFE and U+FFFF outright."""
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def text(key: str, value: str) -> str:
    """One line of free text, taken verbatim once stripped of surrounding white space."""
    value = value.strip()
    for char in value:
        what = _REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what is None and _is_noncharacter(char):
            what = "a non-character"
        if what is not None:
            raise invalid(
                key, f"it contains {what} (U+{ord(char):04X}); use one line of printable text"
            )
    limit = TEXT_LIMITS.get(key)
    if limit is not None and len(value) > limit:
        raise invalid(key, f"{len(value)} characters (at most {limit})")
    return value


def project_name(value: str) -> str:
    value = text("project_name", value)
    if not value:
        raise invalid("project_name", "it is empty (1-80 characters)")
    return value


def slug(value: str, framework: str | None = None, *, derived: bool = False) -> str:
    """A package name that imports, and imports this project rather than something else.

    ``derived`` says the value came from the project name, so the message says how to pass
    another one.
    """
    shape = "a lowercase letter, then lowercase letters, digits or _"
    value = value.strip()
    fix = "; pass --set project_slug=NAME" if derived else ""
    if len(value) > SLUG_LIMIT:
        raise invalid("project_slug", f"{len(value)} characters (at most {SLUG_LIMIT}){fix}")
    if not value:
        raise invalid("project_slug", f"it is empty ({shape})")
    if "/" in value or "\\" in value or value in {".", ".."}:
        raise invalid(
            "project_slug", f"{shown(value)} is a path; it must be a plain name ({shape})"
        )
    if not SLUG_RE.match(value):
        raise invalid("project_slug", f"{shown(value)} ({shape})")
    said = f"{value!r} (derived from the project name)" if derived else repr(value)
    fix = fix or "; choose another name"
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise invalid("project_slug", f"{said} is a Python keyword{fix}")
    if value in sys.stdlib_module_names:
        raise invalid(
            "project_slug", f"{said} would shadow the standard library module of that name{fix}"
        )
    if value in reserved_names(framework):
        raise invalid("project_slug", f"{said} would shadow a package the starter imports{fix}")
    return value


@functools.cache
def reserved_names(framework: str | None) -> frozenset[str]:
    """The names in ``reserved_names.txt`` for every starter, plus those for ``framework``."""
    names = set()
    with open(RESERVED_NAMES, encoding="utf-8") as handle:
        for line in handle:
            entry = line.split("#", 1)[0].strip()
            scope, _, name = entry.rpartition(":")
            if name and (not scope or scope.strip() == framework):
                names.add(name.strip())
    return frozenset(names)


def derive_slug(name: str) -> str:
    """The slug the templates' own default would give (cookiecutter's slugify, with _)."""
    from slugify import slugify

    derived: str = slugify(name, separator="_")
    if not derived or not derived[0].isalpha():
        raise UsageProblem(
            f"cannot derive project_slug from project_name {shown(name)} (got {shown(derived)}); "
            "pass --set project_slug=NAME",
            "project_slug",
        )
    return derived


def email(value: str) -> str:
    value = text("author_email", value)
    if value and not EMAIL_RE.match(value):
        raise invalid("author_email", f"{shown(value)} (an address like name@example.com)")
    return value


def version(value: str) -> str:
    from packaging.version import InvalidVersion, Version

    value = value.strip()
    try:
        Version(value)
    except InvalidVersion:
        raise invalid("version", f"{shown(value)} (a PEP 440 version such as 0.1.0)") from None
    return value


def check(question: Question, value: str) -> str:
    """Check one project option or scalar selection answer by the rules of its question: a
    choice among its choices, text by the check its template's manifest names."""
    if question.kind == "choice":
        return choice(question.key, value)
    by_name: dict[str, Callable[[str], str]] = {
        "project_name": project_name,
        "slug": slug,
        "email": email,
        "version": version,
    }
    special = by_name.get(question.check)
    return special(value) if special is not None else text(question.key, value)
