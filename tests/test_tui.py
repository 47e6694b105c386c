"""The arrow-key lists in a real terminal: tmux runs ``stackwise new``, the test presses keys.

tmux's own terminal type can move the cursor, so stackwise shows its lists there; the plain
prompts under ``TERM=dumb`` are tested in ``test_interactive.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from support.cli import STACKWISE, command_args, tree
from support.terminal import Terminal, terminal

__all__ = ["terminal"]  # the fixture

LISTS = [str(STACKWISE)]


def last_command(screen: str) -> str:
    lines = screen.splitlines()
    return lines[lines.index("The same project without questions:") + 1].strip()


def test_arrow_keys_space_and_the_summary_make_the_project_the_command_makes(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.start([*LISTS, "new", "-o", "out"])

    terminal.wait_for("? What are you building? (arrow keys; type to filter; Enter to choose)")
    terminal.wait_for("Description: No answer: no rule fires for it.")
    terminal.keys("Down", "Down", "Down")
    terminal.wait_for("Description: A full-featured web application with user auth and admin.")
    terminal.keys("Enter")
    terminal.wait_for("? What does it need? (arrow keys; space to tick; Enter to accept)")
    terminal.keys("Down", "Space", "Down", "Down", "Space", "Enter")
    terminal.wait_for("? What does it need? done (2 selections)")
    terminal.wait_for("? How large will it grow?")
    terminal.keys("Enter")
    terminal.wait_for("? How experienced is the team")
    terminal.keys("Enter")
    terminal.wait_for("? What matters most?")
    terminal.keys("Enter")
    terminal.wait_for("Reasons for Django:")
    terminal.wait_for("» Django (9, recommended)")
    terminal.keys("Down", "Enter")
    terminal.wait_for("Note: the rules preferred Django (9 to 1)")
    terminal.answer("? Project name", "Shop")
    terminal.wait_for("User accounts and login: yes")
    terminal.wait_for("» Create it")
    terminal.keys("Down", "Enter")
    terminal.wait_for("? Change which option?")
    terminal.tmux("send-keys", "-t", "t", "-l", "Databa")
    terminal.keys("Enter")
    terminal.wait_for("? Database (arrow keys")
    terminal.keys("Down", "Enter")
    terminal.wait_for("  Database: postgresql")
    terminal.wait_for("» Create it")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen, screen
    assert "Traceback" not in screen
    project = tmp_path / "out" / "shop"
    files = tree(project)
    assert f"Created Flask project 'Shop': {len(files)} files in out/shop" in screen
    command = last_command(screen)
    assert command == (
        "stackwise new --no-input --building web-app --need admin --need html "
        "--framework flask --name Shop --set database=postgresql -o out"
    )
    again = CliRunner().invoke(main, command_args(command, tmp_path / "again"))
    assert again.exit_code == 0, again.stderr
    assert tree(tmp_path / "again" / "shop") == files


@pytest.mark.parametrize("at", ["the first list", "the summary"])
def test_ctrl_c_at_a_list_or_the_summary_leaves_nothing(
    terminal: Terminal, tmp_path: Path, at: str
) -> None:
    args = [*LISTS, "new", "-o", "out", "--building", "small-api", "--need", "database"]
    if at == "the summary":
        args += ["--size", "small", "--experience", "beginner", "--priority", "control"]
        args += ["--framework", "flask", "--name", "Shop"]
    terminal.start(args)

    terminal.wait_for("» Create it" if at == "the summary" else "? How large will it grow?")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")

    assert "Interrupted; no partial project was left behind." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen
    assert not (tmp_path / "out").exists()


def test_cancel_at_the_summary_writes_nothing(terminal: Terminal, tmp_path: Path) -> None:
    terminal.start([*LISTS, "new", "-o", "other", "--building", "small-api", "--size", "small"])
    terminal.wait_for("? What does it need?")
    terminal.keys("Enter")
    for question in ("How experienced", "What matters most?", "? Framework"):
        terminal.wait_for(question)
        terminal.keys("Enter")
    terminal.answer("? Project name", "Shop")
    terminal.wait_for("» Create it")
    terminal.keys("Down", "Down", "Enter")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=130" in screen
    assert not (tmp_path / "other").exists()


def test_a_typed_name_whose_directory_exists_is_refused_as_it_is_typed(
    terminal: Terminal, tmp_path: Path
) -> None:
    (tmp_path / "out" / "shop").mkdir(parents=True)
    (tmp_path / "out" / "shop" / "mine.txt").write_text("mine")
    args = ["--building", "small-api", "--size", "small", "--experience", "beginner"]
    terminal.start([*LISTS, "new", "-o", "out", *args, "--priority", "control", "--need", "auth"])

    terminal.wait_for("» Flask (")
    terminal.keys("Enter")
    terminal.tmux("send-keys", "-t", "t", "-l", "Shop")
    terminal.wait_for("out/shop already exists; choose another name")
    terminal.tmux("send-keys", "-t", "t", "-l", " Two")
    terminal.keys("Enter")
    terminal.wait_for("» Create it")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen, screen
    assert (tmp_path / "out" / "shop" / "mine.txt").read_text() == "mine"
    assert (tmp_path / "out" / "shop_two" / ".stackwise.json").is_file()


@pytest.mark.parametrize(
    "command",
    [[*LISTS, "new", "--plain"], ["env", "STACKWISE_PLAIN=1", *LISTS, "new"]],
    ids=["--plain", "STACKWISE_PLAIN=1"],
)
def test_plain_flag_and_variable_keep_the_plain_prompts(
    terminal: Terminal, command: list[str]
) -> None:
    terminal.start([*command, "-o", "out"])

    screen = terminal.wait_for("What are you building? (small-api, async-api, web-app, realtime,")

    assert "arrow keys" not in screen
