"""The selection rules file and its strict loader.

The loader refuses anything it does not understand, naming the file and the rule, so a typo
in a condition cannot silently turn a rule off.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackwise.answers.vocabulary import FRAMEWORKS, SELECTION_KEYS, question
from stackwise.errors import RulesError, RulesFileError
from stackwise.tomlfile import read_toml

#: A plain path string: pathlib is left unimported on the start-up path of ``recommend``.
DEFAULT_RULES = os.path.join(os.path.dirname(__file__), "rules.toml")
SCHEMA = 1
#: What a recommendation says of the rules it came from when they are the shipped ones.
BUILTIN = "builtin"

_TOP_KEYS = {"schema", "tie_break", "frameworks", "rules", "unused_rows"}
_FRAMEWORK_KEYS = {"name", "tradeoffs"}
_RULE_KEYS = {"id", "when", "favours", "weight", "reason", "source"}
_SOURCE_KEYS = {"document", "table", "row"}
_UNUSED_KEYS = _SOURCE_KEYS | {"why"}
#: A rule id as reasons cite it (and ``recommend --json``'s schema allows).
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Source:
    """The seed table row a rule comes from."""

    document: str
    table: str
    row: str

    def cite(self) -> str:
        return f'{self.document}, {self.table}: "{self.row}"'


@dataclass(frozen=True)
class Rule:
    id: str
    when: Mapping[str, tuple[str, ...]]
    favours: str
    weight: int
    reason: str
    source: Source

    def matches(self, answers: Mapping[str, str | frozenset[str] | None]) -> bool:
        """True when every condition holds; an unanswered question matches nothing."""
        for key, allowed in self.when.items():
            given = answers.get(key)
            if given is None:
                return False
            if isinstance(given, frozenset):
                if given.isdisjoint(allowed):
                    return False
            elif given not in allowed:
                return False
        return True


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    tradeoffs: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    frameworks: Mapping[str, Framework]
    tie_break: tuple[str, ...]
    rules: tuple[Rule, ...]
    unused_rows: tuple[Source, ...]
    #: Where the rules came from: ``builtin``, or the path of an organisation's file.
    origin: str = BUILTIN


class _Reader:
    """Reads one file, with every error prefixed by the file and the item at fault."""

    def __init__(self, path: str | os.PathLike[str], error: type[RulesError]) -> None:
        self.path = path
        self.error = error

    def fail(self, where: str, problem: str) -> RulesError:
        return self.error(f"{self.path}: {where}: {problem}")

    def keys(self, where: str, table: Any, allowed: set[str], required: set[str]) -> None:
        if not isinstance(table, dict):
            raise self.fail(where, "expected a table")
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(
                where, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
            )
        missing = sorted(required - set(table))
        if missing:
            raise self.fail(where, f"missing key {missing[0]!r}")

    def string(self, where: str, table: Mapping[str, Any], key: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key} must be a non-empty string")
        return value

    def framework(self, where: str, value: Any) -> str:
        if value not in FRAMEWORKS:
            raise self.fail(
                where, f"unknown framework {value!r} (allowed: {', '.join(FRAMEWORKS)})"
            )
        return str(value)

    def source(self, where: str, table: Any, allowed: set[str]) -> Source:
        self.keys(where, table, allowed, allowed)
        if "why" in allowed:
            self.string(where, table, "why")
        return Source(*(self.string(where, table, k) for k in ("document", "table", "row")))

    def condition(self, where: str, when: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(when, dict) or not when:
            raise self.fail(where, "when must be a non-empty table")
        result: dict[str, tuple[str, ...]] = {}
        for key, value in when.items():
            if key not in SELECTION_KEYS:
                raise self.fail(
                    where, f"unknown answer {key!r} (allowed: {', '.join(SELECTION_KEYS)})"
                )
            values = (value,) if isinstance(value, str) else value
            if not isinstance(values, list | tuple) or not values:
                raise self.fail(where, f"{key} must be a string or a non-empty list of strings")
            for item in values:
                if item not in question(key).choices:
                    allowed = ", ".join(question(key).choices)
                    raise self.fail(where, f"unknown value {item!r} for {key} (allowed: {allowed})")
            result[key] = tuple(values)
        return result

    def rule(self, index: int, table: Any) -> Rule:
        label = table.get("id") if isinstance(table, dict) else None
        where = f"rule {label!r}" if isinstance(label, str) else f"rule #{index + 1}"
        self.keys(where, table, _RULE_KEYS, _RULE_KEYS)
        weight = table["weight"]
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
            raise self.fail(where, "weight must be a positive whole number")
        rule_id = self.string(where, table, "id")
        if not _ID.fullmatch(rule_id):
            raise self.fail(where, "id must be lowercase letters, digits and hyphens")
        return Rule(
            id=rule_id,
            when=self.condition(where, table["when"]),
            favours=self.framework(where, table["favours"]),
            weight=weight,
            reason=self.string(where, table, "reason"),
            source=self.source(where, table["source"], _SOURCE_KEYS),
        )

    def frameworks(self, table: Any) -> dict[str, Framework]:
        self.keys("frameworks", table, set(FRAMEWORKS), set(FRAMEWORKS))
        result = {}
        for key in FRAMEWORKS:
            where = f"frameworks.{key}"
            entry = table[key]
            self.keys(where, entry, _FRAMEWORK_KEYS, _FRAMEWORK_KEYS)
            tradeoffs = entry["tradeoffs"]
            if not isinstance(tradeoffs, list) or not all(isinstance(t, str) for t in tradeoffs):
                raise self.fail(where, "tradeoffs must be a list of strings")
            result[key] = Framework(key, self.string(where, entry, "name"), tuple(tradeoffs))
        return result

    def tie_break(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or sorted(map(str, value)) != sorted(FRAMEWORKS):
            raise self.fail("tie_break", f"must list each of {', '.join(FRAMEWORKS)} once")
        return tuple(value)

    def ruleset(self, data: dict[str, Any]) -> RuleSet:
        self.keys("top level", data, _TOP_KEYS, _TOP_KEYS - {"unused_rows"})
        if data["schema"] != SCHEMA:
            raise self.fail(
                "schema", f"unsupported schema {data['schema']!r} (supported: {SCHEMA})"
            )
        if not isinstance(data["rules"], list) or not data["rules"]:
            raise self.fail("rules", "expected a non-empty array of tables")
        rules = tuple(self.rule(i, table) for i, table in enumerate(data["rules"]))
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise self.fail(f"rule {rule.id!r}", "duplicate id")
            seen.add(rule.id)
        unused = tuple(
            self.source(f"unused_rows #{i + 1}", row, _UNUSED_KEYS)
            for i, row in enumerate(data.get("unused_rows", []))
        )
        shipped = os.fspath(self.path) == DEFAULT_RULES
        origin = BUILTIN if shipped else os.path.abspath(self.path)
        return RuleSet(
            self.frameworks(data["frameworks"]),
            self.tie_break(data["tie_break"]),
            rules,
            unused,
            origin,
        )


def load_rules(path: str | os.PathLike[str] = DEFAULT_RULES) -> RuleSet:
    """Read and check a rules file; any problem is a ``RulesError`` naming file and rule.

    A long-running process (``stackwise serve``) asks for the same file on every request:
    the rules read from one version of a file (its size and modification time) are kept.
    """
    return _cached(os.fspath(path), RulesError)


def load_organisation_rules(path: str | os.PathLike[str]) -> RuleSet:
    """An organisation's own rules file, in place of the shipped one, read by the same strict
    loader; its defects are the user's to fix (``RulesFileError``, exit 2)."""
    return _cached(os.fspath(path), RulesFileError)


def _cached(path: str, error: type[RulesError]) -> RuleSet:
    try:
        stat = os.stat(path)
    except OSError:
        return _load(path, error.__name__, -1, -1)  # raises the loader's own error
    return _load(path, error.__name__, stat.st_size, stat.st_mtime_ns)


_ERRORS = {error.__name__: error for error in (RulesError, RulesFileError)}


@functools.lru_cache(maxsize=16)
def _load(path: str, error_name: str, _size: int, _mtime_ns: int) -> RuleSet:
    error = _ERRORS[error_name]
    return _Reader(path, error).ruleset(read_toml(path, error))
