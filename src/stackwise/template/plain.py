"""The questions of a template: from its manifest where it has one, else from
``cookiecutter.json`` as cookiecutter reads it.

cookiecutter asks every key that does not start with ``_``, in the file's order: a list is
a choice (its first item the default), ``true``/``false`` a yes/no question, an object a
dict variable (given as JSON), anything else text whose default may be a Jinja expression of
earlier answers (``{{ cookiecutter.project_name.lower() }}``), rendered as it is asked.
``__prompts__`` holds the words of the questions. Keys starting with ``_`` are the
template's settings (``_copy_without_render``, ``_extensions``) or values it computes
(``__``); they are not asked, and cannot be answered.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stackwise.answers.vocabulary import YES_NO, Kind, Question
from stackwise.errors import TemplateError

if TYPE_CHECKING:
    from stackwise.template.manifest import Manifest

#: How a plain template's questions say where a value comes from.
SET_FLAG = "--set {key}=VALUE"


def read_context(template: Path) -> dict[str, Any]:
    """``cookiecutter.json`` in its own order; a defect is a ``TemplateError`` naming it."""
    path = template / "cookiecutter.json"
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle, object_pairs_hook=OrderedDict)
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read: {exc.strerror}") from None
    except ValueError as exc:
        raise TemplateError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: must hold a JSON object")
    nested = {"template", "templates"} & set(data)
    if nested:
        raise TemplateError(f"{path}: nested templates ({sorted(nested)[0]}) are not supported")
    return data


def plain_questions(template: Path) -> tuple[Question, ...]:
    """One question per public key of ``cookiecutter.json``, in its order."""
    data = read_context(template)
    prompts = data.get("__prompts__", {})
    prompts = prompts if isinstance(prompts, dict) else {}
    found = []
    for key, raw in data.items():
        if key.startswith("_"):
            continue
        try:
            found.append(_question(key, raw, prompts.get(key)))
        except ValueError as exc:
            raise TemplateError(f"{template / 'cookiecutter.json'}: {exc}") from None
    return tuple(found)


def _question(key: str, raw: Any, prompt: Any) -> Question:
    if isinstance(prompt, dict):
        prompt = prompt.get("__prompt__")
    text = prompt if isinstance(prompt, str) and prompt.strip() else key
    if isinstance(raw, bool):
        return _make(key, text, "Yes or no.", "choice", YES_NO, "yes" if raw else "no", "yes-no")
    if isinstance(raw, list):
        if not raw:
            raise ValueError(f"{key}: the list of choices is empty")
        choices = tuple(str(choice) for choice in raw)
        return _make(key, text, "One of the template's choices.", "choice", choices, choices[0])
    if isinstance(raw, dict):
        as_json = json.dumps(raw, ensure_ascii=False)
        return _make(key, text, "A JSON object.", "dict", (), as_json, "dict")
    return _make(key, text, "Text.", "text", (), None if raw is None else str(raw))


def _make(
    key: str,
    text: str,
    help_: str,
    kind: Kind,
    choices: tuple[str, ...],
    default: str | None,
    check: str = "text",
) -> Question:
    flag = SET_FLAG.format(key=key)
    return Question(key, text, help_, "project", kind, choices, default, flag=flag, check=check)


def manifest_questions(manifest: Manifest) -> tuple[Question, ...]:
    """The options of a template's ``stackwise.toml``, as questions."""
    found = []
    for option in manifest.options:
        kind: Kind = "choice" if option.choices else "text"
        check = "yes-no" if option.type == "yes-no" else option.check
        found.append(
            Question(
                option.key,
                option.question,
                option.help,
                "project",
                kind,
                option.choices,
                option.default,
                flag=SET_FLAG.format(key=option.key),
                check=check,
            )
        )
    return tuple(found)
