"""From checked answers to a complete plan: the framework and every template option.

The plan is what generation needs and nothing else: it is built, and every combination
checked, before a template is opened, so a bad combination costs the user nothing. The
rules of which option applies when (no admin without a database, no ``database=none`` for
Django) live here too, so prompts, flags and answers files all follow the same ones.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackwise.answers import checks
from stackwise.answers.sources import RawAnswers
from stackwise.answers.vocabulary import (
    BY_KEY,
    FRAMEWORK_NAMES,
    FRAMEWORKS,
    NEEDS_DATABASE,
    SELECTION,
    TURNS_ON,
    template_keys,
)
from stackwise.errors import Collector, UsageProblem
from stackwise.recommend.engine import Recommendation, Selection, recommend
from stackwise.recommend.rules import BUILTIN, RuleSet

#: Options whose default comes from ``git config`` where it is set.
IDENTITY_KEYS = ("author_name", "author_email")


@dataclass(frozen=True)
class Plan:
    selection: Selection
    recommendation: Recommendation
    framework: str
    options: Mapping[str, str]
    #: What each option would be with no answer for it (git's identity left out).
    defaults: Mapping[str, str | None] = field(default_factory=dict)
    #: Options whose default came from git's identity on this machine.
    from_identity: frozenset[str] = frozenset()

    @property
    def overridden(self) -> bool:
        """The choice goes against the rules: they scored it below their recommendation.

        Choosing among frameworks the rules scored level overrides nothing.
        """
        scores = self.recommendation.scores
        return scores[self.framework] < scores[self.recommendation.winner]

    @property
    def slug(self) -> str:
        return self.options["project_slug"]

    def answers(self) -> dict[str, Any]:
        """Every answer, as an answers file that reproduces this plan exactly."""
        return {**self.selection.to_dict(), "framework": self.framework, **self.options}

    def command(self, output_dir: str, *, lock: bool = False) -> str:
        """The non-interactive command line that makes the same project, on any machine."""
        words = ["stackwise", "new", "--no-input"]
        for question in SELECTION:
            value = self.selection.as_conditions()[question.key]
            for item in sorted(value) if isinstance(value, frozenset) else [value]:
                if item:
                    words += [question.cli_flag, item]
        name = self.options["project_name"]
        words += ["--framework", self.framework]
        words += [f"--name={name}"] if name.startswith("-") else ["--name", name]
        for key, value in self.options.items():
            if key == "project_name":
                continue
            if value != self.defaults.get(key) or key in self.from_identity:
                words += ["--set", f"{key}={value}"]
        if self.recommendation.rules != BUILTIN:
            words += ["--rules", self.recommendation.rules]
        words += ["--lock"] if lock else []
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
    framework = chosen_framework(raw, recommendation)
    identity = usable_identity(identity or {})
    found = Collector()
    options = resolve(raw, framework, name_default, identity, found)
    derived = "project_slug" not in raw.options
    if options["project_slug"]:
        try:
            options["project_slug"] = checks.slug(
                options["project_slug"], framework, derived=derived
            )
        except UsageProblem as exc:
            found.add(exc)
    try:
        check_combination(framework, options, raw)
    except UsageProblem as exc:
        found.add(exc)
    found.raise_any()
    used = frozenset(k for k in IDENTITY_KEYS if k in identity and k not in raw.options)
    return Plan(
        selection, recommendation, framework, options, bare_defaults(raw, framework, options), used
    )


def chosen_framework(raw: RawAnswers, recommendation: Recommendation) -> str:
    chosen = raw.options.get("framework", "auto")
    return recommendation.winner if chosen == "auto" else chosen


def resolve(
    raw: RawAnswers,
    framework: str,
    name_default: str | None,
    identity: Mapping[str, str],
    found: Collector | None = None,
) -> dict[str, str]:
    """Every template option, in question order: the answer given, else its default.

    With ``found``, an option that has no value (a missing name, a name that gives no
    package name) is reported there and left empty, so that every problem is found;
    without it, the first one is raised.
    """
    options: dict[str, str] = {}
    for key in template_keys(framework):
        try:
            options[key] = _value(key, raw, framework, name_default, identity, options)
        except UsageProblem as exc:
            if found is None:
                raise
            found.add(exc)
            options[key] = ""
    return options


def _value(
    key: str,
    raw: RawAnswers,
    framework: str,
    name_default: str | None,
    identity: Mapping[str, str],
    so_far: Mapping[str, str],
) -> str:
    if key in raw.options:
        return raw.options[key]
    if key == "project_name":
        if name_default is None:
            raise UsageProblem(
                "missing project name: pass --name NAME (or --no-input)", "project_name"
            )
        return name_default
    if key == "project_slug" and not so_far["project_name"]:
        return ""
    return default(key, raw, framework, so_far, identity)


def bare_defaults(
    raw: RawAnswers, framework: str, options: Mapping[str, str]
) -> dict[str, str | None]:
    """What each option would be if only the selection and the other options were given.

    ``None`` where there is no such default (a slug the name cannot give).
    """
    bare = RawAnswers(raw.selection, {})
    found: dict[str, str | None] = {}
    for key in template_keys(framework):
        try:
            found[key] = default(key, bare, framework, options, {})
        except UsageProblem:
            found[key] = None
    return found


def default(
    key: str,
    raw: RawAnswers,
    framework: str,
    so_far: Mapping[str, str],
    identity: Mapping[str, str],
) -> str:
    """An option's value when no answer gives it: the needs, git, then the vocabulary."""
    if key == "project_slug":
        return checks.derive_slug(so_far["project_name"])
    implied = implied_by_selection(raw)
    if key in NEEDS_DATABASE and so_far.get("database") == "none" and key not in implied:
        return "no"
    if key in implied:
        return implied[key]
    if key in identity:
        return identity[key]
    return BY_KEY[key].default_for(framework) or ""


