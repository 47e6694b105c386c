"""The errors stackwise raises for a user to read.

Each error carries its exit status (1: the task failed; 2: the input was wrong) and, where
there is one, the answer key it concerns. The library never prints or exits; each interface
maps errors in one place (the CLI to one line on stderr and the error's exit status).
Anything that is not a ``StackwiseError`` is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

#: The most of a user's value a message repeats: enough to recognise it, never a screenful.
SHOWN_LIMIT = 60


def shown(value: object) -> str:
    """``repr(value)`` for a message, shortened with an ellipsis when the value is long."""
    if isinstance(value, str) and len(value) > SHOWN_LIMIT:
        return f"{value[:SHOWN_LIMIT]!r}... ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= SHOWN_LIMIT else f"{text[:SHOWN_LIMIT]}..."


class StackwiseError(Exception):
    """A failure a user can act on; ``str(error)`` is the whole message."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        #: The answer key the error concerns (``database``, ``project_slug``), if any.
        self.key = key


class UsageProblem(StackwiseError):
    """The input was wrong: an unknown key, a value outside its choices, a bad combination."""

    exit_code: ClassVar[int] = 2


class Problems(UsageProblem):
    """Every problem found in a set of answers, each with its key, in the order found.

    A web form shows them all; a terminal shows the first, which is this error's message.
    """

    def __init__(self, problems: Sequence[UsageProblem]) -> None:
        first = problems[0]
        super().__init__(str(first), first.key)
        self.problems: tuple[UsageProblem, ...] = tuple(
            item for problem in problems for item in flatten(problem)
        )


def flatten(problem: UsageProblem) -> tuple[UsageProblem, ...]:
    return problem.problems if isinstance(problem, Problems) else (problem,)


class Collector:
    """Gathers usage problems instead of stopping at the first, then raises them together."""

    def __init__(self) -> None:
        self.problems: list[UsageProblem] = []

    def add(self, problem: UsageProblem) -> None:
        self.problems.extend(flatten(problem))

    def raise_any(self) -> None:
        if self.problems:
            raise Problems(self.problems)


class AnswersFileError(UsageProblem):
    """An answers file that cannot be read or does not follow the answers schema."""


class RulesError(StackwiseError):
    """A selection-rules file that does not follow the rules schema."""


class RulesFileError(RulesError, UsageProblem):
    """A rules file the user gave (an organisation's, ``--rules FILE``) that cannot be used:
    their input, so a usage error, where a defect of the shipped file is a failure."""


class TemplateError(StackwiseError):
    """A template that is missing, malformed, or failed while rendering."""


class TargetExistsError(StackwiseError):
    """The project directory exists and is not empty; nothing was touched."""


class Refused(UsageProblem):
    """An update that cannot run as asked (not a project, a dirty tree, no base); nothing
    was changed."""


class WriteError(StackwiseError):
    """The project could not be written: no permission, a full disk, a file in the way."""


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in the operating system's words ("File too large")."""
    return exc.strerror or str(exc) or type(exc).__name__


class LockError(StackwiseError):
    """``--lock`` could not make ``uv.lock``: no uv, or uv could not resolve (no index)."""
