"""The two renders an update compares, as each kind of template source provides them.

A kind of source (a built-in template, a git repository, a local directory) turns the
record and the user's request into ``Sides``: the base (the record's own render), the
target (the template as it is now, or at ``--checkout``, with the new answers) and, when
both are known to be one render, the record's text, so that nothing is rendered at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from stackwise.answers.sources import RawAnswers
    from stackwise.template.at_hand import TemplateAtHand

#: Renders under a scratch directory and returns where the project's files are.
Renderer = Callable[[Path], Path]
BASE_REF_HINT = (
    "pass --base-ref GITREF, a commit of the project that holds its generation unchanged "
    "(the first commit, usually)"
)


class Asker(Protocol):
    """Asks, at a terminal, only the questions that are new in the template."""

    def new_options(self, raw: RawAnswers, keys: tuple[str, ...]) -> None:
        """A built-in template's new options, put in ``raw``."""

    def template(self, template: TemplateAtHand, answers: dict[str, Any]) -> None:
        """A ``--template``'s questions that ``answers`` does not hold, put in it."""


class Request(NamedTuple):
    """What the user asked of an update: answers to change, a ref, trust in hooks."""

    file: str | None = None
    sets: tuple[str, ...] = ()
    ask: Asker | None = None
    #: ``--checkout REF``: the target is the template at REF, not at the record's ref.
    checkout: str | None = None
    #: ``--trust``: the template's hooks may run.
    trust: bool = False


class Sides(NamedTuple):
    base: Renderer
    #: Renders the target, its ``.stackwise.json`` included.
    target: Renderer
    #: Options the record did not hold (new in the template), in the template's order.
    new_keys: tuple[str, ...]
    #: The record's text when base and target are one render; ``None`` otherwise.
    same: str | None = None
