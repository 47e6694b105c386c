"""Answers for the template at hand (``--template``), each checked by its question.

Precedence, highest first: ``--name``, ``--set KEY=VALUE``, the answers file, the user
config's ``[defaults]``, then the template's own defaults (which cookiecutter renders from
the earlier answers). An unknown key, a value outside a question's choices, a yes/no
answer that is neither, or a dict answer that is no JSON object is a usage problem naming
the key; every problem of every source is reported together, before anything runs. A
config default for a key the template does not ask is not for this template and is left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stackwise.answers import checks
from stackwise.answers.sources import RECORD_KEY, VERSION_KEY, read_answers_file
from stackwise.answers.vocabulary import Question
from stackwise.errors import AnswersFileError, Collector, UsageProblem, shown

if TYPE_CHECKING:
    from os import PathLike

    from stackwise.template.at_hand import TemplateAtHand

#: What cookiecutter takes for yes and no (its ``YesNoPrompt``), in any case.
YES_WORDS = ("1", "true", "t", "yes", "y", "on")
NO_WORDS = ("0", "false", "f", "no", "n", "off")

Answer = str | dict[str, Any]


def check(question: Question, value: Any) -> Answer:
    """One answer, as typed or read from a file, checked by its question."""
    key = question.key
    if question.check == "yes-no":
        if isinstance(value, bool):
            return "yes" if value else "no"
        typed = _text(key, value).lower()
        if typed in YES_WORDS or typed in NO_WORDS:
            return "yes" if typed in YES_WORDS else "no"
        raise checks.invalid(key, f"{shown(value)} (allowed: yes, no)")
    if question.kind == "dict":
        return _dict(key, value)
    typed = _text(key, value)
    if question.kind == "choice":
        if typed not in question.choices:
            raise checks.invalid(key, f"{shown(typed)} (allowed: {', '.join(question.choices)})")
        return typed
    special = {
        "project_name": checks.project_name,
        "slug": checks.slug,
        "email": checks.email,
        "version": checks.version,
    }.get(question.check)
    return special(typed) if special is not None else checks.text(key, typed)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        kind = {bool: "a boolean", list: "a list", dict: "a mapping"}.get(type(value), "")
        kind = kind or type(value).__name__
        raise UsageProblem(f"wrong type for {key}: {kind} (expected text)", key)
    return value.strip()


def _dict(key: str, value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise checks.invalid(key, f"{shown(value)} (a JSON object)") from None
    if not isinstance(value, dict):
        raise checks.invalid(key, f"{shown(value)} (a JSON object)")
    return value


def from_mapping(
    template: TemplateAtHand, data: Mapping[Any, Any], origin: str, *, known_only: bool = False
) -> dict[str, Answer]:
    """An answers file's (or the config's) answers; ``known_only`` leaves other keys out."""
    found, answers = Collector(), {}
    for key, value in data.items():
        if key in (VERSION_KEY, RECORD_KEY) or value is None:
            continue
        if key not in template.keys:
            if not known_only:
                found.add(AnswersFileError(f"{origin}: {_unknown(template, key)}", str(key)))
            continue
        try:
            answers[key] = check(template.question(key), value)
        except UsageProblem as exc:
            found.add(AnswersFileError(f"{origin}: {exc}", exc.key))
    found.raise_any()
    return answers


def from_sets(template: TemplateAtHand, pairs: Iterable[str]) -> dict[str, Answer]:
    found, answers = Collector(), {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        try:
            if not sep:
                raise UsageProblem(f"--set expects KEY=VALUE, got {shown(pair)}", key or None)
            if key not in template.keys:
                raise UsageProblem(f"{_unknown(template, key)} in --set", key)
            answers[key] = check(template.question(key), value)
        except UsageProblem as exc:
            found.add(exc)
    found.raise_any()
    return answers


def _unknown(template: TemplateAtHand, key: object) -> str:
    return f"unknown key {shown(key)} (allowed: {', '.join(template.keys)})"


def collect(
    template: TemplateAtHand,
    *,
    file: str | PathLike[str] | None = None,
    sets: Iterable[str] = (),
    name: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    defaults_origin: str = "config",
) -> dict[str, Answer]:
    """Every explicit answer, in precedence order; every problem of every source at once."""
    found, answers = Collector(), {}
    layers: list[Callable[[], dict[str, Answer]]] = [
        lambda: from_mapping(template, defaults or {}, defaults_origin, known_only=True)
    ]
    if file is not None:
        layers.append(lambda: from_mapping(template, read_answers_file(file), str(file)))
    layers.append(lambda: from_sets(template, sets))
    if name is not None:
        layers.append(lambda: _name(template, name))
    for layer in layers:
        try:
            answers.update(layer())
        except UsageProblem as exc:
            found.add(exc)
    found.raise_any()
    return answers


def _name(template: TemplateAtHand, name: str) -> dict[str, Answer]:
    if "project_name" not in template.keys:
        raise UsageProblem(
            "--name sets project_name, which this template does not ask: use --set", "project_name"
        )
    return {"project_name": check(template.question("project_name"), name)}
