"""Answers from an answers file, ``--set`` and flags, merged and checked before anything runs.

Precedence, highest first: flags, ``--set KEY=VALUE``, the answers file, what the selection
``needs`` turn on, then the defaults. Every value is checked when it is read, so a bad value
is reported with where it came from before a single question is asked or file written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from stackwise.answers import checks, vocabulary
from stackwise.answers.vocabulary import SELECTION_KEYS, YES_NO
from stackwise.errors import AnswersFileError, Collector, Problems, UsageProblem, shown
from stackwise.recommend.engine import Selection

if TYPE_CHECKING:
    from os import PathLike

#: What ``.stackwise.json`` holds beside the answers: accepted and ignored on the way back
#: in. ``stackwise_version`` is the version that wrote a record of schema 1 (stackwise
#: 0.1.0); newer records keep the version, schema and template under ``_stackwise``.
VERSION_KEY = "stackwise_version"
RECORD_KEY = "_stackwise"


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


def read_answers_file(path: str | PathLike[str]) -> dict[Any, Any]:
    """Load a YAML or JSON answers file into a mapping.

    A ``.json`` file, or any text that parses as JSON, is read as JSON (YAML would refuse
    the tabs that ``jq --tab`` indents with); the rest as YAML. Either way numbers and dates
    stay text, so ``version: 1.10`` is ``"1.10"`` and ``python_version: 3.12`` is
    ``"3.12"``; ``true``/``false`` (and YAML's ``yes``/``no``) are booleans.
    """
    try:
        with open(path, encoding="utf-8-sig") as stream:
            text = stream.read()
    except OSError as exc:
        raise AnswersFileError(f"cannot read answers file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise AnswersFileError(f"cannot read answers file {path}: not UTF-8 text") from None
    try:
        data = _parse(text, str(path))
    except RecursionError:
        raise AnswersFileError(
            f"answers file {path} is nested too deeply (answers are a flat mapping)"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersFileError(f"answers file {path} must hold a mapping of keys to answers")
    return data


def _parse(text: str, path: str) -> Any:
    import json

    import yaml

    as_json = path.lower().endswith(".json")
    try:
        return json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        if as_json:
            raise AnswersFileError(
                f"answers file {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
            ) from None
    try:
        return yaml.load(text, Loader=_loader())  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise AnswersFileError(f"answers file {path} is not valid YAML or JSON{where}") from None


@cache
def _loader() -> type:
    """PyYAML's safe loader, minus the rules that turn numbers and dates into non-strings."""
    import yaml

    dropped = {f"tag:yaml.org,2002:{tag}" for tag in ("int", "float", "timestamp")}

    class AnswersLoader(yaml.SafeLoader):
        pass

    AnswersLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return AnswersLoader


def from_mapping(data: Mapping[Any, Any], origin: str) -> RawAnswers:
    """Check an answers file's content; every message starts with ``origin``.

    A key whose value is ``null`` counts as not given. Every bad key is reported, not only
    the first.
    """
    try:
        return parse_mapping(data)
    except Problems as exc:
        raise Problems(
            [AnswersFileError(f"{origin}: {problem}", problem.key) for problem in exc.problems]
        ) from None


def parse_mapping(data: Mapping[Any, Any]) -> RawAnswers:
    """Check a mapping of answers (an answers file's keys); raises ``Problems``."""
    raw, found = RawAnswers(), Collector()
    allowed = (*SELECTION_KEYS, *vocabulary.PROJECT_KEYS)
    for key, value in data.items():
        if key in (VERSION_KEY, RECORD_KEY) or value is None:
            continue
        try:
            if key not in allowed:
                message = f"unknown key {shown(key)} (allowed: {', '.join(allowed)})"
                raise UsageProblem(message, str(key))
            if key == "needs":
                raw.selection["needs"] = _needs(value)
            elif key in SELECTION_KEYS:
                raw.selection[key] = checks.choice(key, _scalar(key, value))
            else:
                raw.options[key] = checks.check(vocabulary.question(key), _scalar(key, value))
        except UsageProblem as exc:
            found.add(exc)
    found.raise_any()
    return raw


#: Options a config file cannot give a default for: they are this project's own.
NOT_DEFAULTS = ("framework", "project_name", "project_slug")


def config_defaults(data: Mapping[str, Any], path: str) -> dict[str, str]:
    """The config's ``[defaults]`` that the built-in templates have, checked; the others
    are for other templates. Below the answers file, above the templates' defaults."""
    known = {
        key: value
        for key, value in data.items()
        if key in vocabulary.PROJECT_KEYS and key not in NOT_DEFAULTS
    }
    return from_mapping(known, f"{path}: defaults").options


def from_sets(pairs: Iterable[str]) -> RawAnswers:
    """Check ``--set KEY=VALUE`` pairs; only project options are set this way."""
    raw, found = RawAnswers(), Collector()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        try:
            raw.options[key] = _set(key, sep, value, pair)
        except UsageProblem as exc:
            found.add(exc)
    found.raise_any()
    return raw


def _set(key: str, sep: str, value: str, pair: str) -> str:
    if not sep:
        raise UsageProblem(f"--set expects KEY=VALUE, got {shown(pair)}", key or None)
    if key in SELECTION_KEYS:
        raise UsageProblem(
            f"{key} is a selection answer: pass {vocabulary.question(key).cli_flag}", key
        )
    if key not in vocabulary.PROJECT_KEYS:
        allowed = ", ".join(vocabulary.PROJECT_KEYS)
        raise UsageProblem(f"unknown key {shown(key)} in --set (allowed: {allowed})", key)
    return checks.check(vocabulary.question(key), value)


def from_flags(flags: Mapping[str, Any]) -> RawAnswers:
    """Flags the user gave (``None`` and empty tuples mean not given)."""
    raw, found = RawAnswers(), Collector()
    for key, value in flags.items():
        if value is None or value == ():
            continue
        try:
            if key == "needs":
                raw.selection["needs"] = frozenset(checks.choice("needs", v) for v in value)
            elif key in SELECTION_KEYS:
                raw.selection[key] = checks.choice(key, value)
            else:
                raw.options[key] = checks.check(vocabulary.question(key), value)
        except UsageProblem as exc:
            found.add(exc)
    found.raise_any()
    return raw


def collect(
    file: str | PathLike[str] | None = None,
    sets: Iterable[str] = (),
    flags: Mapping[str, Any] | None = None,
) -> RawAnswers:
    """Merge the three sources in precedence order: flags over ``--set`` over the file.

    Every problem of every source is reported together (file first, then ``--set``, then
    the flags); a file that cannot be read at all stops there.
    """
    raw, found = RawAnswers(), Collector()
    sources: list[Callable[[], RawAnswers]] = []
    if file is not None:
        sources.append(lambda: from_mapping(read_answers_file(file), str(file)))
    sources += [lambda: from_sets(sets), lambda: from_flags(flags or {})]
    for source in sources:
        try:
            raw.update(source())
        except Problems as exc:
            found.add(exc)
    found.raise_any()
    return raw


def _scalar(key: str, value: Any) -> str:
    """The string form of a file value; a boolean is accepted for a yes/no answer."""
    question = vocabulary.question(key)
    if isinstance(value, bool) and question.choices == YES_NO:
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    expected = "one of " + ", ".join(question.choices) if question.choices else "text"
    if isinstance(value, bool):
        expected += "; put the value in quotes"
    raise UsageProblem(f"wrong type for {key}: {_type_name(value)} (expected {expected})", key)


def _needs(value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        allowed = ", ".join(vocabulary.question("needs").choices)
        raise UsageProblem(
            f"wrong type for needs: {_type_name(value)} (expected a list of: {allowed})", "needs"
        )
    return frozenset(checks.choice("needs", v) for v in value)


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", list: "a list", dict: "a mapping", str: "text"}
    if isinstance(value, list):
        odd = next((v for v in value if not isinstance(v, str)), None)
        if odd is not None:
            return f"a list holding {names.get(type(odd), type(odd).__name__)}"
    return names.get(type(value), type(value).__name__)
