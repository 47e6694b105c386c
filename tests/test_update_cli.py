"""stackwise update, check and diff on real projects in real git repositories."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_json_output import one_object, validate

from stackwise.cli.commands import main
from stackwise.template import registry
from stackwise.template.registry import templates_root
from support.cli import STACKWISE, cli_env
from support.projects import commit_all, committed, files, git, state
from support.starters import bake

ENV_LINE = "# Debug mode: the reloader and the debugger.\n"


def update(runner: CliRunner, project: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["update", str(project), "--no-input", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("framework", "sets"),
    [
        ("flask", {"auth": "yes"}),
        ("flask", {"docker": "no", "ci": "gitlab"}),
        ("fastapi", {"auth": "yes", "admin": "yes"}),
        ("django", {"html": "yes", "license": "Apache-2.0"}),
    ],
)
def test_an_unmodified_project_updated_is_a_fresh_new_byte_for_byte(
    runner: CliRunner, tmp_path: Path, framework: str, sets: dict[str, str]
) -> None:
    project = committed(framework, {}, tmp_path / "old")
    args = [word for key, value in sets.items() for word in ("--set", f"{key}={value}")]

    code, out, err = update(runner, project, *args)

    assert (code, err) == (0, "")
    assert out.startswith(f"Updated {project}: ")
    fresh = bake(framework, sets, tmp_path / "fresh").project_dir
    assert files(project) == files(fresh)


def test_an_update_right_after_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    assert update(runner, project, "--set", "auth=yes")[0] == 0
    before = state(project)

    assert update(runner, project) == (0, f"{project}: up to date; nothing to change.\n", "")
    commit_all(project)
    assert update(runner, project)[:2] == (0, f"{project}: up to date; nothing to change.\n")
    assert state(project)[0] == before[0]


def test_a_clean_merge_keeps_both_sides(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path / "p")
    env = project / ".env.example"
    env.write_text(env.read_text() + "OUR_SETTING=1\n")
    commit_all(project)

    code, out, _ = update(runner, project, "--set", "auth=yes")

    assert code == 0
    assert "  merged           .env.example\n" in out
    fresh = bake("flask", {"auth": "yes"}, tmp_path / "fresh").project_dir
    assert env.read_text() == (fresh / ".env.example").read_text() + "OUR_SETTING=1\n"


def test_a_conflict_leaves_diff3_markers_unmerged_entries_and_exit_1(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = committed("flask", {}, tmp_path)
    env = project / ".env.example"
    env.write_text(env.read_text().replace(ENV_LINE, "# Debug mode: ours.\n"))
    commit_all(project)

    code, out, err = update(runner, project, "--set", "auth=yes")

    assert (code, err) == (1, "")
    assert out.splitlines()[:4] == [
        f"Updated {project}: 22 files, 1 with conflicts.",
        "  answer auth: no -> yes",
        "  conflict         .env.example",
        "  updated          README.md",
    ]
    assert out.endswith(
        "Resolve each conflict (git status lists them, git mergetool helps), "
        "then git add the files and commit.\n"
    )
    text = env.read_text()
    assert (
        "<<<<<<< project\n# Debug mode: ours.\n||||||| base\n" + ENV_LINE + "=======\n"
        "# Debug mode: the reloader and the debugger, and a random SECRET_KEY"
    ) in text
    unmerged = git(project, "ls-files", "-u").splitlines()
    assert [line.split()[2:] for line in unmerged] == [
        ["1", ".env.example"],
        ["2", ".env.example"],
        ["3", ".env.example"],
    ]
    assert "UU .env.example" in git(project, "status", "--porcelain")
    assert "A  flask_app/auth.py" not in git(project, "status", "--porcelain")


def test_a_file_the_user_deleted_stays_deleted(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    (project / "tests" / "test_config.py").unlink()
    commit_all(project)

    code, out, _ = update(runner, project, "--set", "auth=yes")

    assert code == 0
    assert "  deleted          tests/test_config.py\n" in out
    assert not (project / "tests" / "test_config.py").exists()


def test_turning_an_option_off_removes_only_the_files_it_owned_that_are_unmodified(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = committed("flask", {"auth": "yes"}, tmp_path)
    auth = project / "demo_app" / "auth.py"
    auth.write_text(auth.read_text() + "# ours\n")
    commit_all(project)

    code, out, _ = update(runner, project, "--set", "auth=no")

    assert code == 1
    assert "  removed-conflict demo_app/auth.py\n" in out
    assert "  removed          demo_app/tokens.py\n" in out
    assert auth.read_text().endswith("# ours\n")
    assert not (project / "demo_app" / "tokens.py").exists()
    assert "UD demo_app/auth.py" in git(project, "status", "--porcelain")


def refuse_dirty(project: Path) -> None:
    (project / "README.md").write_text("changed\n")


def refuse_staged(project: Path) -> None:
    (project / "extra.txt").write_text("new\n")
    git(project, "add", "extra.txt")


def refuse_untracked_in_the_way(project: Path) -> None:
    (project / "demo_app" / "auth.py").write_text("mine\n")


def refuse_a_link_in_the_way(project: Path) -> None:
    (project / "demo_app" / "auth.py").symlink_to("../NOTES.md")
    (project / "NOTES.md").write_text("ours\n")
    commit_all(project)


def refuse_not_a_project(project: Path) -> None:
    (project / ".stackwise.json").unlink()
    commit_all(project)


def refuse_a_downgrade(project: Path) -> None:
    record = json.loads((project / ".stackwise.json").read_text())
    record["_stackwise"]["version"] = "99.0"
    (project / ".stackwise.json").write_text(json.dumps(record))
    commit_all(project)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            refuse_dirty,
            "Error: tracked files are modified or staged: README.md; "
            "commit or stash them, then update\n",
        ),
        (
            refuse_staged,
            "Error: tracked files are modified or staged: extra.txt; "
            "commit or stash them, then update\n",
        ),
        (
            refuse_untracked_in_the_way,
            "Error: the update would write over untracked files: demo_app/auth.py; "
            "move them away or commit them, then update\n",
        ),
        (
            refuse_a_link_in_the_way,
            "Error: the update would replace symbolic links: demo_app/auth.py; "
            "replace them with files (or remove them), commit, then update\n",
        ),
        (
            refuse_not_a_project,
            "Error: {project} is not a stackwise project (no .stackwise.json): "
            "update runs in a directory that stackwise new made\n",
        ),
        (
            refuse_a_downgrade,
            "Error: the project was made by stackwise 99.0, newer than this one (0.1.0): "
            "upgrade stackwise (pip install -U stackwise) to update it\n",
        ),
    ],
    ids=["dirty", "staged", "untracked", "symlink", "not-a-project", "downgrade"],
)
def test_a_refusal_changes_nothing(
    runner: CliRunner, tmp_path: Path, spoil: object, message: str
) -> None:
    project = committed("flask", {}, tmp_path)
    spoil(project)  # type: ignore[operator]
    before = state(project)

    code, out, err = update(runner, project, "--set", "auth=yes")

    assert (code, out, err) == (2, "", message.format(project=project))
    assert state(project) == before


def test_an_unknown_key_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    code, _, err = update(runner, project, "--set", "nope=1")
    assert code == 2
    assert err.startswith("Error: unknown key 'nope' in --set (allowed: framework, ")


def test_a_project_outside_git_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    project = bake("flask", {}, tmp_path).project_dir
    before = files(project)
    code, _, err = update(runner, project, "--set", "auth=yes")
    assert (code, err) == (
        2,
        f"Error: {project} is not in a git repository: update merges with git "
        "(git init, git add -A and git commit first)\n",
    )
    assert files(project) == before


def test_dry_run_writes_nothing_and_exits_as_the_real_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = committed("flask", {}, tmp_path)
    env = project / ".env.example"
    env.write_text(env.read_text().replace(ENV_LINE, "# Debug mode: ours.\n"))
    commit_all(project)
    before = state(project)

    code, out, _ = update(runner, project, "--set", "auth=yes", "--dry-run")

    assert code == 1
    assert out.startswith(f"Dry run: nothing was written.\nWould update {project}: 22 files, ")
    assert "  conflict         .env.example\n" in out
    assert state(project) == before
    code, out, _ = update(runner, project, "--set", "auth=yes", "--dry-run", "--json")
    data = one_object(out)
    validate("update", data)
    assert (code, data["status"], data["dry_run"], data["conflicts"]) == (
        1,
        "conflicts",
        True,
        [".env.example"],
    )
    assert state(project) == before


def test_json_gives_the_result_as_one_object(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)

    code, out, _ = update(runner, project, "--set", "auth=yes", "--json")

    data = one_object(out)
    validate("update", data)
    assert code == 0
    assert (data["status"], data["dry_run"], data["conflicts"]) == ("updated", False, [])
    assert data["changed_answers"] == {"auth": {"from": "no", "to": "yes"}}
    assert {"path": "demo_app/auth.py", "case": "added", "conflict": False, "beside": None} in data[
        "files"
    ]


def test_check_exits_1_when_an_update_would_change_the_project(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = committed("flask", {}, tmp_path)

    same = runner.invoke(main, ["check", str(project)])
    behind = runner.invoke(main, ["check", str(project), "--set", "docker=no"])

    assert (same.exit_code, same.stdout) == (0, f"{project}: up to date.\n")
    assert behind.exit_code == 1
    assert behind.stdout.splitlines()[:3] == [
        f"{project}: behind; stackwise update would change:",
        "  answer docker: yes -> no",
        "  removed          .dockerignore",
    ]


def test_diff_shows_the_project_s_own_changes(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    (project / "NOTES.md").write_text("ours\n")
    (project / "tests" / "test_config.py").unlink()
    commit_all(project)

    result = runner.invoke(main, ["diff", str(project)])

    assert result.exit_code == 0
    added, deleted = result.stdout.split("diff --stackwise a/tests/test_config.py")
    assert added == (
        "diff --stackwise a/NOTES.md b/NOTES.md\n--- /dev/null\n+++ b/NOTES.md\n"
        "@@ -0,0 +1 @@\n+ours\n"
    )
    lines = deleted.splitlines()
    assert lines[:3] == [" b/tests/test_config.py", "--- a/tests/test_config.py", "+++ /dev/null"]
    assert lines[3].startswith("@@ -1,")
    assert lines[4:]
    assert all(line.startswith("-") for line in lines[4:])


def test_an_unobtainable_base_is_refused_naming_base_ref(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    project = committed("flask", {}, tmp_path)
    record = json.loads((project / ".stackwise.json").read_text())
    record["_stackwise"]["template"]["hash"] = "sha256:" + "0" * 64
    (project / ".stackwise.json").write_text(json.dumps(record, indent=2) + "\n")
    commit_all(project)
    before = state(project)

    code, out, err = update(runner, project, "--set", "auth=yes")

    assert (code, out) == (2, "")
    assert err == (
        "Error: the base needs stackwise 0.1.0, which pip could not download "
        "(pip install stackwise==0.1.0 fetches it too): pass --base-ref GITREF, a commit of "
        "the project that holds its generation unchanged (the first commit, usually)\n"
    )
    assert state(project) == before

    code, out, _ = update(runner, project, "--set", "auth=yes", "--base-ref", "HEAD~1")
    assert code == 0
    fresh = bake("flask", {"auth": "yes"}, tmp_path / "fresh").project_dir
    assert files(project) == files(fresh)


def test_an_interrupted_update_changes_nothing(tmp_path: Path) -> None:
    project = committed("flask", {}, tmp_path)
    before = state(project)
    env_file = (project / ".env.example").read_bytes()
    process = subprocess.Popen(
        [str(STACKWISE), "update", "--no-input", "--set", "auth=yes"],
        cwd=project,
        env=cli_env({"STACKWISE_UPDATE_PAUSE": "30"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while (project / ".env.example").read_bytes() == env_file:  # the first file swapped in
        assert time.monotonic() < deadline
        assert process.poll() is None
        time.sleep(0.05)

    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)

    assert process.returncode == 128 + signal.SIGTERM
    assert (out, err) == ("", "Stopped by SIGTERM; no partial project was left behind.\n")
    assert state(project) == before
    assert not any(p.name.startswith(".stackwise-update-") for p in project.iterdir())


MIGRATION = """
[[migrations]]
version = 2
rename = { use_docker = "docker" }
drop = ["old_option"]
"""


def older_record(project: Path) -> None:
    """The record as a template that called ``docker`` ``use_docker`` would have left it."""
    record = json.loads((project / ".stackwise.json").read_text())
    record = {("use_docker" if k == "docker" else k): v for k, v in record.items()}
    (project / ".stackwise.json").write_text(json.dumps({**record, "old_option": "x"}))
    commit_all(project)


def test_a_renamed_option_of_an_older_record_is_migrated(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_root(), templates)
    with (templates / "flask" / "stackwise.toml").open("a") as manifest:
        manifest.write(MIGRATION)
    monkeypatch.setattr(registry, "templates_root", lambda: templates)
    project = committed("flask", {"docker": "no"}, tmp_path / "p")
    fresh = files(project)
    older_record(project)

    code, out, _ = update(runner, project)

    assert (code, out) == (
        0,
        f"Updated {project}: 1 file.\n"
        "  answer use_docker: no -> (none)\n"
        "  answer old_option: x -> (none)\n"
        "  answer docker: (none) -> no\n"
        "  record           .stackwise.json\n",
    )
    assert files(project) == fresh


def test_an_older_record_without_its_migration_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = committed("flask", {}, tmp_path)
    older_record(project)
    before = state(project)

    code, out, err = update(runner, project)

    assert (code, out) == (2, "")
    assert err.startswith("Error: .stackwise.json: unknown key 'use_docker' (allowed: ")
    assert state(project) == before


PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
FIRST_LINE = "# Settings for local development."


def test_binary_exec_bit_and_line_endings_through_a_real_update(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template that changes a binary, an executable bit and a line, against a project
    that changed the binary and turned a file to CRLF; the base is the first commit."""
    templates = tmp_path / "templates"
    shutil.copytree(templates_root(), templates)
    monkeypatch.setattr(registry, "templates_root", lambda: templates)
    made = templates / "flask" / "{{cookiecutter.project_slug}}"
    (made / "logo.png").write_bytes(PNG + b"\0base")
    (made / "run.sh").write_text("echo run\n")
    project = committed("flask", {}, tmp_path / "p")
    (project / "logo.png").write_bytes(PNG + b"\0ours")
    env = project / ".env.example"
    env.write_bytes(env.read_bytes().replace(b"\n", b"\r\n"))
    commit_all(project)
    (made / "logo.png").write_bytes(PNG + b"\0template")
    (made / "run.sh").chmod(0o755)
    source = made / ".env.example"
    source.write_text(source.read_text().replace(FIRST_LINE, "# Local settings."))

    code, out, _ = update(runner, project, "--base-ref", "HEAD~1")

    assert code == 1
    assert out.splitlines()[1:5] == [
        "  updated          .env.example",
        "  binary-conflict  logo.png (the template's: logo.png.stackwise-new)",
        "  updated          run.sh",
        "  record           .stackwise.json",
    ]
    assert out.endswith(
        "Each PATH.stackwise-new is the template's version: take what you want, then delete it.\n"
    )
    assert (project / "logo.png").read_bytes() == PNG + b"\0ours"
    assert (project / "logo.png.stackwise-new").read_bytes() == PNG + b"\0template"
    assert os.access(project / "run.sh", os.X_OK)
    assert env.read_bytes().startswith(b"# Local settings. Copy this file to .env")
    assert b"\r\n" in env.read_bytes()
    assert b"\n" not in env.read_bytes().replace(b"\r\n", b"")
    stages = [line.split()[2:] for line in git(project, "ls-files", "-u").splitlines()]
    assert stages == [["1", "logo.png"], ["2", "logo.png"], ["3", "logo.png"]]
    assert git(project, "ls-files", "-s", "run.sh").startswith("100755 ")


