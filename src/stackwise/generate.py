"""Plan -> project on disk, all or nothing.

The project is rendered into a staging directory beside the target and renamed into place
only when complete, so a failure or Ctrl-C leaves nothing behind (not even the output
directory, when stackwise had to create it), and an existing non-empty target is never
touched. ``preview`` renders the same files outside the output directory, lists them and
throws them away: a dry run writes nothing where the project would go.

While the template renders, anything written to standard output (by cookiecutter or a
template's hooks) goes to standard error instead: standard output is for the result, which
``--json`` promises is one JSON object.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stackwise import context
from stackwise.context import RECORD_NAME, templates_root
from stackwise.errors import TargetExistsError, TemplateError, WriteError
from stackwise.plan import Plan
from stackwise.template_cache import compiled_templates, pristine

__all__ = ["RECORD_NAME", "Generated", "generate", "preview", "templates_root"]


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


def generate(plan: Plan, output_dir: Path) -> Generated:
    """Render the plan's template into ``output_dir/<project_slug>``, atomically."""
    target = output_dir / plan.slug
    check_target(target)
    with _created(output_dir), _staging(output_dir, plan.slug) as staging:
        rendered, result = _render_plan(plan, staging, target)
        _move_into_place(rendered, target)
    return result


def preview(plan: Plan, output_dir: Path) -> Generated:
    """What ``generate`` would write, found without writing anything in ``output_dir``."""
    target = output_dir / plan.slug
    check_target(target)
    with tempfile.TemporaryDirectory(prefix="stackwise-dry-run-") as scratch:
        return _render_plan(plan, Path(scratch), target)[1]


def render_into(plan: Plan, into: Path) -> Generated:
    """Render the plan under the scratch directory ``into``: ``into/<project_slug>``."""
    return _render_plan(plan, into, into / plan.slug)[1]


def _render_plan(plan: Plan, into: Path, target: Path) -> tuple[Path, Generated]:
    """The project rendered under ``into`` with its record, and what ``target`` will hold."""
    template = context.template_dir(plan.framework)
    data = context.build_context(plan, template)
    rendered = _render(template, data, into, target)
    _write_record(rendered, plan, template, target)
    steps = context.next_steps(plan, data["cookiecutter"])
    return rendered, Generated(target, _list_files(rendered), tuple(steps))


def _render(template: Path, data: dict[str, Any], staging: Path, target: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError as JinjaError

    data = {**data, "cookiecutter": {**data["cookiecutter"], **compiled_templates()}}
    source = pristine(template)
    with _template_on_path(source), _stdout_to_stderr(), _hooks_contained(staging):
        try:
            rendered = Path(generate_files(source, data, staging, accept_hooks=True))
            _drop_bytecode(rendered)
            return rendered
        except (CookiecutterException, JinjaError) as exc:
            message = " ".join(str(exc).split())
            raise TemplateError(f"template {template.name} failed: {message}") from None
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {_reason(exc)}") from None


def _drop_bytecode(rendered: Path) -> None:
    """Remove ``__pycache__`` copied from a template that could not be cached without them
    (see ``template_cache.pristine``): bytecode of a template is no part of the project."""
    for cache in sorted(rendered.rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)


def _write_record(rendered: Path, plan: Plan, template: Path, target: Path) -> None:
    try:
        (rendered / RECORD_NAME).write_text(context.record(plan, template), encoding="utf-8")
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {_reason(exc)}") from None


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
def _hooks_contained(scratch: Path) -> Iterator[None]:
    """Run the template's hooks so that nothing of them outlives the render.

    cookiecutter renders each hook into a temporary file that it never removes: those go to
    ``scratch`` (beside the project, removed with it). Each hook runs in a process group of
    its own, so that Ctrl-C at the terminal reaches stackwise alone, which then stops the hook
    and cleans up; a hook interrupted in its own start-up would print a fatal error instead.
    """
    from cookiecutter import hooks

    hook_files = scratch.absolute() / ".hook-scripts"  # no package name starts with a dot
    hook_files.mkdir()
    saved_tempdir, saved_runner = tempfile.tempdir, hooks.run_script
    tempfile.tempdir, hooks.run_script = str(hook_files), _run_hook
    try:
        yield
    finally:
        tempfile.tempdir, hooks.run_script = saved_tempdir, saved_runner


def _run_hook(script_path: str, cwd: Path | str = ".") -> None:
    """cookiecutter's ``run_script``, in a process group of its own and without a terminal."""
    from cookiecutter.exceptions import FailedHookException

    command = [sys.executable, script_path] if script_path.endswith(".py") else [script_path]
    os.chmod(script_path, os.stat(script_path).st_mode | stat.S_IXUSR)
    try:
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, process_group=0)
    except OSError as exc:
        raise FailedHookException(f"Hook script failed (error: {_reason(exc)})") from exc
    try:
        status = process.wait()
    except BaseException:
        _stop(process)
        raise
    if status != 0:
        raise FailedHookException(f"Hook script failed (exit status: {status})")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a hook that stackwise is abandoning: SIGTERM to its group, SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=grace)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what Python code and child processes print to stderr, for the duration."""
    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
    except OSError:  # no standard output or error to redirect
        saved = -1
    try:
        with redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stderr.flush()
        if saved >= 0:
            os.dup2(saved, 1)
            os.close(saved)


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
        raise WriteError(f"cannot create {output_dir}: {_reason(exc)}") from None
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
        raise WriteError(f"cannot write to {output_dir}: {_reason(exc)}") from None
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
        raise WriteError(f"cannot move the project into {target}: {_reason(exc)}") from None


def _list_files(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__
