"""The template at hand: where it is, where it came from, and the questions it asks.

A ``--template`` is any cookiecutter template: its questions come from its manifest
(``stackwise.toml``) where it has one, else from its ``cookiecutter.json``. Its hooks are
code from wherever it came from, so they run only when the user trusts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from stackwise.answers.vocabulary import Question
from stackwise.errors import UsageProblem
from stackwise.template.sources import Origin, locate

#: The hooks cookiecutter runs, by the name of their file without its extension.
HOOK_NAMES = ("pre_prompt", "pre_gen_project", "post_gen_project")


#: Per option, what must hold for it to be ``yes``: ``{"auth": {"database": ("sqlite",)}}``.
Requires = Mapping[str, Mapping[str, tuple[str, ...]]]


class TemplateAtHand(NamedTuple):
    path: Path
    origin: Origin
    questions: tuple[Question, ...]
    #: From the template's manifest, where it has one.
    requires: Requires = MappingProxyType({})
    #: SOURCE as the user gave it, which cookiecutter gives templates as ``_template``.
    given: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(question.key for question in self.questions)

    def question(self, key: str) -> Question:
        return next(question for question in self.questions if question.key == key)

    @property
    def hooks(self) -> tuple[str, ...]:
        return hooks_of(self.path)


class UntrustedHooks(UsageProblem):
    """A template from elsewhere whose hooks would run: only with ``--trust``."""


def hooks_of(template: Path) -> tuple[str, ...]:
    """The template's hook scripts as cookiecutter finds them, by file name; backups (``~``)
    are not run."""
    hooks = template / "hooks"
    if not hooks.is_dir():
        return ()
    return tuple(
        sorted(
            entry.name
            for entry in hooks.iterdir()
            if entry.is_file()
            and entry.name.split(".")[0] in HOOK_NAMES
            and not entry.name.endswith("~")
        )
    )


def builtin(framework: str) -> TemplateAtHand:
    """A built-in template: its questions are its options in the merged vocabulary."""
    from stackwise.answers.vocabulary import question, template_keys
    from stackwise.template.registry import template_dir

    questions = tuple(question(key) for key in template_keys(framework))
    return TemplateAtHand(template_dir(framework), Origin(f"builtin:{framework}"), questions)


def open_template(
    source: str, checkout: str | None = None, directory: str | None = None
) -> TemplateAtHand:
    """The template SOURCE names, checked out, with its questions read."""
    from stackwise.template.manifest import MANIFEST_NAME, load_manifest
    from stackwise.template.plain import manifest_questions, plain_questions

    located = locate(source, checkout, directory)
    if not (located.path / MANIFEST_NAME).is_file():
        questions = plain_questions(located.path)
        return TemplateAtHand(located.path, located.origin, questions, given=source)
    manifest = load_manifest(located.path)
    requires = {option.key: option.requires for option in manifest.options if option.requires}
    questions = manifest_questions(manifest)
    return TemplateAtHand(located.path, located.origin, questions, requires, source)
