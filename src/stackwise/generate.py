"""Plan -> cookiecutter context -> project on disk, all or nothing.

Cookiecutter renders the values it is prompted with as Jinja templates, so stackwise never
goes through its prompt path: it hands ``generate_files`` a complete context whose values
are plain data. The project is rendered into a staging directory beside the target and
renamed into place only when complete, so a failure or Ctrl-C leaves nothing behind, and an
existing non-empty target is never touched.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stackwise import __version__
from stackwise.answers import VERSION_KEY
from stackwise.errors import TargetExistsError, TemplateError
from stackwise.options import TEMPLATE_KEYS
from stackwise.plan import Plan

RECORD_NAME = ".stackwise.json"


@dataclass(frozen=True)
class Generated:
    project_dir: Path
    files: tuple[str, ...]


def templates_root() -> Path:
    """The templates shipped in the wheel, or the repository's when run from a checkout."""
    packaged = Path(__file__).with_name("templates")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def template_dir(framework: str) -> Path:
    path = templates_root() / framework
    if not (path / "cookiecutter.json").is_file():
        raise TemplateError(f"template for {framework} not found at {path}")
    return path


def next_steps(plan: Plan) -> list[str]:
    """The template's own run and test commands (its ``_next_steps``), for the final message."""
    declared = _declared(template_dir(plan.framework))
    steps = declared.get("_next_steps", [])
    return [str(step).format_map(plan.options) for step in steps]


def _declared(template: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((template / "cookiecutter.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"{template / 'cookiecutter.json'}: cannot read: {exc}") from None
    return data


def build_context(plan: Plan, template: Path) -> dict[str, Any]:
    """The template's own ``cookiecutter.json`` with every public key set from the plan."""
    declared = _declared(template)
    public = {key for key in declared if not key.startswith("_")}
    if public != set(TEMPLATE_KEYS):
        odd = sorted(public.symmetric_difference(TEMPLATE_KEYS))
        raise TemplateError(
            f"{template / 'cookiecutter.json'}: keys do not match the options: {odd}"
        )
    context = dict(declared)
    context.update({key: plan.options[key] for key in TEMPLATE_KEYS})
    context["_why"] = why_text(plan)
    context["_reasons"] = [
        f"{rule.reason} ({rule.source.cite()})"
        for rule in plan.recommendation.reasons_for(plan.framework)
    ]
    context["_template"] = str(template)
    return {"cookiecutter": context}


def why_text(plan: Plan) -> str:
    """The sentence that opens the README's "Why" section; the reasons follow it."""
    rec = plan.recommendation
    chosen, winner = rec.names[plan.framework], rec.names[rec.winner]
    if plan.overridden:
        tail = " What counts for it:" if rec.reasons_for(plan.framework) else ""
        return (
            f"You chose {chosen}; stackwise's selection rules preferred {winner} "
            f"({rec.scores[rec.winner]} to {rec.scores[plan.framework]}).{tail}"
        )
    if not rec.fired:
        return (
            f"stackwise recommended {chosen}: no selection rule fired for the answers given, "
            f"and {chosen} comes first when the scores are even."
        )
    runner_up = rec.names[rec.runner_up]
    return (
        f"stackwise recommended {chosen} for this project ({rec.scores[rec.winner]} to "
        f"{rec.scores[rec.runner_up]} for {runner_up}, the runner-up), by these rules:"
    )


def record(plan: Plan) -> str:
    """The text of ``.stackwise.json``: the answers, then the version that wrote them."""
    data = {**plan.answers(), VERSION_KEY: __version__}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def check_target(target: Path) -> None:
    if target.is_symlink() or target.is_file():
        raise TargetExistsError(f"{target} already exists; choose another --output-dir or name")
    if target.is_dir() and any(target.iterdir()):
        raise TargetExistsError(f"{target} already exists and is not empty; nothing was changed")


def generate(plan: Plan, output_dir: Path) -> Generated:
    """Render the plan's template into ``output_dir/<project_slug>``, atomically."""
    template = template_dir(plan.framework)
    context = build_context(plan, template)
    target = output_dir / plan.slug
    check_target(target)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TemplateError(f"cannot create {output_dir}: {exc.strerror}") from None
    with _staging(output_dir, plan.slug) as staging:
        rendered = _render(template, context, staging)
        (rendered / RECORD_NAME).write_text(record(plan), encoding="utf-8")
        files = _list_files(rendered)
        _move_into_place(rendered, target)
    return Generated(target, files)


def _render(template: Path, context: dict[str, Any], staging: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError as JinjaError

    with _template_on_path(template):
        try:
            return Path(generate_files(template, context, staging, accept_hooks=True))
        except (CookiecutterException, JinjaError) as exc:
            raise TemplateError(f"template {template.name} failed: {exc}") from None
        except OSError as exc:
            raise TemplateError(f"cannot write the project: {exc}") from None


@contextmanager
def _template_on_path(template: Path) -> Iterator[None]:
    """Make the template's ``local_extensions`` importable, and forget it afterwards."""
    sys.modules.pop("local_extensions", None)
    sys.path.insert(0, str(template))
    try:
        yield
    finally:
        sys.path.remove(str(template))
        sys.modules.pop("local_extensions", None)


@contextmanager
def _staging(output_dir: Path, slug: str) -> Iterator[Path]:
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{slug}-", suffix=".partial", dir=output_dir))
    except OSError as exc:
        raise TemplateError(f"cannot write to {output_dir}: {exc.strerror}") from None
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
        raise TemplateError(f"cannot move the project into {target}: {exc.strerror}") from None


def _list_files(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))
