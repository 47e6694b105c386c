"""A plan as a template sees it: the complete context, the README's "why", the next steps.

Cookiecutter renders the values it prompts for as Jinja templates, so stackwise never goes
through its prompt path: it hands ``generate_files`` a complete context whose values are
plain data, and the templates put free text in only through their ``quoted``, ``pystr``
and ``md`` filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stackwise.answers.resolve import Plan
from stackwise.answers.vocabulary import template_keys
from stackwise.errors import TemplateError
from stackwise.template.registry import declared


def next_steps(plan: Plan, context: Mapping[str, Any], installer: str = "pip") -> list[str]:
    """The template's own run and test commands (its ``_next_steps``), for the final message.

    ``context`` is the template's context as ``build_context`` made it. A step is a command,
    or ``{"run": command, "when": {option: [values]}}`` for a command that only some options
    need (a migration only with a database, say), or only one ``installer`` (``pip`` or
    ``uv``: the one the person has). ``{option}`` in a command is replaced by that option's
    value.
    """
    facts = {**plan.options, "installer": installer}
    commands = []
    for step in context.get("_next_steps", []):
        if isinstance(step, str):
            commands.append(step.format_map(plan.options))
        elif isinstance(step, dict) and set(step) == {"run", "when"}:
            when = step["when"]
            if all(facts.get(key) in values for key, values in when.items()):
                commands.append(str(step["run"]).format_map(plan.options))
        else:
            where = Path(context["_template"], "cookiecutter.json")
            raise TemplateError(f"{where}: malformed step {step!r}")
    return commands


def build_context(plan: Plan, template: Path) -> dict[str, Any]:
    """The template's own ``cookiecutter.json`` with every public key set from the plan."""
    data = declared(template)
    public = {key for key in data if not key.startswith("_")}
    keys = template_keys(plan.framework)
    if public != set(keys):
        odd = sorted(public.symmetric_difference(keys))
        raise TemplateError(
            f"{template / 'cookiecutter.json'}: keys do not match the options: {odd}"
        )
    context = dict(data)
    context.update({key: plan.options[key] for key in keys})
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
