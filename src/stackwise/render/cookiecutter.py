"""Cookiecutter: the one module that imports it, and the process-wide settings it needs.

stackwise never goes through cookiecutter's prompts: it hands ``generate_files`` a complete
context whose values are plain data. While a template renders, anything written to
standard output (by cookiecutter or a template's hooks) goes to standard error instead:
standard output is for the result, which ``--json`` promises is one JSON object. The
template's ``local_extensions`` is importable for the duration, its hooks run in a process
group of their own, and their rendered copies are kept out of ``$TMPDIR``.

All of that is process-wide (cookiecutter also changes the working directory while it
renders), so one render runs at a time in a process: a threaded server's requests queue for
it, and several worker processes render side by side.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import Any

from stackwise.errors import TemplateError, WriteError, os_reason
from stackwise.template.cache import compiled_templates, pristine

#: Held while a template renders: what rendering changes belongs to the whole process.
_ONE_AT_A_TIME = threading.Lock()


def render(template: Path, data: dict[str, Any], staging: Path, target: Path) -> Path:
    """Render ``template`` with ``data`` under ``staging``; errors name ``target``."""
    with _ONE_AT_A_TIME:
        return _render(template, data, staging, target)


def _render(template: Path, data: dict[str, Any], staging: Path, target: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError as JinjaError

    source = pristine(template)
    # As plain cookiecutter gives it: the hooks find the template's manifest there.
    settings = {**compiled_templates(), "_repo_dir": str(source)}
    data = {**data, "cookiecutter": {**data["cookiecutter"], **settings}}
    with _template_on_path(source), _stdout_to_stderr(), _hooks_contained(staging):
        try:
            rendered = Path(generate_files(source, data, staging, accept_hooks=True))
            _drop_bytecode(rendered)
            return rendered
        except (CookiecutterException, JinjaError) as exc:
            raise TemplateError(f"template {template.name} failed: {_reason(exc)}") from None
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {os_reason(exc)}") from None


def no_input_context(template: Path, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The context plain ``cookiecutter --no-input`` renders ``template`` with, ``answers``
    given as its extra context: every default rendered from the answers before it, each
    choice the answer given or the first. ``render`` takes it as it is."""
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config
    from jinja2 import TemplateError as JinjaError

    with _ONE_AT_A_TIME, _template_on_path(template):
        try:
            context = generate_context(
                str(template / "cookiecutter.json"), extra_context=dict(answers)
            )
            public = {k: v for k, v in context["cookiecutter"].items() if not k.startswith("_")}
            context["_cookiecutter"] = public
            context["cookiecutter"].update(prompt_for_config(context, no_input=True))
        except (CookiecutterException, JinjaError, ValueError) as exc:
            raise TemplateError(f"template {template.name} failed: {_reason(exc)}") from None
    context["cookiecutter"]["_template"] = str(template)
    return dict(context)


def _reason(exc: Exception) -> str:
    """What went wrong in one line, without the whole context that cookiecutter's
    ``UndefinedVariableInTemplate`` puts in its text."""
    inner = getattr(exc, "error", None)
    text = f"{exc.message}: {inner}" if inner is not None and hasattr(exc, "message") else exc
    return " ".join(str(text).split())


def _drop_bytecode(rendered: Path) -> None:
    """Remove ``__pycache__`` copied from a template that could not be cached without them
    (see ``template_cache.pristine``): bytecode of a template is no part of the project."""
    for cache in sorted(rendered.rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)


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
        raise FailedHookException(f"Hook script failed (error: {os_reason(exc)})") from exc
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
