"""The README says what is true: its test command is what CI runs, its rules table the rules."""

from __future__ import annotations

import os
import re
from pathlib import Path

from stackwise.recommend.rules import load_rules
from support.cli import command_args, run_stackwise
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


SAMPLE_DIR = "/home/me/projects"


def test_the_readme_sample_session_is_what_its_command_prints(tmp_path: Path) -> None:
    """The sample's last line is the command; run, it prints the sample (paths aside)."""
    block = README.split("<!-- sample-session:begin -->\n```text\n", 1)[1].split("\n```", 1)[0]
    command = block.splitlines()[-1].strip()
    out = tmp_path / "projects"

    # The sample gives pip's next steps: those of a machine without uv.
    without_uv = [d for d in os.environ["PATH"].split(os.pathsep) if not Path(d, "uv").exists()]
    done = run_stackwise(
        command_args(command, out), tmp_path, extra_env={"PATH": os.pathsep.join(without_uv)}
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.replace(str(out), SAMPLE_DIR) == block + "\n", (
        "regenerate the README's sample session from this output:\n" + done.stdout
    )