def test_an_answers_file_changes_answers_as_set_does(runner: CliRunner, tmp_path: Path) -> None:
    project = committed("fastapi", {}, tmp_path / "p")
    answers = tmp_path / "answers.yaml"
    answers.write_text("auth: yes\nci: none\n")

    code, _, err = update(runner, project, "--answers", str(answers))

    assert (code, err) == (0, "")
    fresh = bake("fastapi", {"auth": "yes", "ci": "none"}, tmp_path / "fresh").project_dir
    assert files(project) == files(fresh)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--base-ref", "no-such-ref"],
            "Error: --base-ref no-such-ref: no such commit holds the project\n",
        ),
        (
            ["--set", "framework=django"],
            "Error: framework is flask in .stackwise.json: update keeps it "
            "(make a new project with stackwise new --framework django)\n",
        ),
    ],
    ids=["bad-base-ref", "framework"],
)
def test_refused_arguments_change_nothing(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    project = committed("flask", {}, tmp_path)
    before = state(project)

    assert update(runner, project, "--set", "auth=yes", *args) == (2, "", message)
    assert state(project) == before


def test_a_project_in_a_subdirectory_of_its_repository(runner: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    project = bake("flask", {}, repo / "services").project_dir
    (repo / "OTHER.md").write_text("another part of the repository\n")
    git(repo, "init", "-q")
    env = project / ".env.example"
    env.write_text(env.read_text().replace(ENV_LINE, "# Debug mode: ours.\n"))
    commit_all(repo)

    code, out, _ = update(runner, project, "--set", "auth=yes")

    assert code == 1
    assert "  conflict         .env.example\n" in out
    stages = [line.split()[2:] for line in git(repo, "ls-files", "-u").splitlines()]
    assert stages == [[str(n), "services/demo_app/.env.example"] for n in (1, 2, 3)]
    status = git(repo, "status", "--porcelain").splitlines()
    assert "A  services/demo_app/demo_app/auth.py" in status
    assert "M  services/demo_app/README.md" in status
    assert (repo / "OTHER.md").read_text() == "another part of the repository\n"
    assert update(runner, project) == (
        2,
        "",
        "Error: conflicts are not resolved: .env.example; "
        "resolve them, git add them and commit, then update\n",
    )
    git(repo, "add", "-A")
    code, _, err = update(runner, project, "--set", "admin=yes")
    assert code == 2
    assert err.startswith(
        "Error: tracked files are modified or staged: .env.example, .stackwise.json, README.md, "
    )
