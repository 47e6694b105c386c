"""Where the two sides of an update come from, by the kind of the record's template source.

``SCHEMES`` is keyed by that kind: ``builtin`` (``builtin:NAME``, see ``builtin``), ``git``
(a repository URL or abbreviation, see ``templated``) and ``directory`` (a local
template directory). Each turns the record and the user's request into ``Sides``.
``--base-ref GITREF`` takes the base from a commit of the project that holds its pristine
generation instead, whatever the kind.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path

from stackwise.errors import Refused, StackwiseError
from stackwise.project.update import builtin, templated
from stackwise.project.update.answers import Recorded
from stackwise.project.update.index import Repo, git
from stackwise.project.update.sides import Request, Sides
from stackwise.template.sources import expand, is_repository

SCHEMES: dict[str, Callable[[Path, Recorded, Request], Sides]] = {
    "builtin": builtin.sides,
    "git": templated.git_sides,
    "directory": templated.directory_sides,
}


def scheme_of(source: str) -> str:
    """The kind of a recorded source: as ``new`` and ``new --template`` spell them."""
    if source.startswith("builtin:"):
        return "builtin"
    return "git" if is_repository(expand(source)) else "directory"


def sides(project: Path, recorded: Recorded, request: Request) -> Sides:
    """The base and target of an update of ``project``, as its record's kind provides them."""
    return SCHEMES[scheme_of(recorded.source)](project, recorded, request)


def from_git(repo: Repo, ref: str, into: Path) -> Path:
    """The project's files as the commit ``ref`` holds them, for ``--base-ref``."""
    try:
        tree = git(["rev-parse", "--verify", "-q", f"{ref}^{{commit}}"], repo.top).decode().strip()
        data = git(["archive", "--format=tar", f"{tree}:{repo.prefix}"], repo.top)
    except StackwiseError:
        raise Refused(f"--base-ref {ref}: no such commit holds the project") from None
    out = into / "base-ref"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(out, filter="data")
    return out
