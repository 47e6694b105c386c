"""``--template SOURCE --checkout REF --directory DIR``: directories and real git repositories.

Each repository is made by the test with ``git init``, commits, a tag and a branch, and is
cloned over a ``file://`` URL, so nothing here needs the network.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from stackwise.template.sources import expand, is_repository
from support.cli import listing
from support.gitrepo import FIXTURES, git, rewrite, template_repo, url

PLAIN = FIXTURES / "plain"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return template_repo(tmp_path)


def new(runner: CliRunner, out: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, ["new", "--no-input", *args, "-o", str(out)])
    return result.exit_code, result.stdout, result.stderr


def record(project: Path) -> dict[str, object]:
    data = json.loads((project / ".stackwise.json").read_text("utf-8"))
    template: dict[str, object] = data["_stackwise"]["template"]
    return template


@pytest.mark.parametrize(
    ("checkout", "directory", "readme", "ref_commit"),
    [
        pytest.param(None, None, "on main: demo tastes of vanilla\n", "main", id="default-branch"),
        pytest.param("v1", None, "demo tastes of vanilla\n", "v1", id="tag"),
        pytest.param("next", None, "on next: demo tastes of vanilla\n", "next", id="branch"),
        pytest.param("v1", "sub", "demo tastes of vanilla\n", "v1", id="tag-in-directory"),
        pytest.param(
            "next", "sub", "on next: demo tastes of vanilla\n", "next", id="branch-in-directory"
        ),
        pytest.param(None, "sub", "on main: demo tastes of vanilla\n", "main", id="directory"),
    ],
)
def test_a_git_template_at_a_ref_and_directory(
    runner: CliRunner,
    tmp_path: Path,
    repo: Path,
    checkout: str | None,
    directory: str | None,
    readme: str,
    ref_commit: str,
) -> None:
    args = ["--template", url(repo)]
    args += ["--checkout", checkout] if checkout else []
    args += ["--directory", directory] if directory else []
    out = tmp_path / "out"

    code, stdout, stderr = new(runner, out, *args)

    assert (code, stderr) == (0, "")
    command = " ".join(["stackwise new --no-input", *args, "-o", str(out)])
    assert stdout == (
        f"Created 2 files in {out / 'demo'} from {url(repo)}\n\n"
        f"The same project without questions:\n  {command}\n"
    )
    assert (out / "demo" / "README.md").read_text("utf-8") == readme
    assert record(out / "demo") == {
        "source": url(repo),
        "ref": checkout,
        "commit": git(repo, "rev-parse", f"{ref_commit}^{{commit}}"),
        "directory": directory,
        "hash": record(out / "demo")["hash"],
    }


def test_a_commit_id_checks_out_that_commit(runner: CliRunner, tmp_path: Path, repo: Path) -> None:
    commit = git(repo, "rev-parse", "next")
    code, _, stderr = new(runner, tmp_path / "out", "--template", url(repo), "--checkout", commit)
    assert (code, stderr) == (0, "")
    assert record(tmp_path / "out" / "demo")["commit"] == commit


def test_the_cached_clone_is_fetched_again(runner: CliRunner, tmp_path: Path, repo: Path) -> None:
    """A branch is its newest commit: a second run sees what was pushed since the first."""
    assert new(runner, tmp_path / "first", "--template", url(repo))[0] == 0
    newer = rewrite(repo, "later: ")

    assert new(runner, tmp_path / "second", "--template", url(repo))[0] == 0

    assert record(tmp_path / "second" / "demo")["commit"] == newer
    readme = (tmp_path / "second" / "demo" / "README.md").read_text("utf-8")
    assert readme == "later: on main: demo tastes of vanilla\n"


def test_a_local_directory_is_used_where_it_is(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = new(runner, tmp_path, "--template", str(PLAIN), "--set", "flavour=chocolate")
    assert (code, stderr) == (0, "")
    assert (tmp_path / "demo" / "README.md").read_text("utf-8") == "demo tastes of chocolate\n"
    assert record(tmp_path / "demo") == {
        "source": str(PLAIN),
        "ref": None,
        "commit": None,
        "directory": None,
        "hash": record(tmp_path / "demo")["hash"],
    }


BAD_SOURCES = [
    ("no-such-directory", ["--template", "nowhere"], 2,
     "template 'nowhere' not found: no such directory or git URL"),
    ("no-such-ref", ["--template", "{url}", "--checkout", "v9"], 2,
     "--checkout 'v9': no such branch, tag or commit in {url}"),
    ("no-such-directory-in-repo", ["--template", "{url}", "--directory", "nope"], 2,
     "--directory 'nope': no such directory in {url}"),
    ("directory-outside", ["--template", "{url}", "--directory", "../x"], 2,
     "--directory '../x' must be a path inside the template"),
    ("not-a-template", ["--template", "{url}", "--directory", "sub/{{{{cookiecutter.name}}}}"], 2,
     "{url} --directory sub/{{{{cookiecutter.name}}}} is not a cookiecutter template: "
     "it has no cookiecutter.json"),
    ("checkout-of-a-directory", ["--template", str(PLAIN), "--checkout", "v1"], 2,
     f"--checkout needs a git source; {str(PLAIN)!r} is a directory"),
    ("checkout-without-template", ["--checkout", "v1"], 2,
     "--checkout goes with --template SOURCE"),
    ("trust-without-template", ["--trust"], 2, "--trust goes with --template SOURCE"),
    ("selection-flag", ["--template", str(PLAIN), "--building", "web-app"], 2,
     "--building chooses among the built-in templates; not with --template"),
    ("framework-flag", ["--template", str(PLAIN), "--framework", "flask"], 2,
     "--framework chooses among the built-in templates; not with --template"),
    ("name-without-project-name", ["--template", str(PLAIN), "--name", "Shop"], 2,
     "--name sets project_name, which this template does not ask: use --set"),
    ("no-such-repository", ["--template", "{url}-missing"], 2,
     "template {url}-missing not found: fatal: '{path}-missing' does not appear to be a git "
     "repository"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"), [pytest.param(*case[1:], id=case[0]) for case in BAD_SOURCES]
)
def test_a_bad_source_is_one_line_and_writes_nothing(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    repo: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    filled = [arg.format(url=url(repo)) for arg in args]

    result = runner.invoke(main, ["new", "--no-input", *filled])

    expected = message.format(url=url(repo), path=repo)
    assert (result.exit_code, result.stderr, result.stdout) == (code, f"Error: {expected}\n", "")
    assert listing(tmp_path) == before


def test_questions_of_a_git_template(runner: CliRunner, repo: Path) -> None:
    result = runner.invoke(main, ["questions", "--template", url(repo), "--checkout", "v1"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Questions of {url(repo)}:\n"
        "  name (--set name=VALUE)\n"
        "    name [text] default: demo\n"
        "  flavour (--set flavour=VALUE)\n"
        "    flavour [vanilla, chocolate] default: vanilla\n"
    )


@pytest.mark.parametrize(
    ("source", "expanded"),
    [
        ("gh:acme/skeleton", "https://github.com/acme/skeleton.git"),
        ("gl:acme/skeleton", "https://gitlab.com/acme/skeleton.git"),
        ("bb:acme/skeleton", "https://bitbucket.org/acme/skeleton"),
        ("https://example.com/a.git", "https://example.com/a.git"),
        ("templates/flask", "templates/flask"),
        ("xx:acme/skeleton", "xx:acme/skeleton"),
    ],
)
def test_abbreviations_expand_as_cookiecutter_expands_them(source: str, expanded: str) -> None:
    assert expand(source) == expanded


@pytest.mark.parametrize(
    ("source", "repository"),
    [
        ("file:///srv/t", True),
        ("https://example.com/t.git", True),
        ("ssh://git@example.com/t.git", True),
        ("git@example.com:acme/t.git", True),
        ("git+https://example.com/t", True),
        ("./templates/flask", False),
        ("/srv/templates/t", False),
    ],
)
def test_what_counts_as_a_git_url(source: str, repository: bool) -> None:
    assert is_repository(source) is repository


def test_git_failing_to_fetch_is_a_task_failure(
    runner: CliRunner, tmp_path: Path, repo: Path
) -> None:
    """The repository was cloned once and has gone since: exit 1, one line, nothing written."""
    assert new(runner, tmp_path / "first", "--template", url(repo))[0] == 0
    shutil.rmtree(repo)
    out = tmp_path / "second"

    code, stdout, stderr = new(runner, out, "--template", url(repo))

    assert (code, stdout) == (1, "")
    assert stderr == (
        f"Error: cannot fetch {url(repo)}: fatal: '{repo}' does not appear to be a git repository\n"
    )
    assert not out.exists()


def test_a_dry_run_lists_the_files_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    args = ["--template", str(PLAIN), "--dry-run", "--set", "name=tasty"]
    code, stdout, stderr = new(runner, tmp_path, *args)

    assert (code, stderr) == (0, "")
    assert stdout == (
        f"Would write 2 files in {tmp_path / 'tasty'} from {PLAIN}\n"
        "  .stackwise.json\n  README.md\n\n"
        "The same project without questions:\n"
        f"  stackwise new --no-input --template {PLAIN} --set name=tasty -o {tmp_path}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_json_gives_the_template_the_files_and_the_answers(
    runner: CliRunner, tmp_path: Path, repo: Path
) -> None:
    code, stdout, stderr = new(
        runner, tmp_path, "--template", url(repo), "--checkout", "v1", "--json"
    )

    assert (code, stderr) == (0, "")
    assert json.loads(stdout) == {
        "stackwise_version": "0.1.0",
        "dry_run": False,
        "template": {
            "source": url(repo),
            "ref": "v1",
            "commit": git(repo, "rev-parse", "v1^{commit}"),
            "directory": None,
        },
        "project_dir": str(tmp_path / "demo"),
        "files": [".stackwise.json", "README.md"],
        "answers": {"name": "demo", "flavour": "vanilla"},
        "command": f"stackwise new --no-input --template {url(repo)} --checkout v1 -o {tmp_path}",
    }


def test_a_relative_directory_is_recorded_as_a_whole_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, stdout, stderr = new(runner, tmp_path, "--template", "plain")
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == f"Created 2 files in {tmp_path / 'demo'} from plain"
    assert record(tmp_path / "demo")["source"] == str(PLAIN)