def implied_by_selection(raw: RawAnswers) -> dict[str, str]:
    """The options the scenario and the needs turn on."""
    return {option: value for option, (value, _) in implications(raw).items()}


def implications(raw: RawAnswers) -> dict[str, tuple[str, str]]:
    """Option -> (value, what turned it on: ``building: web-app`` or ``needs: auth``)."""
    found: dict[str, tuple[str, str]] = {}
    for key, by_answer in TURNS_ON.items():
        given = raw.selection.get(key)
        answers = sorted(given) if isinstance(given, frozenset) else [given] if given else []
        for answer in answers:
            for option, value in by_answer.get(answer, {}).items():
                found[option] = (value, f"{key}: {answer}")
    return found


def offered(key: str, framework: str) -> tuple[str, ...]:
    """The choices an option offers for a framework (Django has no ``database=none``)."""
    return BY_KEY[key].choices_for(framework)


def applies(key: str, options: Mapping[str, str]) -> bool:
    """Whether an option means anything given the others (no auth or admin without a DB)."""
    return not (key in NEEDS_DATABASE and options.get("database") == "none")


def check_combination(framework: str, options: Mapping[str, str], raw: RawAnswers) -> None:
    """Refuse what cannot work together, naming both keys and how to fix it; every such
    problem is reported."""
    found = Collector()
    for key in sorted(raw.options.keys() - {"framework", *options}):
        name = FRAMEWORK_NAMES[framework]
        message = f"{key} is not an option of the {name} template: choose another --framework"
        found.add(UsageProblem(message, key))
    for key, value in options.items():
        if BY_KEY[key].choices and value not in offered(key, framework):
            found.add(UsageProblem(_unavailable(key, value, framework, raw), key))
    if options.get("database") == "none":
        implied = implications(raw)
        for key in NEEDS_DATABASE:
            if options.get(key) == "yes":
                source = "" if key in raw.options else f" (from {implied[key][1]})"
                message = (
                    f"{key}=yes{source} needs a database, but database=none: "
                    f"set database=sqlite or postgresql, or {key}=no"
                )
                found.add(UsageProblem(message, key))
    found.raise_any()


def _unavailable(key: str, value: str, framework: str, raw: RawAnswers) -> str:
    why = "chosen" if "framework" in raw.options else "recommended"
    others = [fw for fw in FRAMEWORKS if fw != framework and value in offered(key, fw)]
    return (
        f"{key}={value} is not available for {FRAMEWORK_NAMES[framework]} (the {why} "
        f"framework): set {key}={' or '.join(offered(key, framework))}, or choose "
        f"--framework {' or '.join(others)}"
    )


def usable_identity(identity: Mapping[str, str]) -> dict[str, str]:
    """git's identity, checked; a value that would fail the option's own check is dropped."""
    usable = {}
    for key, value in identity.items():
        try:
            usable[key] = checks.check(BY_KEY[key], value)
        except UsageProblem:
            continue
    return usable
