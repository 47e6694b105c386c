"""Completion in a real bash: tmux runs an interactive bash with stackwise's completion."""

from __future__ import annotations

import pytest

from support.cli import STACKWISE
from support.terminal import Terminal, terminal

__all__ = ["terminal"]  # the fixture


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        ("stackwise new --set databa", "stackwise new --set database="),
        ("stackwise new --set database=sq", "stackwise new --set database=sqlite "),
        ("stackwise new --set ci=gitl", "stackwise new --set ci=gitlab "),
        ("stackwise new --set docker=no --set lic", "stackwise new --set docker=no --set license="),
        ("stackwise new --framework fa", "stackwise new --framework fastapi "),
    ],
)
def test_bash_completes_set_keys_then_their_choices(
    terminal: Terminal, typed: str, completed: str
) -> None:
    path = f"PATH={STACKWISE.parent}:/usr/bin:/bin"
    terminal.start(["env", path, "PS1=> ", "bash", "--norc", "--noprofile", "-i"])
    terminal.wait_for("> ")
    source = 'eval "$(_STACKWISE_COMPLETE=bash_source stackwise)"'
    terminal.tmux("send-keys", "-t", "t", "-l", source)
    terminal.keys("Enter")
    terminal.wait_for("> ", count=2)
    terminal.tmux("send-keys", "-t", "t", "-l", typed)
    terminal.keys("Tab")

    screen = terminal.wait_for(completed.rstrip())

    last = [line for line in screen.splitlines() if line.startswith("> ")][-1]
    assert last == f"> {completed}".rstrip() or last == f"> {completed}", screen
