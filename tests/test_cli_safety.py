"""Through the command: regeneration byte for byte, and failures that leave nothing behind.

A template error, a real write error (a file-size limit), Ctrl-C (a real SIGINT while a
template hook runs) and an interruption between two files: each exits with its status and
one line on stderr, and the output directory is as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from stackwise.cli.group import EXIT_INTERRUPTED, INTERRUPTED
from stackwise.template import registry
from support.cli import cli_env, listing, run_stackwise, tree
from support.hooks import hooked_templates, start_stackwise, wait_for_file

VARIANTS = {
    "flask": [
        "--building",
        "small-api",
        "--need",
        "auth",
        "--need",
        "html",
        "--set",
        "database=postgresql",
        "--set",
        "ci=gitlab",
    ],
    "fastapi": [
        "--building",
        "async-api",
        "--need",
        "websockets",
        "--priority",
        "performance",
        "--set",
        "docker=no",
        "--set",
        "python_version=3.13",
    ],
    "django": [
        "--building",
        "web-app",
        "--need",
        "admin",
        "--size",
        "large",
        "--set",
        "license=Apache-2.0",
        "--set",
        "version=2.0.0rc1",
    ],
}


@pytest.mark.parametrize("framework", sorted(VARIANTS))
def test_the_record_regenerates_the_project_byte_for_byte_through_the_command(
    framework: str, tmp_path: Path
) -> None:
    first = run_stackwise(
        [
            "new",
            "--no-input",
            "--json",
            *VARIANTS[framework],
            "--framework",
            framework,
            "--name",
            'Café "Ünïcode" {{ 7*7 }} #1',
            "--set",
            "project_slug=cafe",
            "--set",
            "description=Back\\slash, 'quotes', [brackets] & {% raw %} 🚀",
            "--set",
            "author_name=Zoë O'Brien",
            "--set",
            "author_email=zoe@example.com",
            "-o",
            str(tmp_path / "one"),
        ],
        tmp_path,
    )
    assert first.returncode == 0, first.stderr
    project = Path(json.loads(first.stdout)["project_dir"])
    record = project / ".stackwise.json"

    again = run_stackwise(
        ["new", "--no-input", "--answers", str(record), "-o", str(tmp_path / "two")], tmp_path
    )

    assert again.returncode == 0, again.stderr
    assert tree(project) == tree(tmp_path / "two" / "cafe")
    recorded = json.loads(record.read_text("utf-8"))
    assert recorded["framework"] == framework
    assert recorded["project_name"] == 'Café "Ünïcode" {{ 7*7 }} #1'
    answers = {key: value for key, value in recorded.items() if key != "_stackwise"}
    assert "49" not in json.dumps(answers)


def _broken_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "templates"
    shutil.copytree(registry.templates_root() / "flask", root / "flask")
    project = root / "flask" / "{{cookiecutter.project_slug}}"
    (project / "zz_broken.py").write_text("{{ cookiecutter.no_such_key }}\n", encoding="utf-8")
    monkeypatch.setattr(registry, "templates_root", lambda: root)


def test_a_template_error_is_exit_1_one_line_and_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _broken_template(tmp_path, monkeypatch)
    out = tmp_path / "out"
    out.mkdir()

    result = runner.invoke(main, ["new", "--no-input", "--framework", "flask", "-o", str(out)])

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: template flask failed: ")
    assert "no_such_key" in result.stderr
    assert result.stderr.count("\n") == 1
    assert list(out.iterdir()) == []


def test_an_interruption_between_files_is_exit_130_and_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cookiecutter.generate

    real = cookiecutter.generate.generate_file
    calls = []

    def interrupt_on_fifth(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 5:
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cookiecutter.generate, "generate_file", interrupt_on_fifth)

    result = runner.invoke(main, ["new", "--no-input", "-o", str(tmp_path / "a" / "b")])

    assert (result.exit_code, result.stdout, result.stderr) == (
        EXIT_INTERRUPTED,
        "",
        f"{INTERRUPTED}\n",
    )
    assert len(calls) == 5
    assert list(tmp_path.iterdir()) == []


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


def test_a_real_write_error_is_exit_1_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """With files limited to 200 bytes, the first larger file fails to write (EFBIG)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("mine", encoding="utf-8")
    before = listing(out)

    done = subprocess.run(
        [str(Path(sys.executable).with_name("stackwise")), "new", "--no-input", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli_env({"PYTHONDONTWRITEBYTECODE": "1"}),
        preexec_fn=_limit_file_size,
        check=False,
    )

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Error: cannot write {out / 'my_project'}: File too large\n"
    assert listing(out) == before


HOOK = """\
import pathlib, sys, time
pathlib.Path({marker!r}).write_text("running")
try:
    time.sleep(60)
except KeyboardInterrupt:
    sys.exit(130)
"""


def _default_sigint() -> None:
    """As at a terminal: a shell without job control may have set SIGINT to ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_a_hook_runs_is_exit_130_and_leaves_nothing(tmp_path: Path) -> None:
    """A real SIGINT to stackwise and its hook, sent while the template's hook runs."""
    marker = tmp_path / "hook-started"
    root = hooked_templates(tmp_path, HOOK.format(marker=str(marker)))
    out = tmp_path / "out"
    args = ["new", "--no-input", "--framework", "flask", "-o", str(out)]
    with start_stackwise(root, args, preexec_fn=_default_sigint) as process:
        try:
            wait_for_file(marker, process)
            # Ctrl-C at a terminal signals the whole foreground process group.
            os.killpg(process.pid, signal.SIGINT)
            stdout, stderr = process.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    assert (process.returncode, stdout, stderr) == (EXIT_INTERRUPTED, "", f"{INTERRUPTED}\n")
    assert not out.exists()


def test_the_output_directory_is_not_created_when_the_input_is_wrong(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ["new", "--no-input", "--set", "auth=maybe", "-o", str(tmp_path / "new")]

    result = runner.invoke(main, args)

    assert result.exit_code == 2
    assert not (tmp_path / "new").exists()
    assert os.listdir(tmp_path) == []
