"""An update from start to end: read the record, render base and target, decide, apply.

``plan_update`` finds what an update would do and changes nothing (``check``, ``--dry-run``
and the real run share it); ``update`` refuses what it must (a dirty tree, files it would
write over) and then applies the plan all or nothing. When the template and the answers
are the record's, base and target are the same render, so nothing is rendered at all.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from stackwise import __version__
from stackwise.answers.sources import RECORD_KEY
from stackwise.errors import Refused
from stackwise.project.record import RECORD_NAME
from stackwise.project.update import base as bases
from stackwise.project.update import index
from stackwise.project.update.answers import Recorded, read_record
from stackwise.project.update.apply import Change, apply, staging
from stackwise.project.update.plan import Entry, Step, decide, read_entry, read_paths, read_tree
from stackwise.project.update.sides import Request, Sides


class Outcome(NamedTuple):
    project: Path
    recorded: Recorded
    #: The target's answers, as its record holds them.
    answers: Mapping[str, Any]
    steps: tuple[Step, ...]
    #: Answers that differ between the record and the target: key -> (before, after).
    changed: Mapping[str, tuple[Any, Any]]
    new_keys: tuple[str, ...]
    dry_run: bool = True

    @property
    def changes(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.changes)

    @property
    def conflicts(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.conflict)

    @property
    def exit_code(self) -> int:
        return 1 if self.conflicts else 0


def plan_update(project: Path, request: Request, *, base_ref: str | None = None) -> Outcome:
    """What an update of ``project`` as ``request`` asks does; changes nothing."""
    project = project.absolute()
    recorded = read_record(project)
    _refuse_downgrade(recorded)
    sides = bases.sides(project, recorded, request)
    steps, record_text = _steps(project, sides, base_ref)
    after = {k: v for k, v in json.loads(record_text).items() if k != RECORD_KEY}
    changed = {
        k: (recorded.answers.get(k), after.get(k))
        for k in dict.fromkeys([*recorded.answers, *after])
        if recorded.answers.get(k) != after.get(k)
    }
    return Outcome(project, recorded, after, tuple(steps), changed, sides.new_keys)


def _refuse_downgrade(recorded: Recorded) -> None:
    from packaging.version import InvalidVersion, Version

    try:
        newer = Version(recorded.version) > Version(__version__)
    except InvalidVersion:
        raise Refused(f"{RECORD_NAME} names no stackwise version it was made by") from None
    if newer:
        raise Refused(
            f"the project was made by stackwise {recorded.version}, newer than this one "
            f"({__version__}): upgrade stackwise (pip install -U stackwise) to update it"
        )


def _steps(project: Path, sides: Sides, base_ref: str | None) -> tuple[list[Step], str]:
    """The per-file steps, and the target's record."""
    if base_ref is None and sides.same is not None:
        return _record_step(project, sides.same.encode()), sides.same
    with tempfile.TemporaryDirectory(prefix="stackwise-update-") as scratch:
        Path(scratch, "target").mkdir()
        target = read_tree(sides.target(Path(scratch, "target")))
        record_text = target.pop(RECORD_NAME).data
        base = _base(project, sides, base_ref, Path(scratch, "base"))
        if base_ref is not None:  # a commit holds the user's files too: keep to the template's
            base = {path: entry for path, entry in base.items() if path in target}
        ours = read_paths(project, base.keys() | target.keys())
        steps = decide(base, target, ours) + _record_step(project, record_text)
        return steps, record_text.decode("utf-8")


def _base(project: Path, sides: Sides, base_ref: str | None, into: Path) -> dict[str, Entry]:
    into.mkdir()
    if base_ref is not None:
        repo = _repo(project)
        tree = read_tree(bases.from_git(repo, base_ref, into))
    else:
        tree = read_tree(sides.base(into))
    tree.pop(RECORD_NAME, None)
    return tree


def _record_step(project: Path, text: bytes) -> list[Step]:
    """``.stackwise.json`` is written from the answers, never merged."""
    ours = read_entry(project / RECORD_NAME)
    if ours is not None and ours.data == text:
        return []
    entry = Entry(text, ours.executable if ours is not None else False)
    return [Step(RECORD_NAME, "record", entry, ours=ours, target=entry)]


def _repo(project: Path) -> index.Repo:
    repo = index.repo_of(project)
    if repo is None:
        raise Refused(
            f"{project} is not in a git repository: update merges with git "
            "(git init, git add -A and git commit first)"
        )
    return repo


def update(
    project: Path, request: Request, *, base_ref: str | None = None, dry_run: bool = False
) -> Outcome:
    """Update ``project``: all of it, or nothing; refused before anything is written."""
    repo = index.repo_of(project)
    left = index.unmerged(repo, project) if repo is not None else []
    if left:
        raise Refused(
            f"conflicts are not resolved: {', '.join(left)}; "
            "resolve them, git add them and commit, then update"
        )
    outcome = plan_update(project, request, base_ref=base_ref)
    if not outcome.changes:
        return outcome._replace(dry_run=dry_run)
    repo = _repo(outcome.project)
    _refuse_unsafe(repo, outcome)
    if dry_run:
        return outcome
    _apply(repo, outcome)
    return outcome._replace(dry_run=False)


def _refuse_unsafe(repo: index.Repo, outcome: Outcome) -> None:
    dirty = index.modified(repo, outcome.project)
    if dirty:
        raise Refused(
            f"tracked files are modified or staged: {', '.join(dirty)}; "
            "commit or stash them, then update"
        )
    links = sorted(p for p in _written(outcome.changes) if (outcome.project / p).is_symlink())
    if links:
        raise Refused(
            f"the update would replace symbolic links: {', '.join(links)}; "
            "replace them with files (or remove them), commit, then update"
        )
    tracked = index.tracked(repo, outcome.project)
    over = sorted(
        path
        for path in _written(outcome.changes)
        if path not in tracked and _exists(outcome.project / path)
    )
    if over:
        raise Refused(
            f"the update would write over untracked files: {', '.join(over)}; "
            "move them away or commit them, then update"
        )


def _written(steps: tuple[Step, ...]) -> list[str]:
    paths = [s.path for s in steps if s.write is not None or s.delete]
    return paths + [s.beside for s in steps if s.case == "binary-conflict" and s.beside]


def _exists(path: Path) -> bool:
    return path.is_symlink() or path.exists()


def _apply(repo: index.Repo, outcome: Outcome) -> None:
    changes = []
    for step in outcome.changes:
        if step.write is not None:
            changes.append(Change(step.path, step.write))
        elif step.delete:
            changes.append(Change(step.path, None))
        if step.case == "binary-conflict" and step.beside and step.target is not None:
            changes.append(Change(step.beside, step.target))
    with staging(outcome.project) as scratch, index.index_kept(repo, scratch):
        apply(outcome.project, changes, scratch, lambda: index.stage(repo, outcome.changes))
