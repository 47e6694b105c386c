"""``stackwise template check``: render a template's pairwise set of combinations twice
each, and report what a template author must fix.

Each combination is rendered as plain ``cookiecutter --no-input`` would render it with
those answers, twice, into scratch directories: the two renders must be the same bytes and
modes (generation is deterministic), and the first must hold no leftover template syntax and
no TOML, YAML, JSON or Python file its parser refuses. ``run_tests`` also installs the default
project and runs its own tests. Nothing is written outside scratch space.
"""

from __future__ import annotations

import tempfile
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stackwise.errors import TemplateError
from stackwise.render import cookiecutter
from stackwise.template.check.files import Finding, differences, unparsable, unrendered
from stackwise.template.check.project_tests import run_project_tests
from stackwise.template.check.questions import Questions, template_questions
from stackwise.template.manifest import MANIFEST_NAME

Combination = Mapping[str, Hashable]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    #: The combinations it was found in, each in brief (``defaults``, ``auth=yes, ci=none``).
    found_in: tuple[str, ...]

    def line(self) -> str:
        if not self.found_in:
            return f"{self.path}: {self.message}"
        more = len(self.found_in) - 1
        also = f"; and {more} more combination{'s' if more > 1 else ''}" if more else ""
        return f"{self.path}: {self.message} [{self.found_in[0]}{also}]"


@dataclass(frozen=True)
class Report:
    template: str
    combinations: int
    problems: tuple[Problem, ...] = ()
    #: With ``run_tests``: ``passed``, ``failed``, or ``not run`` (the project could not be
    #: installed); else ``None``.
    tests: str | None = None

    def summary(self) -> str:
        count = len(self.problems)
        found = f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
        tests = f", the default project's own tests {self.tests}" if self.tests else ""
        return (
            f"{self.template}: {self.combinations} combination"
            f"{'s' if self.combinations != 1 else ''} rendered twice each{tests}; {found}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as ``template check --json`` prints it."""
        return {
            "template": self.template,
            "combinations": self.combinations,
            "tests": self.tests,
            "problems": [
                {"path": p.path, "message": p.message, "found_in": list(p.found_in)}
                for p in self.problems
            ],
        }


@dataclass
class _Found:
    """Findings by (path, message), each with the combinations it was found in."""

    where: dict[Finding, list[str]] = field(default_factory=dict)

    def add(self, findings: list[Finding], label: str) -> None:
        for finding in findings:
            self.where.setdefault(finding, []).append(label)

    def problems(self) -> tuple[Problem, ...]:
        """By path; a path's problems in the order found."""
        found = [Problem(p, m, tuple(labels)) for (p, m), labels in self.where.items()]
        return tuple(sorted(found, key=lambda problem: problem.path))


def _render(template: Path, combo: Combination, into: Path) -> tuple[Path, list[str]]:
    """One render of the combination under ``into``, and its ``_copy_without_render``."""
    into.mkdir(exist_ok=True)
    context = cookiecutter.no_input_context(template, combo)
    copied = context["cookiecutter"].get("_copy_without_render", [])
    rendered = cookiecutter.render(template, context, into, into)
    return rendered, [str(pattern) for pattern in copied]


def check_combination(template: Path, combo: Combination) -> list[Finding]:
    """What is wrong with one combination: it fails, differs between two renders, holds
    leftover syntax or files that do not parse."""
    with tempfile.TemporaryDirectory(prefix="stackwise-check-") as scratch:
        try:
            first, copied = _render(template, combo, Path(scratch, "1").absolute())
            second, _ = _render(template, combo, Path(scratch, "2").absolute())
        except TemplateError as exc:
            return [("(render)", str(exc))]
        if first.name != second.name:
            return [(first.name, f"the project directory is {second.name} in a second render")]
        return [*differences(first, second), *unrendered(first, copied), *unparsable(first)]


def _tested(template: Path, combo: Combination) -> list[Finding]:
    with tempfile.TemporaryDirectory(prefix="stackwise-check-") as scratch:
        try:
            project, _ = _render(template, combo, Path(scratch).absolute())
        except TemplateError as exc:
            return [("(render)", str(exc))]
        return run_project_tests(project)


def _manifest_problem(template: Path, error: TemplateError) -> Finding:
    """A malformed manifest or ``cookiecutter.json`` as a finding: the file, the fault."""
    path, _, message = str(error).removeprefix(f"{template}/").partition(": ")
    return path, message


def check(
    template: Path,
    questions: Questions | None = None,
    *,
    name: str | None = None,
    run_tests: bool = False,
) -> Report:
    """Check ``template`` over the pairwise set of ``questions`` (by default, those of its
    manifest or its ``cookiecutter.json``). Its hooks run: the caller decides whether they
    may. ``name`` is how the report names the template."""
    label = name or str(template)
    if questions is None:
        try:
            questions = template_questions(template)
        except TemplateError as exc:
            return Report(label, 0, (Problem(*_manifest_problem(template, exc), ()),))
    combinations = questions.combinations()
    found = _Found()
    broken = questions.broken(questions.defaults)
    if broken is not None:
        found.add([(MANIFEST_NAME, f"the defaults break a requirement: {broken}")], "defaults")
    for combo in combinations:
        found.add(check_combination(template, combo), questions.label(combo))
    tests = None
    if run_tests and combinations:
        failed = _tested(template, combinations[0])
        found.add(failed, questions.label(combinations[0]))
        tests = "passed" if not failed else "failed" if failed[0][0] == "tests" else "not run"
    return Report(label, len(combinations), found.problems(), tests)
