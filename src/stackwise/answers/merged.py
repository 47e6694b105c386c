"""The project options of the built-in templates, merged from their manifests into one
vocabulary: an option's choices that a framework's template lacks are unavailable for it,
and its default is per framework where they differ. ``vocabulary`` reads this on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from stackwise.answers.vocabulary import (
    FRAMEWORK,
    FRAMEWORKS,
    SELECTION,
    SELECTION_CHOICE_HELP,
    Question,
)


def _merged(options_by_framework: Mapping[str, Mapping[str, Any]]) -> tuple[Question, ...]:
    """One question per option key of any built-in template, in the order they declare them."""
    keys: list[str] = []
    for options in options_by_framework.values():
        keys += [key for key in options if key not in keys]
    return tuple(_question(key, options_by_framework) for key in keys)


def _question(key: str, options_by_framework: Mapping[str, Mapping[str, Any]]) -> Question:
    """An option as all the built-ins declare it: the first one's words, every choice, and
    per framework the choices it lacks and the default where it differs."""
    having = {fw: options[key] for fw, options in options_by_framework.items() if key in options}
    first = next(iter(having.values()))
    choices: list[str] = []
    for option in having.values():
        choices += [choice for choice in option.choices if choice not in choices]
    unavailable = {}
    for fw in options_by_framework:
        offered = having[fw].choices if fw in having else ()
        missing = tuple(choice for choice in choices if choice not in offered)
        if missing:
            unavailable[fw] = missing
    defaults = {fw: o.default for fw, o in having.items() if o.default != first.default}
    return Question(
        key,
        first.question,
        first.help,
        "project",
        "choice" if choices else "text",
        tuple(choices),
        first.default,
        MappingProxyType(defaults),
        first.flag,
        MappingProxyType(unavailable),
        first.check,
    )


@cache
def project() -> dict[str, Any]:
    """The project vocabulary, merged from the built-in templates' manifests."""
    from stackwise.template.manifest import load_manifest
    from stackwise.template.registry import templates_root

    manifests = {fw: load_manifest(templates_root() / fw) for fw in FRAMEWORKS}
    options = {fw: {o.key: o for o in m.options} for fw, m in manifests.items()}
    project = (FRAMEWORK, *_merged(options))
    questions = SELECTION + project
    helps = {key: dict(value) for key, value in SELECTION_CHOICE_HELP.items()}
    for by_key in options.values():
        for key, option in by_key.items():
            helps.setdefault(key, {}).update(option.choice_help)
    needs_database = tuple(
        key for key, option in options[FRAMEWORKS[0]].items() if "database" in option.requires
    )
    return {
        "PROJECT": project,
        "QUESTIONS": questions,
        "BY_KEY": {q.key: q for q in questions},
        "PROJECT_KEYS": tuple(q.key for q in project),
        "TEMPLATE_KEYS": tuple(q.key for q in project if q.key != "framework"),
        "CHOICE_HELP": helps,
        "NEEDS_DATABASE": needs_database,
        "KEYS_BY_FRAMEWORK": {fw: tuple(by_key) for fw, by_key in options.items()},
    }
