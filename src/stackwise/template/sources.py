"""Where a ``--template SOURCE`` is: a local directory, or a git repository cloned with git.

SOURCE is spelled as cookiecutter spells it: a directory, a git URL (``file://``,
``https://``, ``ssh://``, ``git@host:path``) or an abbreviation (``gh:owner/name``,
``gl:``, ``bb:``, and the aliases of the user's config). A repository is cloned once into
``$XDG_CACHE_HOME/stackwise/repos`` and fetched again on each use, so a branch is always
its newest commit; ``--checkout REF`` (a branch, tag or commit) is checked out there and
resolved to the commit that is recorded in the project. Every failure is one line: a
source, ref or directory that does not exist is a usage error (exit 2); git failing to
clone or fetch is a task failure (exit 1).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from stackwise.errors import StackwiseError, UsageProblem, shown
from stackwise.template.cache import cache_home

#: cookiecutter's ``BUILTIN_ABBREVIATIONS``: ``gh:owner/name`` and the like.
ABBREVIATIONS = {
    "gh": "https://github.com/{0}.git",
    "gl": "https://gitlab.com/{0}.git",
    "bb": "https://bitbucket.org/{0}",
}
#: What cookiecutter takes for a repository URL (its ``REPO_REGEX``).
REPO_URL = re.compile(r"((((git|hg)\+)?(git|ssh|file|https?):(//)?)|(\w+@[\w\.]+))")
#: A repository that takes longer than this to clone or fetch is given up.
GIT_TIMEOUT = 300


class SourceError(UsageProblem):
    """A template source, ref or directory that does not exist or holds no template."""


class GitError(StackwiseError):
    """git could not clone or fetch a repository that looked right."""


class Origin(NamedTuple):
    """Where a template came from, as ``.stackwise.json`` records it."""

    source: str
    ref: str | None = None
    commit: str | None = None
    directory: str | None = None


class Located(NamedTuple):
    """A template directory on disk, and where it came from."""

    path: Path
    origin: Origin


def expand(source: str, aliases: Mapping[str, str] | None = None) -> str:
    """``gh:owner/name`` as its URL, an alias as what it stands for (as cookiecutter does)."""
    table = {**ABBREVIATIONS, **(aliases or {})}
    if source in table:
        return table[source]
    prefix, sep, rest = source.partition(":")
    if sep and prefix in table and "{0}" in table[prefix]:
        return table[prefix].format(rest)
    return source


def is_repository(source: str) -> bool:
    return bool(REPO_URL.match(source))


def locate(source: str, checkout: str | None = None, directory: str | None = None) -> Located:
    """The template directory SOURCE names, at ``checkout``, in its ``directory``."""
    url = expand(source)
    recorded = source
    if is_repository(url):
        root, commit = _checked_out(url, checkout)
    else:
        root, commit = Path(url).expanduser(), None
        if not root.is_dir():
            raise SourceError(f"template {shown(source)} not found: no such directory or git URL")
        if checkout is not None:
            raise SourceError(f"--checkout needs a git source; {shown(source)} is a directory")
        recorded = str(root.absolute())  # the record means the same from anywhere
    path = _within(root, directory, source)
    if not (path / "cookiecutter.json").is_file():
        where = f"{source} --directory {directory}" if directory else source
        raise SourceError(f"{where} is not a cookiecutter template: it has no cookiecutter.json")
    return Located(path, Origin(recorded, checkout, commit, directory))


def _within(root: Path, directory: str | None, source: str) -> Path:
    if directory is None:
        return root
    inside = Path(directory)
    if inside.is_absolute() or ".." in inside.parts:
        raise SourceError(f"--directory {shown(directory)} must be a path inside the template")
    if not (root / inside).is_dir():
        raise SourceError(f"--directory {shown(directory)}: no such directory in {source}")
    return root / inside


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # No question at a terminal: a repository that needs a password fails instead of waiting.
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "echo"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed; a git template source needs it") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {GIT_TIMEOUT} s; stopped") from None


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    """git's own reason: its first ``fatal:`` or ``error:`` line, else its last line."""
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return (fatal or lines or [f"exit status {done.returncode}"])[0 if fatal else -1]


def _clone(url: str) -> Path:
    """The cached clone of ``url``: cloned the first time, fetched every time after."""
    repos = cache_home() / "repos"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", url.rstrip("/").rsplit("/", 1)[-1])[-40:]
    clone = repos / f"{name}-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
    if (clone / ".git").is_dir():
        done = _git(["fetch", "-q", "--prune", "--tags", "--force", "origin"], clone)
        if done.returncode != 0:
            raise GitError(f"cannot fetch {url}: {_last_line(done)}")
        return clone
    repos.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{clone.name}-", dir=repos))
    try:
        done = _git(["clone", "-q", "--no-checkout", url, str(scratch / "r")])
        if done.returncode != 0:
            raise _clone_error(url, done)
        os.rename(scratch / "r", clone)
    except OSError:
        if not (clone / ".git").is_dir():  # another stackwise cloned it first, or no cache
            raise GitError(f"cannot clone {url} into {repos}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return clone


def _clone_error(url: str, done: subprocess.CompletedProcess[str]) -> StackwiseError:
    reason = _last_line(done)
    missing = ("does not exist", "not found", "not appear to be a git repository")
    if any(word in reason for word in missing):
        return SourceError(f"template {url} not found: {reason}")
    return GitError(f"cannot clone {url}: {reason}")


def _checked_out(url: str, ref: str | None) -> tuple[Path, str]:
    """The files of ``ref`` (the remote's default branch if none), and its commit."""
    clone = _clone(url)
    commit = _resolve(clone, url, ref)
    return _export(clone, commit, url), commit


def _resolve(clone: Path, url: str, ref: str | None) -> str:
    """The commit ``ref`` names: a branch as fetched, a tag, or a commit id."""
    wanted = ["origin/HEAD"] if ref is None else [f"origin/{ref}", f"refs/tags/{ref}", ref]
    for candidate in wanted:
        done = _git(["rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"], clone)
        if done.returncode == 0:
            return done.stdout.strip()
    if ref is None:
        raise SourceError(f"template {url} has no default branch to check out")
    raise SourceError(f"--checkout {shown(ref)}: no such branch, tag or commit in {url}")


def _export(clone: Path, commit: str, url: str) -> Path:
    """The files of ``commit``, in a directory of their own that is never changed after:
    two stackwise processes rendering two refs of one repository do not disturb each
    other. File modes are git's (executable or not)."""
    import io
    import tarfile

    target = cache_home() / "checkouts" / commit
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{commit[:12]}-", dir=target.parent))
    try:
        done = subprocess.run(
            ["git", "archive", "--format=tar", commit], cwd=clone, capture_output=True, check=False
        )
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"cannot check out {commit} of {url}: {(reason or ['?'])[0]}")
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
            archive.extractall(scratch / "t", filter="data")
        os.rename(scratch / "t", target)
    except OSError:
        if not target.is_dir():  # another stackwise exported it first, or no cache
            raise GitError(f"cannot check out {commit} of {url} into {target.parent}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
