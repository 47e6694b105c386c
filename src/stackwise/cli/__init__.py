"""The ``stackwise`` command: Click commands over ``stackwise.api``, prompts and reports."""

from stackwise.cli.commands import main

__all__ = ["main"]
