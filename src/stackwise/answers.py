"""Answers from an answers file, ``--set`` and flags, merged and checked before anything runs.

Precedence, highest first: flags, ``--set KEY=VALUE``, the answers file, what the selection
``needs`` turn on, then the defaults. Every value is checked when it is read, so a bad value
is reported with where it came from before a single question is asked or file written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stackwise import checks
from stackwise.engine import Selection
from stackwise.errors import AnswersFileError, UsageProblem
from stackwise.options import BY_KEY, PROJECT_KEYS, SELECTION_KEYS, YES_NO

#: Written into .stackwise.json beside the answers; accepted and ignored on the way back in.
VERSION_KEY = "stackwise_version"


@dataclass
class RawAnswers:
    """The answers given explicitly, each already checked on its own."""

    selection: dict[str, Any] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)

    def update(self, other: RawAnswers) -> None:
        self.selection.update(other.selection)
        self.options.update(other.options)

    def to_selection(self) -> Selection:
        return Selection(
            building=self.selection.get("building"),
            needs=frozenset(self.selection.get("needs", ())),
            size=self.selection.get("size"),
            experience=self.selection.get("experience"),
            priority=self.selection.get("priority"),
        )


def read_answers_file(path: Path) -> dict[str, Any]:
    """Load a YAML or JSON answers file into a mapping (JSON is read as the YAML it is)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswersFileError(f"cannot read answers file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise AnswersFileError(f"cannot read answers file {path}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise AnswersFileError(f"answers file {path} is not valid YAML or JSON{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersFileError(f"answers file {path} must hold a mapping of keys to answers")
    return data


def from_mapping(data: Mapping[Any, Any], origin: str) -> RawAnswers:
    """Check an answers file's content; ``origin`` names the file in every message."""
    raw = RawAnswers()
    allowed = (*SELECTION_KEYS, *PROJECT_KEYS)
    for key, value in data.items():
        if key == VERSION_KEY:
            continue
        if key not in allowed:
            raise AnswersFileError(
                f"unknown key {key!r} in {origin} (allowed: {', '.join(allowed)})"
            )
        if key == "needs":
            raw.selection["needs"] = _needs(value, origin)
        elif key in SELECTION_KEYS:
            raw.selection[key] = checks.choice(key, _scalar(key, value, origin))
        else:
            raw.options[key] = checks.check(BY_KEY[key], _scalar(key, value, origin))
    return raw


def from_sets(pairs: Iterable[str]) -> RawAnswers:
    """Check ``--set KEY=VALUE`` pairs; only project options are set this way."""
    raw = RawAnswers()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep:
            raise UsageProblem(f"--set expects KEY=VALUE, got {pair!r}")
        if key in SELECTION_KEYS:
            raise UsageProblem(f"{key} is a selection answer: pass {BY_KEY[key].cli_flag}")
        if key not in PROJECT_KEYS:
            raise UsageProblem(f"unknown key {key!r} in --set (allowed: {', '.join(PROJECT_KEYS)})")
        raw.options[key] = checks.check(BY_KEY[key], value)
    return raw


def from_flags(flags: Mapping[str, Any]) -> RawAnswers:
    """Flags the user gave (``None`` and empty tuples mean not given)."""
    raw = RawAnswers()
    for key, value in flags.items():
        if value is None or value == ():
            continue
        if key == "needs":
            raw.selection["needs"] = frozenset(checks.choice("needs", v) for v in value)
        elif key in SELECTION_KEYS:
            raw.selection[key] = checks.choice(key, value)
        else:
            raw.options[key] = checks.check(BY_KEY[key], value)
    return raw


def collect(
    file: Path | None = None,
    sets: Iterable[str] = (),
    flags: Mapping[str, Any] | None = None,
) -> RawAnswers:
    """Merge the three sources in precedence order: flags over ``--set`` over the file."""
    raw = RawAnswers()
    if file is not None:
        raw.update(from_mapping(read_answers_file(file), str(file)))
    raw.update(from_sets(sets))
    raw.update(from_flags(flags or {}))
    return raw


def _scalar(key: str, value: Any, origin: str) -> str:
    """The string form of a file value, accepting what YAML makes of ``yes`` or ``3.12``."""
    question = BY_KEY[key]
    if isinstance(value, bool) and question.choices == YES_NO:
        return "yes" if value else "no"
    if isinstance(value, float) and key in {"python_version", "version"}:
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool) and key == "version":
        return str(value)
    if isinstance(value, str):
        return value
    kind = "one of " + ", ".join(question.choices) if question.choices else "a string"
    raise AnswersFileError(
        f"wrong type for {key} in {origin}: {type(value).__name__} (expected {kind})"
    )


def _needs(value: Any, origin: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        allowed = ", ".join(BY_KEY["needs"].choices)
        raise AnswersFileError(
            f"wrong type for needs in {origin}: expected a list of strings from {allowed}"
        )
    return frozenset(checks.choice("needs", v) for v in value)
