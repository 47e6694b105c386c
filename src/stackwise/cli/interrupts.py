"""Signals and closed standard streams, so that every way a run can end leaves nothing behind.

Ctrl-C raises ``KeyboardInterrupt``; SIGTERM (what ``timeout`` and a cancelled CI job send)
and SIGHUP (a closed terminal) raise ``Terminated``. Both unwind through the same clean-up
as any failure, so the staging directory and a created output directory are removed. Once
one of these signals has arrived the others are ignored, so that a second one cannot cut
the clean-up short. A signal the caller set to be ignored (``nohup``, a background job)
stays ignored.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

HANDLED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; a ``BaseException`` so that no ``except Exception`` eats it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _raise(signum: int, _frame: FrameType | None) -> None:
    for each in HANDLED:
        if signal.getsignal(each) is _raise:
            signal.signal(each, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


@contextmanager
def signals_unwind() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into exceptions for the duration, then restore."""
    saved = {each: signal.getsignal(each) for each in HANDLED}
    try:
        for each, handler in saved.items():
            if handler is not signal.SIG_IGN:
                signal.signal(each, _raise)
    except ValueError:  # not the main thread (an embedding server): leave signals alone
        saved = {}
    try:
        yield
    finally:
        for each, handler in saved.items():
            signal.signal(each, handler)


def reopen_closed_streams() -> None:
    """Point a closed standard stream (``>&-``, ``2>&-``) at the null device.

    Python starts with ``sys.stdout`` (or ``sys.stderr``) set to ``None`` then, so the first
    print would fail; with the null device the run goes on, and its exit status still says
    how it went.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))  # noqa: SIM115
