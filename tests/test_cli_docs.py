"""The README's command-line examples work as written: answers file, workflow, completion."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from stackwise.cli.group import EXIT_INTERRUPTED
from support.cli import run_stackwise
from support.files import _tool
from support.starters import REPO

README = (REPO / "README.md").read_text("utf-8")


def section(heading: str) -> str:
    return README.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)\n```", text, re.S)


def test_the_example_answers_file_makes_the_project_it_describes(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers_text = blocks(section("## Use in CI"), "yaml")[0]
    answers = tmp_path / "stackwise-answers.yaml"
    answers.write_text(answers_text, encoding="utf-8")

    args = ["new", "--no-input", "--dry-run", "--json", "--answers", str(answers)]
    result = runner.invoke(main, [*args, "-o", str(tmp_path)])

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["framework"] == "fastapi"
    assert data["answers"]["project_name"] == "Orders Service"
    assert data["answers"]["description"] == (
        "Takes orders: validates them, stores them, answers #1 questions"
    )
    assert (data["answers"]["version"], data["answers"]["python_version"]) == ("1.0.0", "3.12")
    assert (data["answers"]["database"], data["answers"]["docker"]) == ("postgresql", "yes")
    assert list(tmp_path.iterdir()) == [answers]


def test_the_example_workflow_is_a_valid_github_workflow_running_a_valid_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    workflow_text = blocks(section("## Use in CI"), "yaml")[1]
    workflow = tmp_path / "starter.yml"
    workflow.write_text(workflow_text, encoding="utf-8")
    (tmp_path / "stackwise-answers.yaml").write_text(
        blocks(section("## Use in CI"), "yaml")[0], encoding="utf-8"
    )

    check = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run([*check, str(workflow)], capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stdout + done.stderr
    [line] = [line for line in workflow_text.splitlines() if "stackwise new" in line]
    words = shlex.split(line.split(">")[0])
    assert words[:2] == ["stackwise", "new"]
    answers_at = words.index("--answers") + 1
    words[answers_at] = str(tmp_path / words[answers_at])
    words[words.index("-o") + 1] = str(tmp_path / "build")
    result = runner.invoke(main, [*words[1:], "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["project_dir"] == str(tmp_path / "build" / "orders_service")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_lines_name_a_script_stackwise_prints(shell: str, tmp_path: Path) -> None:
    lines = blocks(section("## Shell completion"), "sh")[0].splitlines()
    [line] = [line for line in lines if f"={shell}_source " in line]

    done = run_stackwise([], tmp_path, extra_env={"_STACKWISE_COMPLETE": f"{shell}_source"})

    assert "_STACKWISE_COMPLETE" in line
    assert done.returncode == 0, done.stderr
    assert "_STACKWISE_COMPLETE" in done.stdout


def test_every_option_and_exit_status_is_documented() -> None:
    for command in main.commands.values():
        for param in command.params:
            for flag in param.opts:
                if flag.startswith("--") and flag != "--help":
                    assert re.search(rf"(?<![\w-]){flag}(?![\w-])", README), flag
    statuses = section("### Exit status")
    for status in (0, 1, 2, EXIT_INTERRUPTED):
        assert f"\n| {status} | " in statuses
