"""The questions in a real terminal: tmux runs ``stackwise new``, the test types and reads.

The plain prompts run under ``TERM=dumb``, as a terminal without cursor control gets them;
the arrow-key lists under tmux's own terminal type.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from stackwise.cli.commands import main
from support.cli import STACKWISE, command_args, tree
from support.terminal import Terminal, terminal

__all__ = ["terminal"]  # the fixture
#: The plain prompts: what a terminal without cursor control gets.
PLAIN = ["env", "TERM=dumb", str(STACKWISE)]


def test_the_questions_in_a_real_terminal_and_the_command_they_end_with(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.start([*PLAIN, "new", "-o", "out"])

    terminal.answer("What are you building?", "game")
    terminal.wait_for("Error: invalid value for building: 'game' (allowed: small-api,")
    terminal.answer("What are you building?", "web-app", count=2)
    terminal.answer("What does it need?", "admin html")
    terminal.answer("How large will it grow?", "")
    terminal.answer("How experienced is the team", "")
    terminal.answer("What matters most?", "")
    terminal.answer("Use Django? [Y/n]:", "n")
    terminal.answer("Framework instead (flask, fastapi):", "flask")
    terminal.wait_for("Note: the rules preferred Django (9 to 1): A full-featured web")
    terminal.answer("Project name:", 'Shop "Deluxe" {{ 7*7 }}')
    terminal.answer("Change any of these? [y/N]:", "y")
    terminal.answer("Package name [shop_deluxe_7_7]:", "")
    terminal.answer("One-line description:", "Sells 'things' & {% raw %} #1")
    terminal.answer("Author name:", "Zoë")
    terminal.answer("Author e-mail:", "zoe")
    terminal.wait_for("Error: invalid value for author_email: 'zoe' (an address like")
    terminal.answer("Author e-mail:", "zoe@example.com", count=2)
    terminal.answer("Version [0.1.0]:", "")
    terminal.answer("License (MIT,", "")
    terminal.answer("Python version (3.11, 3.12, 3.13) [3.11]:", "3.12")
    terminal.answer("Database (sqlite, postgresql, none) [sqlite]:", "none")
    terminal.wait_for(
        "Error: auth=yes (from building: web-app) needs a database, but database=none"
    )
    terminal.answer("Database (sqlite, postgresql, none) [sqlite]:", "sqlite", count=2)
    terminal.answer("User accounts and login (yes, no) [yes]:", "")
    terminal.answer("Admin interface (yes, no) [yes]:", "")
    terminal.answer("OpenAPI documentation (yes, no) [no]:", "")
    terminal.answer("HTML pages (yes, no) [yes]:", "")
    terminal.answer("WebSockets (yes, no) [no]:", "")
    terminal.answer("Background tasks (none, celery) [none]:", "")
    terminal.answer("Outgoing e-mail (yes, no) [no]:", "")
    terminal.answer("Error reporting with Sentry (yes, no) [no]:", "")
    terminal.answer("Docker (yes, no) [yes]:", "n")
    terminal.answer("Continuous integration (github, gitlab, none) [github]:", "")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen, screen
    project = tmp_path / "out" / "shop_deluxe_7_7"
    files = tree(project)
    assert f"Created Flask project 'Shop \"Deluxe\" {{{{ 7*7 }}}}': {len(files)} files in out/" in (
        screen
    )
    lines = screen.splitlines()
    command = lines[lines.index("The same project without questions:") + 1].strip()
    assert command.startswith("stackwise new --no-input --building web-app --need admin")
    again = CliRunner().invoke(main, command_args(command, tmp_path / "again"))
    assert again.exit_code == 0, again.stderr
    assert tree(tmp_path / "again" / "shop_deluxe_7_7") == files
    recorded = json.loads(files[".stackwise.json"])
    assert recorded["project_name"] == 'Shop "Deluxe" {{ 7*7 }}'
    assert "49" not in json.dumps({k: v for k, v in recorded.items() if k != "_stackwise"})


def test_ctrl_c_at_a_question_stops_and_writes_nothing(terminal: Terminal, tmp_path: Path) -> None:
    terminal.start([*PLAIN, "new", "--building", "small-api", "-o", "out"])

    terminal.answer("What does it need?", "")
    terminal.answer("How large will it grow?", "")
    terminal.answer("How experienced is the team", "")
    terminal.answer("What matters most?", "")
    terminal.answer("Use Flask? [Y/n]:", "")
    terminal.wait_for("Project name:")
    terminal.tmux("send-keys", "-t", "t", "C-c")
    screen = terminal.wait_for("EXIT=")

    assert "Interrupted; no partial project was left behind." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen
    assert not (tmp_path / "out").exists()


def test_an_existing_target_is_found_as_soon_as_the_name_is_typed(
    terminal: Terminal, tmp_path: Path
) -> None:
    (tmp_path / "out" / "shop").mkdir(parents=True)
    (tmp_path / "out" / "shop" / "mine.txt").write_text("mine")
    terminal.start([*PLAIN, "new", "--building", "small-api", "-o", "out"])

    for prompt in ("What does it need?", "How large", "How experienced", "What matters most?"):
        terminal.answer(prompt, "")
    terminal.answer("Use Flask? [Y/n]:", "maybe")
    terminal.wait_for("Error: 'maybe' is not an answer: answer y or n")
    terminal.answer("Use Flask? [Y/n]:", "y", count=2)
    terminal.answer("Project name:", "Shop")
    terminal.wait_for("Error: out/shop already exists; choose another name")
    terminal.answer("Project name:", "Shop Two", count=2)
    terminal.answer("Change any of these? [y/N]:", "")
    screen = terminal.wait_for("EXIT=")

    assert "EXIT=0" in screen, screen
    assert (tmp_path / "out" / "shop" / "mine.txt").read_text() == "mine"
    assert (tmp_path / "out" / "shop_two" / ".stackwise.json").is_file()
