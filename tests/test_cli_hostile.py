"""What a fuzzed and hostile pass found: odd answers files, signals, closed streams, limits.

The signal tests send real signals to a real ``stackwise`` process while a template's hook
runs; the hook records where it ran, so the tests also see that it ran in a process group of
its own and left nothing in ``$TMPDIR``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from support.cli import STACKWISE, cli_env, run_stackwise
from support.hooks import hooked_templates, start_stackwise, wait_for_file


def test_a_json_answers_file_indented_with_tabs_is_read_as_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{\n\t"building": "small-api",\n\t"version": 1.10\n}\n', "utf-8")

    result = runner.invoke(
        main, ["new", "--answers", str(answers), "--no-input", "--dry-run", "--json"]
    )

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["framework"], data["answers"]["version"]) == ("flask", "1.10")


def test_a_json_answers_file_that_is_not_json_names_the_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{\n\t"building": "small-api",\n}\n', "utf-8")

    result = runner.invoke(main, ["recommend", "--answers", str(answers)])

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: answers file {answers} is not valid JSON (line 3: Expecting property name "
        "enclosed in double quotes)\n"
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "lists.yaml",
            "building: " + "[" * 600 + "]" * 600 + "\n",
            "answers file {path} is nested too deeply (answers are a flat mapping)",
        ),
        (
            "lists.yaml",
            "[" * 600 + "]" * 600 + "\n",
            "answers file {path} must hold a mapping of keys to answers",
        ),
        (
            "objects.json",
            '{"building": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}",
            "{path}: wrong type for building: a mapping (expected one of small-api, "
            "async-api, web-app, realtime, learning, prototype)",
        ),
        (
            "objects.json",
            '{"a": ' * 5000 + "1" + "}" * 5000,
            "answers file {path} is nested too deeply (answers are a flat mapping)",
        ),
    ],
)
def test_a_deeply_nested_answers_file_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")

    result = runner.invoke(
        main, ["new", "--no-input", "--answers", str(path), "-o", str(tmp_path / "o")]
    )

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {message.format(path=path)}\n"
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("field", ["project_name", "description", "author_name", "author_email"])
@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe"])
def test_non_characters_in_free_text_are_refused_naming_the_field(
    runner: CliRunner, tmp_path: Path, field: str, char: str
) -> None:
    value = f"a{char}@example.com" if field == "author_email" else f"Shop {char}"

    result = runner.invoke(
        main, ["new", "--no-input", "--set", f"{field}={value}", "-o", str(tmp_path)]
    )

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: invalid value for {field}: it contains a non-character (U+{ord(char):04X}); "
        "use one line of printable text\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_white_space_around_any_value_is_removed_from_every_source(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("license: ' Apache-2.0 '\nbuilding: ' small-api'\n", "utf-8")
    sets = ["project_slug= shop", "database= sqlite", "version= 1.0 ", "docker=no "]
    args = ["new", "--no-input", "--answers", str(answers), "--dry-run", "--json"]

    result = runner.invoke(main, [*args, *(w for s in sets for w in ("--set", s))])

    assert result.exit_code == 0, result.stderr
    answers_given = json.loads(result.stdout)["answers"]
    assert {k: answers_given[k] for k in ("building", "project_slug", "database", "version")} == {
        "building": "small-api",
        "project_slug": "shop",
        "database": "sqlite",
        "version": "1.0",
    }
    assert (answers_given["license"], answers_given["docker"]) == ("Apache-2.0", "no")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--set", "project_slug=" + "a" * 300],
            "invalid value for project_slug: 300 characters (at most 80)",
        ),
        (
            ["--name", "ß" * 80],
            "invalid value for project_slug: 160 characters (at most 80); pass --set "
            "project_slug=NAME",
        ),
        (
            ["--set", "database=" + "x" * 100_000],
            "invalid value for database: '" + "x" * 60 + "'... (100000 characters) (allowed: "
            "sqlite, postgresql, none)",
        ),
        (
            ["--set", "x" * 100_000],
            "--set expects KEY=VALUE, got '" + "x" * 60 + "'... (100000 characters)",
        ),
    ],
)
def test_long_values_are_limited_and_shortened_in_the_message(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["new", "--no-input", *args, "-o", str(tmp_path)])

    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_on_failure_only_the_error_is_printed_not_the_override_note(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "mine.txt").write_text("mine")
    args = ["new", "--no-input", "--building", "web-app", "--framework", "flask", "--name", "Shop"]

    result = runner.invoke(main, [*args, "-o", str(tmp_path)])

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {tmp_path / 'shop'} already exists and is not empty; nothing was changed\n"
    )


def complete_zsh(runner: CliRunner, words: str) -> list[str]:
    """What Click's zsh completion offers after ``words`` (values only)."""
    env = {
        "_STACKWISE_COMPLETE": "zsh_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = runner.invoke(main, [], env=env, prog_name="stackwise")
    lines = result.stdout.splitlines()
    return [lines[i + 1] for i in range(0, len(lines), 3) if lines[i] == "plain"]


def test_completion_after_set_offers_the_keys_then_their_choices(runner: CliRunner) -> None:
    assert complete_zsh(runner, "stackwise new --set data") == ["database="]
    assert complete_zsh(runner, "stackwise new --set a") == [
        "author_name=",
        "author_email=",
        "auth=",
        "admin=",
        "api_docs=",
    ]
    assert complete_zsh(runner, "stackwise new --set database=") == [
        "database=sqlite",
        "database=postgresql",
        "database=none",
    ]
    assert complete_zsh(runner, "stackwise new --set ci=g") == ["ci=github", "ci=gitlab"]
    assert complete_zsh(runner, "stackwise new --set project_name=") == []


# --- Real processes: closed streams, signals, temporary files ----------------------------


def test_with_standard_output_closed_the_project_is_generated(tmp_path: Path) -> None:
    for closed in (">&-", "2>&-"):
        out = tmp_path / closed.strip("&->") / "out"
        command = f"{STACKWISE} new --no-input --name Shop -o {out} {closed}"
        done = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=cli_env(), timeout=60
        )

        assert done.returncode == 0, (closed, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout
        assert (out / "shop" / ".stackwise.json").is_file()


def test_nothing_is_left_in_tmpdir_by_a_run_or_a_dry_run(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch)}
    for extra in (["--dry-run"], []):
        done = run_stackwise(
            ["new", "--no-input", "--name", "Shop", *extra], tmp_path, extra_env=env
        )
        assert done.returncode == 0, done.stderr

    assert os.listdir(scratch) == []


