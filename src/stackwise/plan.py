"""From checked answers to a complete plan: the framework and every template option.

The plan is what generation needs and nothing else: it is built, and every combination
checked, before a template is opened, so a bad combination costs the user nothing.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackwise import checks
from stackwise.answers import RawAnswers
from stackwise.engine import Recommendation, Selection, recommend
from stackwise.errors import UsageProblem
from stackwise.options import (
    BY_KEY,
    NEED_OPTIONS,
    NEEDS_DATABASE,
    SELECTION,
    TEMPLATE_KEYS,
)
from stackwise.rules import RuleSet


@dataclass(frozen=True)
class Plan:
    selection: Selection
    recommendation: Recommendation
    framework: str
    options: Mapping[str, str]

    @property
    def overridden(self) -> bool:
        return self.framework != self.recommendation.winner

    @property
    def slug(self) -> str:
        return self.options["project_slug"]

    def answers(self) -> dict[str, Any]:
        """Every answer, as an answers file that reproduces this plan exactly."""
        return {**self.selection.to_dict(), "framework": self.framework, **self.options}

    def command(self, output_dir: str) -> str:
        """The non-interactive command line that makes the same project."""
        words = ["stackwise", "new", "--no-input"]
        for question in SELECTION:
            value = self.selection.as_conditions()[question.key]
            for item in sorted(value) if isinstance(value, frozenset) else [value]:
                if item:
                    words += [question.cli_flag, item]
        words += ["--framework", self.framework, "--name", self.options["project_name"]]
        for key in TEMPLATE_KEYS:
            value = self.options[key]
            if key != "project_name" and value != _static_default(
                key, self.framework, self.options
            ):
                words += ["--set", f"{key}={value}"]
        words += ["-o", output_dir]
        return shlex.join(words)


def make_plan(
    raw: RawAnswers,
    rules: RuleSet,
    *,
    name_default: str | None,
    identity: Mapping[str, str] | None = None,
) -> Plan:
    """Resolve every option: explicit answers, then what ``needs`` imply, then defaults.

    ``name_default`` is the project name to use when none was given; ``None`` makes a
    missing name a usage error, so a pipeline never silently gets a placeholder name.
    ``identity`` holds git's ``author_name``/``author_email`` defaults.
    """
    selection = raw.to_selection()
    recommendation = recommend(selection, rules)
    chosen = raw.options.get("framework", "auto")
    framework = recommendation.winner if chosen == "auto" else chosen
    implied = {
        option: value for need, (option, value) in NEED_OPTIONS.items() if need in selection.needs
    }
    options: dict[str, str] = {}
    for key in TEMPLATE_KEYS:
        if key in raw.options:
            options[key] = raw.options[key]
        elif key in implied:
            options[key] = implied[key]
        else:
            options[key] = _default(key, framework, options, name_default, identity or {})
    options["project_slug"] = checks.slug(options["project_slug"], framework)
    _check_combination(framework, options, raw.options)
    return Plan(selection, recommendation, framework, options)


def _default(
    key: str,
    framework: str,
    so_far: Mapping[str, str],
    name_default: str | None,
    identity: Mapping[str, str],
) -> str:
    if key == "project_name":
        if name_default is None:
            raise UsageProblem("missing project name: pass --name NAME (or --no-input)")
        return name_default
    if key == "project_slug":
        return checks.derive_slug(so_far["project_name"])
    if key in identity:
        try:
            return checks.check(BY_KEY[key], identity[key])
        except UsageProblem:
            return ""
    return _static_default(key, framework, so_far)


def _static_default(key: str, framework: str, so_far: Mapping[str, str]) -> str:
    if key == "project_slug":
        return checks.derive_slug(so_far["project_name"])
    return BY_KEY[key].default_for(framework) or ""


def _check_combination(
    framework: str, options: Mapping[str, str], explicit: Mapping[str, str]
) -> None:
    if options["database"] == "none":
        if framework == "django":
            why = "chosen" if "framework" in explicit else "recommended"
            raise UsageProblem(
                f"database=none is not available for Django (the {why} framework): "
                "set database=sqlite or postgresql, or choose --framework flask or fastapi"
            )
        for key in NEEDS_DATABASE:
            if options[key] == "yes":
                raise UsageProblem(
                    f"{key}=yes needs a database, but database=none: "
                    f"set database=sqlite or postgresql, or {key}=no"
                )
