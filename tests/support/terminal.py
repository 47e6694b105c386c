"""A real terminal for the tests: tmux runs one command, the test types keys and reads.

Every wait is bounded, and the tmux server (on a private socket) is killed at the end, so a
stuck prompt fails the test instead of hanging it. tmux must be installed (``.ci/run``
installs it); without it these tests fail rather than skip.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import cli_env

WAIT = 30.0


class Terminal:
    """One tmux session running one command, on a socket of its own."""

    def __init__(self, socket: Path, cwd: Path) -> None:
        self.socket = socket
        self.cwd = cwd

    def tmux(self, *args: str) -> str:
        tmux = shutil.which("tmux")
        assert tmux is not None, "tmux is not installed (apt-get install tmux)"
        done = subprocess.run(
            [tmux, "-S", str(self.socket), "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=WAIT,
            env=cli_env({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}),
            cwd=self.cwd,
            check=True,
        )
        return done.stdout

    def start(self, command: list[str]) -> None:
        shell = f"{shlex.join(command)}; echo EXIT=$?; sleep {int(WAIT * 4)}"
        self.tmux("new-session", "-d", "-s", "t", "-x", "200", "-y", "50", shell)

    def screen(self) -> str:
        """Everything the terminal has shown, wrapped lines joined."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "t")

    def wait_for(self, text: str, count: int = 1) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            screen = self.screen()
            if screen.count(text) >= count:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {WAIT} s for {text!r} (x{count}); the screen:\n{screen}")
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        """Press keys by tmux's names (``Down``, ``Space``, ``Enter``, ``C-c``), one by one."""
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.05)

    def answer(self, prompt: str, typed: str, count: int = 1) -> None:
        """Wait for the ``count``-th appearance of ``prompt``, then type a line."""
        self.wait_for(prompt, count)
        if typed:
            self.tmux("send-keys", "-t", "t", "-l", typed)
        self.tmux("send-keys", "-t", "t", "Enter")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    # A socket of its own, in a short directory (socket paths are limited to ~100 bytes).
    with tempfile.TemporaryDirectory(prefix="sw-tmux-") as sockets:
        term = Terminal(Path(sockets) / "s", tmp_path)
        try:
            yield term
        finally:
            subprocess.run(
                ["tmux", "-S", str(term.socket), "kill-server"], capture_output=True, timeout=WAIT
            )