HOOK = """\
import os, pathlib, time
# Written aside, then renamed: the test reads the marker as soon as it exists.
pathlib.Path({marker!r} + ".part").write_text(f"{{os.getpid()}} {{os.getpgrp()}}")
os.replace({marker!r} + ".part", {marker!r})
time.sleep(60)
"""


@pytest.mark.parametrize(("sig", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP")])
def test_sigterm_and_sighup_during_generation_leave_nothing(
    tmp_path: Path, sig: signal.Signals, name: str
) -> None:
    """As ``timeout`` or a cancelled CI job does: the signal goes to stackwise alone."""
    marker = tmp_path / "hook-started"
    root = hooked_templates(tmp_path, HOOK.format(marker=str(marker)))
    out, scratch = tmp_path / "out" / "deeper", tmp_path / "tmp"
    scratch.mkdir()
    args = ["new", "--no-input", "--framework", "flask", "-o", str(out)]
    with start_stackwise(root, args, {"TMPDIR": str(scratch)}) as process:
        try:
            wait_for_file(marker, process)
            hook_pid, hook_group = map(int, marker.read_text().split())
            os.kill(process.pid, sig)
            stdout, stderr = process.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    assert (process.returncode, stdout) == (128 + sig, "")
    assert stderr == f"Stopped by {name}; no partial project was left behind.\n"
    assert not (tmp_path / "out").exists()
    assert os.listdir(scratch) == []
    # The hook ran in a process group of its own, and stackwise stopped it.
    assert hook_group == hook_pid != process.pid
    with pytest.raises(ProcessLookupError):
        os.kill(hook_pid, 0)
