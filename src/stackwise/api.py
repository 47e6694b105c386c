"""stackwise as a library: the calls the CLI, the prompts, a web page or a script make.

Answers are given as ``RawAnswers`` (what the CLI gathers from flags, ``--set`` and a file)
or as a mapping with the keys of an answers file (``stackwise questions`` lists them). Bad
answers raise ``Problems``, which holds every problem found, each with the key it concerns;
other failures raise the ``StackwiseError`` subclasses of ``stackwise.errors``, each with
its exit status. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stackwise.answers import vocabulary
from stackwise.answers.vocabulary import DEFAULT_PROJECT_NAME

if TYPE_CHECKING:  # each call loads what it needs, so that ``questions`` loads no rules
    import os
    from pathlib import Path

    from stackwise.answers.resolve import Plan
    from stackwise.answers.sources import RawAnswers
    from stackwise.project.create import Generated
    from stackwise.recommend.engine import Recommendation
    from stackwise.recommend.rules import RuleSet
    from stackwise.template.at_hand import TemplateAtHand
    from stackwise.template.check.run import Report

    Answers = RawAnswers | Mapping[str, Any]
    #: The selection rules to use: the shipped ones (``None``), an organisation's rules
    #: file (its path), or rules already loaded.
    Rules = RuleSet | str | os.PathLike[str] | None

__all__ = [
    "check_template",
    "create",
    "create_from_template",
    "installer_on_path",
    "load_rules",
    "open_template",
    "preview",
    "questions",
    "recommend",
    "render",
    "render_template",
    "resolve",
    "template_answers",
]


def questions(template: TemplateAtHand | None = None) -> list[dict[str, Any]]:
    """Every question, its choices, default and help: ``stackwise questions --json``; with
    ``template`` (from ``open_template``), that template's."""
    from stackwise.cli.report import question_dict

    asked = vocabulary.QUESTIONS if template is None else template.questions
    return [question_dict(question) for question in asked]


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


def load_rules(rules: Rules = None) -> RuleSet:
    """The selection rules: the shipped file, or an organisation's in its place.

    An organisation's file is read by the same strict loader as the shipped one; a defect
    in it is a ``RulesFileError`` (exit 2) naming the file and the rule.
    """
    from stackwise.recommend import rules as loader

    if rules is None:
        return loader.load_rules()
    if isinstance(rules, loader.RuleSet):
        return rules
    return loader.load_organisation_rules(rules)


def recommend(answers: Answers, rules: Rules = None) -> Recommendation:
    """The recommendation for the selection answers among ``answers`` (the rest is ignored);
    ``rules`` as ``load_rules`` takes them."""
    from stackwise.recommend.engine import recommend as run

    return run(_raw(answers).to_selection(), load_rules(rules))


def resolve(
    answers: Answers,
    *,
    name_default: str | None = DEFAULT_PROJECT_NAME,
    identity: Mapping[str, str] | None = None,
    rules: Rules = None,
) -> Plan:
    """Every option of the project, checked together; raises ``Problems`` listing them all.

    ``name_default=None`` makes a missing project name a problem; ``identity`` holds the
    ``author_name``/``author_email`` defaults (``stackwise.identity.git_identity()``);
    ``rules`` as ``load_rules`` takes them.
    """
    from stackwise.answers.resolve import make_plan

    return make_plan(_raw(answers), load_rules(rules), name_default=name_default, identity=identity)


def render(plan: Plan, into: Path) -> Generated:
    """Render the plan under the scratch directory ``into`` (which must exist), with its
    record; ``Generated.project_dir`` is where the files are."""
    from stackwise.project.create import render_into

    return render_into(plan, into)


def create(
    plan: Plan, output_dir: Path, *, installer: str = "pip", lock: bool = False
) -> Generated:
    """Write the project to ``output_dir/<project_slug>``: all of it, or nothing. The next
    steps are ``installer``'s (``pip`` or ``uv``); with ``lock``, the project is born with
    ``uv.lock`` (``LockError`` when uv or the index is missing, and nothing is written)."""
    from stackwise.project.create import generate

    return generate(plan, output_dir, installer=installer, lock=lock)


def preview(
    plan: Plan, output_dir: Path, *, installer: str = "pip", lock: bool = False
) -> Generated:
    """What ``create`` would write there, found without writing anything in ``output_dir``."""
    from stackwise.project.create import preview as _preview

    return _preview(plan, output_dir, installer=installer, lock=lock)


def installer_on_path() -> str:
    """The installer whose next steps fit this machine: uv when it is on PATH, else pip."""
    from stackwise.project.lock import installer_on_path as _installer_on_path

    return _installer_on_path()


def template_answers(
    template: TemplateAtHand,
    *,
    file: str | None = None,
    sets: Iterable[str] = (),
    name: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    defaults_origin: str = "config",
) -> dict[str, Any]:
    """The answers for ``template`` from an answers file, ``--set`` pairs, a name and the
    config's defaults, each checked by its question; raises ``Problems`` listing them all."""
    from stackwise.answers.template_answers import collect

    return collect(
        template,
        file=file,
        sets=sets,
        name=name,
        defaults=defaults,
        defaults_origin=defaults_origin,
    )


def create_from_template(
    template: TemplateAtHand,
    answers: Mapping[str, Any],
    output_dir: Path,
    *,
    trusted: bool = False,
    dry_run: bool = False,
    lock: bool = False,
) -> tuple[Generated, dict[str, Any]]:
    """Make the project of ``template`` with ``answers`` as ``cookiecutter --no-input``
    does, all or nothing (with ``dry_run``, only find its files); the project and every
    question's value. Its hooks run only when ``trusted``: a template with hooks that is
    not is refused (``UsageProblem``). With ``lock``, ``uv lock`` runs before the move."""
    from stackwise.project import from_template

    make = from_template.preview if dry_run else from_template.generate
    return make(template, answers, output_dir, trusted=trusted, lock=lock)


def render_template(
    template: TemplateAtHand, answers: Mapping[str, Any], into: Path, *, trusted: bool = False
) -> Generated:
    """Render ``template`` with ``answers`` under the scratch directory ``into``, record
    included, as ``create_from_template`` would write it; ``Generated.project_dir`` is where
    the files are."""
    from stackwise.project import from_template

    return from_template.render_into(template, answers, into, trusted=trusted)


def check_template(source: str, *, run_tests: bool = False, trust: bool = False) -> Report:
    """``stackwise template check SOURCE``: what a template author must fix, as a ``Report``
    of problems (each with the combinations it was found in).

    ``source`` is a built-in template's name or a template's directory. A template that is
    not built in and has hooks is refused (``UntrustedHooks``, exit 2) unless ``trust``.
    """
    from stackwise.template.check import run
    from stackwise.template.check import source as sources

    template = sources.find_source(source)
    sources.refuse_untrusted(template, trust)
    return run.check(template.path, name=template.name, run_tests=run_tests)
