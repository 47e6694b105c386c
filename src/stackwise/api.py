"""stackwise as a library: the calls the CLI, the prompts, a web page or a script make.

Answers are given as ``RawAnswers`` (what the CLI gathers from flags, ``--set`` and a file)
or as a mapping with the keys of an answers file (``stackwise questions`` lists them). Bad
answers raise ``Problems``, which holds every problem found, each with the key it concerns;
other failures raise the ``StackwiseError`` subclasses of ``stackwise.errors``, each with
its exit status. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stackwise.answers import vocabulary
from stackwise.answers.vocabulary import DEFAULT_PROJECT_NAME

if TYPE_CHECKING:  # each call loads what it needs, so that ``questions`` loads no rules
    from pathlib import Path

    from stackwise.answers.resolve import Plan
    from stackwise.answers.sources import RawAnswers
    from stackwise.project.create import Generated
    from stackwise.recommend.engine import Recommendation
    from stackwise.recommend.rules import RuleSet
    from stackwise.template.at_hand import TemplateAtHand

    Answers = RawAnswers | Mapping[str, Any]

__all__ = ["create", "open_template", "preview", "questions", "recommend", "render", "resolve"]


def questions() -> list[dict[str, Any]]:
    """Every question, its choices, default and help: ``stackwise questions --json``."""
    from stackwise.cli.report import question_dict

    return [question_dict(question) for question in vocabulary.QUESTIONS]


def open_template(
    source: str, checkout: str | None = None, directory: str | None = None
) -> TemplateAtHand:
    """Any cookiecutter template (a directory, a git URL, ``gh:owner/name``), checked out at
    ``checkout`` and ``directory`` in it, with its questions; ``stackwise.project.from_template``
    renders it."""
    from stackwise.template.at_hand import open_template as open_

    return open_(source, checkout, directory)


def _raw(answers: Answers) -> RawAnswers:
    from stackwise.answers.sources import RawAnswers, parse_mapping

    if isinstance(answers, RawAnswers):
        return answers
    return parse_mapping(answers)


def recommend(answers: Answers, rules: RuleSet | None = None) -> Recommendation:
    """The recommendation for the selection answers among ``answers`` (the rest is ignored)."""
    from stackwise.recommend.engine import recommend as run
    from stackwise.recommend.rules import load_rules

    return run(_raw(answers).to_selection(), rules or load_rules())


def resolve(
    answers: Answers,
    *,
    name_default: str | None = DEFAULT_PROJECT_NAME,
    identity: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
) -> Plan:
    """Every option of the project, checked together; raises ``Problems`` listing them all.

    ``name_default=None`` makes a missing project name a problem; ``identity`` holds the
    ``author_name``/``author_email`` defaults (``stackwise.identity.git_identity()``).
    """
    from stackwise.answers.resolve import make_plan
    from stackwise.recommend.rules import load_rules

    raw, rules = _raw(answers), rules or load_rules()
    return make_plan(raw, rules, name_default=name_default, identity=identity)


def render(plan: Plan, into: Path) -> Generated:
    """Render the plan under the scratch directory ``into`` (which must exist), with its
    record; ``Generated.project_dir`` is where the files are."""
    from stackwise.project.create import render_into

    return render_into(plan, into)


def create(plan: Plan, output_dir: Path) -> Generated:
    """Write the project to ``output_dir/<project_slug>``: all of it, or nothing."""
    from stackwise.project.create import generate

    return generate(plan, output_dir)


def preview(plan: Plan, output_dir: Path) -> Generated:
    """What ``create`` would write there, found without writing anything in ``output_dir``."""
    from stackwise.project.create import preview as _preview

    return _preview(plan, output_dir)
