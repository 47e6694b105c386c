"""The questions of a template as ``template check`` varies them: each option's values,
the first its default, and the rules a combination must keep.

A template with a manifest (``stackwise.toml``) gives its choice and yes/no options and
what each requires; a plain cookiecutter template gives the lists (choices) and booleans of
its ``cookiecutter.json``. Text keeps its default: the check varies what changes which
files are written, not free text.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from stackwise.template.check.pairwise import pairwise
from stackwise.template.manifest import MANIFEST_NAME, Manifest, load_manifest
from stackwise.template.registry import declared


class Requirement(NamedTuple):
    """``key=value`` holds only when ``other`` is one of ``allowed``."""

    key: str
    value: Hashable
    other: str
    allowed: tuple[Hashable, ...]

    def __str__(self) -> str:
        allowed = " or ".join(map(str, self.allowed))
        return f"{self.key}={self.value} requires {self.other}={allowed}"

    def kept(self, combo: Mapping[str, Any]) -> bool:
        """Broken only when both keys are there and break it, so that a partial
        combination can be judged too."""
        if combo.get(self.key, self) != self.value or self.other not in combo:
            return True
        return combo[self.other] in self.allowed


class Questions(NamedTuple):
    #: Each option's values, its default first, in the template's order.
    values: Mapping[str, tuple[Hashable, ...]]
    requirements: tuple[Requirement, ...] = ()

    @property
    def defaults(self) -> dict[str, Hashable]:
        return {key: values[0] for key, values in self.values.items()}

    def valid(self, combo: Mapping[str, Any]) -> bool:
        return self.broken(combo) is None

    def broken(self, combo: Mapping[str, Any]) -> Requirement | None:
        """The first requirement the combination breaks, if any."""
        return next((r for r in self.requirements if not r.kept(combo)), None)

    def combinations(self) -> list[dict[str, Hashable]]:
        """The defaults (when they keep the requirements), then a pairwise cover of the rest
        that keeps them."""
        if not self.values:
            return [{}]
        seeds = [self.defaults] if self.valid(self.defaults) else []
        return pairwise(self.values, self.valid, seeds=seeds)

    def label(self, combo: Mapping[str, Any]) -> str:
        """The combination in brief: what differs from the defaults."""
        changed = [
            f"{key}={_shown(value)}"
            for key, value in combo.items()
            if value != self.defaults.get(key)
        ]
        return ", ".join(changed) or "defaults"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def from_manifest(manifest: Manifest) -> Questions:
    """A manifest's choice and yes/no options, each default first, and what ``yes`` of an
    option requires (the manifest's ``requires``)."""
    values: dict[str, tuple[Hashable, ...]] = {}
    requirements = []
    for option in manifest.options:
        if not option.choices:
            continue
        default = option.default if option.default is not None else option.choices[0]
        values[option.key] = (default, *(c for c in option.choices if c != default))
        requirements += [
            Requirement(option.key, "yes", other, allowed)
            for other, allowed in option.requires.items()
        ]
    return Questions(values, tuple(requirements))


def from_cookiecutter_json(data: Mapping[str, Any]) -> Questions:
    """A plain cookiecutter template's choice variables (lists; the first is the default)
    and booleans, as cookiecutter reads them; private ``_`` keys are not questions."""
    values: dict[str, tuple[Hashable, ...]] = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        if isinstance(value, bool):
            values[key] = (value, not value)
        elif isinstance(value, list) and value and all(isinstance(v, Hashable) for v in value):
            values[key] = tuple(dict.fromkeys(value))
    return Questions(values)


def template_questions(template: Path) -> Questions:
    """The template's questions: from its manifest where it has one, else its
    ``cookiecutter.json``. A malformed one is a ``TemplateError`` naming the file."""
    if (template / MANIFEST_NAME).is_file():
        return from_manifest(load_manifest(template))
    return from_cookiecutter_json(declared(template))
