"""At a terminal, update asks only the options the record does not hold (new in the
template), and nothing else; tmux runs it, the test types and reads."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import STACKWISE
from support.projects import commit_all, committed
from support.terminal import Terminal, terminal

__all__ = ["terminal"]  # the fixture


def test_only_the_new_options_are_asked(terminal: Terminal, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    record = json.loads((project / ".stackwise.json").read_text())
    del record["ci"]  # as a template without the option recorded it
    (project / ".stackwise.json").write_text(json.dumps(record, indent=2) + "\n")
    commit_all(project)

    terminal.start(["env", "TERM=dumb", str(STACKWISE), "update", str(project)])
    terminal.answer("Continuous integration (github, gitlab, none) [github]:", "gitlab")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen
    before_question = screen.split("Continuous integration")[0]
    assert before_question.rstrip().endswith("The template has new options:")
    assert "  added            .gitlab-ci.yml" in screen
    assert json.loads((project / ".stackwise.json").read_text())["ci"] == "gitlab"
