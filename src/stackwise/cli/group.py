"""The ``stackwise`` command group: where library errors become Click's, in one place.

Usage problems exit 2 and task failures exit 1, each as one line on stderr; Ctrl-C and the
signals that stop a run say that nothing half-made was left behind.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from stackwise.cli.interrupts import Terminated, reopen_closed_streams, signals_unwind
from stackwise.errors import StackwiseError

#: The shell's status for a program stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
INTERRUPTED = "Interrupted; no partial project was left behind."


class OneLineUsageError(click.UsageError):
    """A usage error shown as its message alone, without the usage banner."""

    def show(self, file: Any = None) -> None:
        self.ctx = None
        super().show(file)


class Failure(click.ClickException):
    """A library error as Click shows it: its message on one line, its own exit status."""

    def __init__(self, error: StackwiseError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code  # type: ignore[misc]  # Click reads it per instance


class StackwiseGroup(click.Group):
    """Maps library errors to Click's exit statuses, and keeps every usage error to one line."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run with SIGTERM and SIGHUP unwinding like Ctrl-C; exit 128 + the signal."""
        reopen_closed_streams()
        with signals_unwind():
            try:
                return super().main(*args, **kwargs)
            except Terminated as exc:
                click.echo(f"Stopped by {exc.name}; no partial project was left behind.", err=True)
                sys.exit(128 + exc.signum)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        """Tab completion; in bash, with ``--set KEY=VALUE`` put back together (bash splits
        words at ``=``). Loaded only when a shell asks for completion."""
        if any(name.endswith("_COMPLETE") for name in os.environ):
            from stackwise.cli.completion import register

            register()
        super()._main_shell_completion(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise OneLineUsageError(exc.format_message()) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StackwiseError as exc:
            raise Failure(exc) from None
        except click.UsageError as exc:
            if isinstance(exc, OneLineUsageError):
                raise
            raise OneLineUsageError(exc.format_message()) from None
        except (KeyboardInterrupt, click.Abort):
            # Ctrl-C (or Ctrl-D at a question): say so and that nothing half-made remains.
            if sys.stderr.isatty():
                click.echo("", err=True)
            click.echo(INTERRUPTED, err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
