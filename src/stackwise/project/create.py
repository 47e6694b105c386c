"""Plan -> project on disk, all or nothing.

The project is rendered into a staging directory beside the target and renamed into place
only when complete, so a failure or Ctrl-C leaves nothing behind (not even the output
directory, when stackwise had to create it), and an existing non-empty target is never
touched. ``preview`` renders the same files outside the output directory, lists them and
throws them away: a dry run writes nothing where the project would go.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from stackwise.answers.resolve import Plan
from stackwise.errors import TargetExistsError, WriteError, os_reason
from stackwise.project.lock import LOCK_NAME, write_lock
from stackwise.project.record import RECORD_NAME, record
from stackwise.render import context, cookiecutter
from stackwise.template.at_hand import TemplateAtHand, builtin

__all__ = ["RECORD_NAME", "Generated", "check_target", "generate", "preview", "render_into"]


@dataclass(frozen=True)
class Generated:
    project_dir: Path
    files: tuple[str, ...]
    #: The template's commands to install, test and run the project.
    next_steps: tuple[str, ...] = ()


def check_target(target: Path) -> None:
    if target.is_symlink() or target.is_file():
        raise TargetExistsError(f"{target} already exists; choose another --output-dir or name")
    if target.is_dir() and any(target.iterdir()):
        raise TargetExistsError(f"{target} already exists and is not empty; nothing was changed")


def generate(
    plan: Plan, output_dir: Path, *, installer: str = "pip", lock: bool = False
) -> Generated:
    """Render the plan's template into ``output_dir/<project_slug>``, atomically; with
    ``lock``, ``uv lock`` runs before the project is moved into place."""
    target = output_dir / plan.slug
    check_target(target)
    with _created(output_dir), _staging(output_dir, plan.slug) as staging:
        rendered, result = _render_plan(plan, staging, target, installer)
        if lock:
            write_lock(rendered)
            result = replace(result, files=_list_files(rendered))
        _move_into_place(rendered, target)
    return result


def preview(
    plan: Plan, output_dir: Path, *, installer: str = "pip", lock: bool = False
) -> Generated:
    """What ``generate`` would write, found without writing anything in ``output_dir``
    (nor running uv: with ``lock``, ``uv.lock`` is listed)."""
    target = output_dir / plan.slug
    check_target(target)
    with tempfile.TemporaryDirectory(prefix="stackwise-dry-run-") as scratch:
        result = _render_plan(plan, Path(scratch), target, installer)[1]
    if lock:
        result = replace(result, files=tuple(sorted({*result.files, LOCK_NAME})))
    return result


def render_into(plan: Plan, into: Path) -> Generated:
    """Render the plan under the scratch directory ``into``: ``into/<project_slug>``."""
    return _render_plan(plan, into, into / plan.slug, "pip")[1]


def _render_plan(plan: Plan, into: Path, target: Path, installer: str) -> tuple[Path, Generated]:
    """The project rendered under ``into`` with its record, and what ``target`` will hold."""
    template = builtin(plan.framework)
    data = context.build_context(plan, template.path)
    rendered = cookiecutter.render(template.path, data, into, target)
    _write_record(rendered, plan, template, target)
    steps = context.next_steps(plan, data["cookiecutter"], installer)
    return rendered, Generated(target, _list_files(rendered), tuple(steps))


def _write_record(rendered: Path, plan: Plan, template: TemplateAtHand, target: Path) -> None:
    text = record(plan.answers(), template.origin, template.path)
    try:
        (rendered / RECORD_NAME).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {os_reason(exc)}") from None


@contextmanager
def _created(output_dir: Path) -> Iterator[None]:
    """Create ``output_dir`` if needed; on failure remove what was created, if still empty."""
    missing = []
    walk = output_dir.absolute()
    while not walk.exists() and walk != walk.parent:
        missing.append(walk)
        walk = walk.parent
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {output_dir}: {os_reason(exc)}") from None
    try:
        yield
    except BaseException:
        for directory in missing:
            try:
                directory.rmdir()
            except OSError:
                break
        raise


@contextmanager
def _staging(output_dir: Path, slug: str) -> Iterator[Path]:
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{slug}-", suffix=".partial", dir=output_dir))
    except OSError as exc:
        raise WriteError(f"cannot write to {output_dir}: {os_reason(exc)}") from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(rendered: Path, target: Path) -> None:
    try:
        os.rename(rendered, target)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
            raise TargetExistsError(
                f"{target} already exists and is not empty; nothing was changed"
            ) from None
        raise WriteError(f"cannot move the project into {target}: {os_reason(exc)}") from None


def _list_files(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))
