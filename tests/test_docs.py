"""The README says what is true: its test command is what CI runs, its rules table the rules."""

from __future__ import annotations

import re

from stackwise.rules import load_rules
from support.docs import rules_table
from support.starters import REPO

README = (REPO / "README.md").read_text("utf-8")


def _commands_under(heading: str) -> list[str]:
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.S)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    [command] = _commands_under("Run the tests")
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()

    assert command in ci


def test_the_readme_install_command_generates_on_the_defaults() -> None:
    [command] = _commands_under("Install and generate a starter")

    assert "pip install ." in command
    assert "stackwise new --no-input" in command
    assert "--set" not in command


def test_the_readme_rules_table_is_the_rules_file() -> None:
    expected = rules_table(load_rules())

    assert expected in README, f"regenerate the README table:\n{expected}"
