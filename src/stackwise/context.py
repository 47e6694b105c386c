"""A plan as a template sees it: the complete context, the README's "why", the record.

Cookiecutter renders the values it prompts for as Jinja templates, so stackwise never goes
through its prompt path: it hands ``generate_files`` a complete context whose values are
plain data, and the templates put free text in only through their ``quoted``, ``pystr``
and ``md`` filters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stackwise import __version__
from stackwise.answers import RECORD_KEY
from stackwise.errors import TemplateError
from stackwise.options import TEMPLATE_KEYS
from stackwise.plan import Plan

RECORD_NAME = ".stackwise.json"


def templates_root() -> Path:
    """The templates shipped in the wheel, or the repository's when run from a checkout."""
    packaged = Path(__file__).with_name("templates")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def template_dir(framework: str) -> Path:
    path = templates_root() / framework
    if not (path / "cookiecutter.json").is_file():
        raise TemplateError(f"template for {framework} not found at {path}")
    return path


def declared(template: Path) -> dict[str, Any]:
    """A template's own ``cookiecutter.json``."""
    try:
        data: dict[str, Any] = json.loads((template / "cookiecutter.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"{template / 'cookiecutter.json'}: cannot read: {exc}") from None
    return data


def next_steps(plan: Plan, context: Mapping[str, Any]) -> list[str]:
    """The template's own run and test commands (its ``_next_steps``), for the final message.

    ``context`` is the template's context as ``build_context`` made it. A step is a command,
    or ``{"run": command, "when": {option: [values]}}`` for a command that only some options
    need (a migration only with a database, say). ``{option}`` in a command is replaced by
    that option's value.
    """
    commands = []
    for step in context.get("_next_steps", []):
        if isinstance(step, str):
            commands.append(step.format_map(plan.options))
        elif isinstance(step, dict) and set(step) == {"run", "when"}:
            when = step["when"]
            if all(plan.options.get(key) in values for key, values in when.items()):
                commands.append(str(step["run"]).format_map(plan.options))
        else:
            where = Path(context["_template"], "cookiecutter.json")
            raise TemplateError(f"{where}: malformed step {step!r}")
    return commands


def build_context(plan: Plan, template: Path) -> dict[str, Any]:
    """The template's own ``cookiecutter.json`` with every public key set from the plan."""
    data = declared(template)
    public = {key for key in data if not key.startswith("_")}
    if public != set(TEMPLATE_KEYS):
        odd = sorted(public.symmetric_difference(TEMPLATE_KEYS))
        raise TemplateError(
            f"{template / 'cookiecutter.json'}: keys do not match the options: {odd}"
        )
    context = dict(data)
    context.update({key: plan.options[key] for key in TEMPLATE_KEYS})
    context["_why"] = why_text(plan)
    context["_reasons"] = [
        f"{rule.reason} ({rule.source.cite()})"
        for rule in plan.recommendation.reasons_for(plan.framework)
    ]
    context["_template"] = str(template)
    return {"cookiecutter": context}


def why_text(plan: Plan) -> str:
    """The sentence that opens the README's "Why" section; the reasons follow it."""
    rec = plan.recommendation
    chosen, winner = rec.names[plan.framework], rec.names[rec.winner]
    if plan.framework != rec.winner:
        tail = " What counts for it:" if rec.reasons_for(plan.framework) else ""
        if plan.overridden:
            return (
                f"You chose {chosen}; stackwise's selection rules preferred {winner} "
                f"({rec.scores[rec.winner]} to {rec.scores[plan.framework]}).{tail}"
            )
        return (
            f"You chose {chosen}; stackwise's selection rules scored it level with {winner} "
            f"({rec.scores[rec.winner]} each).{tail}"
        )
    if not rec.fired:
        return (
            f"stackwise recommended {chosen}: no selection rule fired for the answers given, "
            f"and {chosen} comes first when the scores are even."
        )
    runner_up = rec.names[rec.runner_up]
    return (
        f"stackwise recommended {chosen} for this project ({rec.scores[rec.winner]} to "
        f"{rec.scores[rec.runner_up]} for {runner_up}, the runner-up), by these rules:"
    )


#: The schema of ``.stackwise.json``: 1 was stackwise 0.1.0's (answers and
#: ``stackwise_version``); 2 adds the template the project was made from.
RECORD_SCHEMA = 2


def record(plan: Plan, template: Path) -> str:
    """The text of ``.stackwise.json``: the answers, then what made the project from them.

    ``template`` names where the template came from: for a built-in, ``builtin:<name>``
    with no ref, commit or directory; and the hash of its files, so that an update can
    tell whether the template at hand is the one the project was made from.
    """
    from stackwise.template_cache import content_hash

    made_by = {
        "schema": RECORD_SCHEMA,
        "version": __version__,
        "template": {
            "source": f"builtin:{plan.framework}",
            "ref": None,
            "commit": None,
            "directory": None,
            "hash": content_hash(template),
        },
    }
    data = {**plan.answers(), RECORD_KEY: made_by}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
