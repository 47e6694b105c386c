"""Which template ``template check SOURCE`` means, and whether its hooks may run.

SOURCE is a built-in template's name, or what ``--template`` takes: a directory, a git
URL, an abbreviation or an alias from the config. A built-in's hooks are stackwise's own;
any other template's hooks are code from elsewhere and run only when the user trusts it
(``--trust``, or the config's trusted sources).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from stackwise.answers.vocabulary import FRAMEWORKS
from stackwise.errors import UsageProblem
from stackwise.template.at_hand import UntrustedHooks, hooks_of
from stackwise.template.registry import template_dir


class Source(NamedTuple):
    #: As the user named it.
    name: str
    path: Path
    builtin: bool
    #: Listed as trusted in the user's config.
    trusted: bool = False

    @property
    def hooks(self) -> tuple[str, ...]:
        return hooks_of(self.path)


def find_source(source: str) -> Source:
    """The built-in template of that name, or the template SOURCE names."""
    if source in FRAMEWORKS:
        return Source(source, template_dir(source), True)
    from stackwise.config import load_config
    from stackwise.template.sources import expand, locate

    config = load_config()
    alias = config.alias(source, None, None)
    located = locate(alias.source, alias.checkout, alias.directory)
    if not (located.path / "cookiecutter.json").is_file():
        raise UsageProblem(
            f"template {source}: not a built-in template ({', '.join(FRAMEWORKS)}) "
            "nor a template holding a cookiecutter.json",
            "template",
        )
    trusted = config.trusts(source, alias.source, expand(alias.source))
    return Source(source, located.path, False, trusted)


def refuse_untrusted(source: Source, trusted: bool) -> None:
    """Hooks are code: a template's run only when its user said to trust it. A
    ``pre_prompt`` hook would change the template before its questions are read, which a
    render without prompts cannot follow."""
    if source.hooks and not source.builtin and not (trusted or source.trusted):
        raise UntrustedHooks(
            f"template {source.name} has hooks ({', '.join(source.hooks)}) that would run "
            "code on this machine: pass --trust to run them",
            "trust",
        )
    if any(name.startswith("pre_prompt") for name in source.hooks):
        raise UsageProblem(f"template {source.name}: pre_prompt hooks are not supported")
