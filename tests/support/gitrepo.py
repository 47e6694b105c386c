"""Real git repositories made by the tests, cloned over ``file://`` URLs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"
#: Who commits in the tests' repositories (the tests have no git identity of their own).
IDENTITY = ["-c", "user.name=Template Author", "-c", "user.email=author@example.com"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *IDENTITY, *args], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def template_repo(root: Path, name: str = "plain") -> Path:
    """A repository holding the fixture template ``name`` at its top and in ``sub/``, with
    three commits: the tag ``v1`` (the template as it is), then on ``main`` and on the
    branch ``next`` one change each to the README."""
    repo = root / f"{name}-repo"
    shutil.copytree(FIXTURES / name, repo)
    shutil.copytree(FIXTURES / name, repo / "sub")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The template")
    git(repo, "tag", "v1")
    git(repo, "checkout", "-q", "-b", "next")
    rewrite(repo, "on next: ")
    git(repo, "checkout", "-q", "main")
    rewrite(repo, "on main: ")
    return repo


def rewrite(repo: Path, prefix: str) -> str:
    """Prefix the README of the template (at the top and in ``sub/``) and commit it."""
    for readme in sorted(repo.glob("**/{{cookiecutter.name}}/README.md")):
        readme.write_text(prefix + readme.read_text("utf-8"), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", f"README {prefix.strip()}")
    return git(repo, "rev-parse", "HEAD")


def url(repo: Path) -> str:
    return repo.as_uri()
