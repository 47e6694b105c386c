"""The errors stackwise raises for a user to read.

The library never prints or exits; the CLI maps these to one line on stderr and an exit
status, in one place. Anything that is not a ``StackwiseError`` is a bug and keeps its
traceback.
"""

from __future__ import annotations

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

    exit_code = 1


class UsageProblem(StackwiseError):
    """The input was wrong: an unknown key, a value outside its choices, a bad combination."""

    exit_code = 2


class AnswersFileError(UsageProblem):
    """An answers file that cannot be read or does not follow the answers schema."""


class RulesError(StackwiseError):
    """A selection-rules file that does not follow the rules schema."""


class TemplateError(StackwiseError):
    """A template that is missing, malformed, or failed while rendering."""


class TargetExistsError(StackwiseError):
    """The project directory exists and is not empty; nothing was touched."""


class WriteError(StackwiseError):
    """The project could not be written: no permission, a full disk, a file in the way."""
