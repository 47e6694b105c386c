"""A ``--template`` and its answers -> project on disk, all or nothing, as ``create`` does
for the built-ins.

The project's directory is the one the template names (``{{cookiecutter.project_slug}}``
or whatever it uses), known once rendered: the template is rendered into a staging
directory beside the target, and moved into place only if the target is free. Hooks run
only when ``trusted``; a template with hooks that is not trusted is refused before
anything is written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stackwise.errors import Collector, UsageProblem, WriteError, os_reason
from stackwise.project.create import (
    Generated,
    _created,
    _list_files,
    _move_into_place,
    _staging,
    check_target,
)
from stackwise.project.lock import LOCK_NAME, write_lock
from stackwise.project.record import RECORD_NAME, record
from stackwise.render import cookiecutter
from stackwise.template.at_hand import TemplateAtHand, UntrustedHooks


def refuse_untrusted(template: TemplateAtHand, trusted: bool) -> None:
    """Hooks are code; a template's run only when its user said to trust it."""
    if template.hooks and not trusted:
        raise UntrustedHooks(
            f"{template.origin.source} has hooks ({', '.join(template.hooks)}) that would run "
            "code on this machine: pass --trust, or list the source as trusted in the config"
        )
    if any(name.startswith("pre_prompt") for name in template.hooks):
        raise UsageProblem(f"{template.origin.source}: pre_prompt hooks are not supported")


def check_requires(template: TemplateAtHand, answers: Mapping[str, Any]) -> None:
    """A manifest's ``requires``: an option is ``yes`` only where what it needs holds, as
    with the built-ins; every such problem names both keys, before anything is written."""
    if not template.requires:
        return
    values = cookiecutter.plain_defaults(template.path, dict(answers))
    found = Collector()
    for key, needs in template.requires.items():
        if str(values.get(key)) != "yes":
            continue
        for other, allowed in needs.items():
            if str(values.get(other)) not in allowed:
                message = (
                    f"{key}=yes needs {other} {' or '.join(allowed)}, but {other}="
                    f"{values.get(other)}: set {other}={allowed[0]}, or {key}=no"
                )
                found.add(UsageProblem(message, key))
    found.raise_any()


def generate(
    template: TemplateAtHand,
    answers: Mapping[str, Any],
    output_dir: Path,
    *,
    trusted: bool,
    lock: bool = False,
) -> tuple[Generated, dict[str, Any]]:
    """Render the template into ``output_dir/<its project directory>``, atomically (with
    ``lock``, ``uv lock`` included); the project and the value of every question."""
    refuse_untrusted(template, trusted)
    check_requires(template, answers)
    with _created(output_dir), _staging(output_dir, "template") as staging:
        rendered, values = _render(template, answers, staging, output_dir, trusted)
        target = output_dir / rendered.name
        check_target(target)
        if lock:
            write_lock(rendered)
        _move_into_place(rendered, target)
        return Generated(target, _list_files(target)), values


def preview(
    template: TemplateAtHand,
    answers: Mapping[str, Any],
    output_dir: Path,
    *,
    trusted: bool,
    lock: bool = False,
) -> tuple[Generated, dict[str, Any]]:
    """What ``generate`` would write, found without writing anything in ``output_dir``."""
    refuse_untrusted(template, trusted)
    check_requires(template, answers)
    with tempfile.TemporaryDirectory(prefix="stackwise-dry-run-") as scratch:
        rendered, values = _render(template, answers, Path(scratch), output_dir, trusted)
        target = output_dir / rendered.name
        check_target(target)
        files = {*_list_files(rendered), *([LOCK_NAME] if lock else [])}
        return Generated(target, tuple(sorted(files))), values


def render(
    template: TemplateAtHand,
    answers: Mapping[str, Any],
    into: Path,
    output_dir: Path,
    *,
    trusted: bool,
) -> Path:
    """The project rendered under ``into`` (a scratch directory), its record included, as
    ``generate`` would make it in ``output_dir``: the base and the target of an update."""
    refuse_untrusted(template, trusted)
    check_requires(template, answers)
    return _render(template, answers, into, output_dir, trusted)[0]


def render_into(
    template: TemplateAtHand, answers: Mapping[str, Any], into: Path, *, trusted: bool
) -> Generated:
    """The project rendered under the scratch directory ``into``, for a server to zip or
    show: what ``generate`` writes."""
    rendered = render(template, answers, into, into, trusted=trusted)
    return Generated(rendered, _list_files(rendered))


def _render(
    template: TemplateAtHand,
    answers: Mapping[str, Any],
    staging: Path,
    output_dir: Path,
    trusted: bool,
) -> tuple[Path, dict[str, Any]]:
    settings = {
        "_template": template.given or template.origin.source,
        "_output_dir": str(output_dir.absolute()),
        "_checkout": template.origin.ref,
        "accept_hooks": trusted,
    }
    rendered, values = cookiecutter.render_plain(template.path, dict(answers), staging, settings)
    recorded = {key: _answer(value) for key, value in values.items()}
    try:
        text = record(recorded, template.origin, template.path)
        (rendered / RECORD_NAME).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"cannot write {rendered}: {os_reason(exc)}") from None
    return rendered, recorded


def _answer(value: Any) -> Any:
    """A value as an answers file gives it back: yes/no for a boolean, text for a number."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, dict | str) or value is None else str(value)
