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


def test_only_the_new_questions_of_a_template_are_asked(terminal: Terminal, tmp_path: Path) -> None:
    from click.testing import CliRunner
    from test_update_template import commit, made, write_template

    from support.gitrepo import git

    repo = tmp_path / "template"
    write_template(repo)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "The template")
    project = made(CliRunner(), tmp_path / "out", repo.as_uri())
    context = json.loads((repo / "cookiecutter.json").read_text())
    (repo / "cookiecutter.json").write_text(json.dumps({**context, "licence": "MIT"}))
    (repo / "{{cookiecutter.name}}" / "LICENCE").write_text("{{ cookiecutter.licence }}\n")
    commit(repo, "A licence")

    terminal.start(["env", "TERM=dumb", str(STACKWISE), "update", str(project)])
    terminal.answer("licence [MIT]:", "Apache-2.0")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen
    before_question = screen.split("licence [MIT]")[0]
    assert before_question.rstrip().endswith("The template has new questions:")
    assert "  added            LICENCE" in screen
    assert (project / "LICENCE").read_text() == "Apache-2.0\n"
