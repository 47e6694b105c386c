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

import functools
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from stackwise.errors import TemplateError, WriteError, os_reason
from stackwise.render.streams import braceless as _braceless
from stackwise.render.streams import stdout_to_stderr as _stdout_to_stderr
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
    settings = {**compiled_templates(source), "_repo_dir": str(source)}
    data = {**data, "cookiecutter": {**data["cookiecutter"], **settings}}
    with (
        _braceless(staging, target) as output,
        _template_on_path(source),
        _stdout_to_stderr(),
        _hooks_contained(staging),
        _remembering(output),
    ):
        try:
            written = Path(generate_files(source, data, output, accept_hooks=True))
            rendered = staging.absolute() / written.relative_to(output)
            _drop_bytecode(rendered)
            return rendered
        except (CookiecutterException, JinjaError) as exc:
            raise _failed(template, exc) from None
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {os_reason(exc)}") from None


def _failed(template: Path, exc: Exception) -> TemplateError:
    return TemplateError(f"template {template.name} failed: {_reason(exc)}")


def _reason(exc: Exception) -> str:
    """What went wrong in one line, without the whole context that cookiecutter's
    ``UndefinedVariableInTemplate`` puts in its text."""
    inner = getattr(exc, "error", None)
    text = f"{exc.message}: {inner}" if inner is not None and hasattr(exc, "message") else exc
    return " ".join(str(text).split())


def no_input_context(template: Path, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The context plain ``cookiecutter --no-input`` renders ``template`` with, ``answers``
    given as its extra context: every default rendered from the answers before it, each
    choice the answer given or the first. ``render`` takes it as it is."""
    from cookiecutter.exceptions import CookiecutterException
    from jinja2 import TemplateError as JinjaError

    with _ONE_AT_A_TIME, _template_on_path(template):
        try:
            context = _plain_context(template, dict(answers))
        except (CookiecutterException, JinjaError, ValueError) as exc:
            raise _failed(template, exc) from None
    context["cookiecutter"]["_template"] = str(template)
    return context


def render_plain(
    template: Path, answers: dict[str, Any], staging: Path, settings: dict[str, Any]
) -> tuple[Path, dict[str, Any]]:
    """Render any cookiecutter template as ``cookiecutter --no-input`` does with
    ``answers`` as its extra context, under ``staging``.

    cookiecutter builds the context itself (its ``generate_context`` and
    ``prompt_for_config``), so that what a template computes from the answers is exactly
    what plain cookiecutter computes. ``settings`` holds what cookiecutter adds to the
    context after prompting (``_template``, ``_output_dir``, ``_checkout``) and
    ``accept_hooks``. Returns the project directory and the value of every question.
    """
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError as JinjaError

    settings = dict(settings)
    accept_hooks = bool(settings.pop("accept_hooks"))
    with _ONE_AT_A_TIME, _template_on_path(template):
        try:
            data = _plain_context(template, answers)
        except (CookiecutterException, JinjaError, ValueError) as exc:
            raise _failed(template, exc) from None
        values = {key: data["cookiecutter"][key] for key in data["_cookiecutter"]}
        data["cookiecutter"].update({**settings, "_repo_dir": str(template)})
        with (
            _braceless(staging, staging) as output,
            _stdout_to_stderr(),
            _hooks_contained(staging),
            _remembering(output),
        ):
            try:
                written = generate_files(template, data, output, accept_hooks=accept_hooks)
                return staging.absolute() / Path(written).relative_to(output), values
            except (CookiecutterException, JinjaError) as exc:
                raise _failed(template, exc) from None
            except OSError as exc:
                raise WriteError(f"cannot write under {staging}: {os_reason(exc)}") from None


def _plain_context(template: Path, answers: dict[str, Any]) -> dict[str, Any]:
    """The context ``cookiecutter --no-input`` builds: the file, the answers over it, each
    value rendered from the earlier ones."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    context: dict[str, Any] = generate_context(
        context_file=str(template / "cookiecutter.json"), extra_context=dict(answers)
    )
    context["_cookiecutter"] = {
        k: v for k, v in context["cookiecutter"].items() if not k.startswith("_")
    }
    context["cookiecutter"].update(prompt_for_config(context, no_input=True))
    return context


def plain_defaults(template: Path, answers: dict[str, Any]) -> dict[str, Any]:
    """What each question of ``template`` takes with ``answers`` and no input: the defaults
    a prompt shows, rendered from the answers so far."""
    from cookiecutter.exceptions import CookiecutterException
    from jinja2 import TemplateError as JinjaError

    with _ONE_AT_A_TIME, _template_on_path(template):
        try:
            return dict(_plain_context(template, answers)["cookiecutter"])
        except (CookiecutterException, JinjaError, ValueError) as exc:
            raise _failed(template, exc) from None


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


@functools.cache
def _environment_class() -> type[Any]:
    from cookiecutter.environment import StrictEnvironment

    from stackwise.render.memo import RememberingCompiler

    return type("StackwiseEnvironment", (RememberingCompiler, StrictEnvironment), {})


def _environment(context: dict[str, Any]) -> Any:
    """cookiecutter's ``create_env_with_context``, with compiled sources remembered."""
    settings = context.get("cookiecutter", {}).get("_jinja2_env_vars", {})
    return _environment_class()(context=context, keep_trailing_newline=True, **settings)


@contextmanager
def _remembering(output: Path) -> Iterator[None]:
    """Render with what earlier renders in this process compiled and sniffed (see ``memo``)."""
    from cookiecutter import generate, hooks

    from stackwise.render import memo

    saved = generate.create_env_with_context, hooks.create_env_with_context, generate.is_binary
    generate.create_env_with_context = hooks.create_env_with_context = _environment
    generate.is_binary = memo.is_binary
    try:
        with memo.writing_under(output):
            yield
    finally:
        generate.create_env_with_context, hooks.create_env_with_context = saved[:2]
        generate.is_binary = saved[2]


@contextmanager
def _hooks_contained(scratch: Path) -> Iterator[None]:
    """Run the template's hooks so that nothing of them outlives the render.

    cookiecutter renders each hook into a temporary file that it never removes: those go to
    ``scratch`` (beside the project, removed with it). Each hook runs in a process group of
    its own, so that Ctrl-C at the terminal reaches stackwise alone, which then stops the hook
    and cleans up; a hook interrupted in its own start-up would print a fatal error instead.
    """
    from cookiecutter import generate, hooks

    hook_files = scratch.absolute() / ".hook-scripts"  # no package name starts with a dot
    hook_files.mkdir(exist_ok=True)
    saved = tempfile.tempdir, hooks.run_script, generate.run_hook_from_repo_dir
    tempfile.tempdir, hooks.run_script = str(hook_files), _run_hook
    generate.run_hook_from_repo_dir = _run_named_hook
    try:
        yield
    finally:
        tempfile.tempdir, hooks.run_script, generate.run_hook_from_repo_dir = saved


def _run_named_hook(
    repo_dir: str, hook_name: str, project_dir: str, context: dict[str, Any], _delete: bool
) -> None:
    """cookiecutter's ``run_hook_from_repo_dir``, whose failure names the hook in one line
    (cookiecutter's logs a traceback); the project is thrown away with its staging."""
    from cookiecutter import hooks, utils
    from cookiecutter.exceptions import FailedHookException

    with utils.work_in(repo_dir):
        try:
            hooks.run_hook(hook_name, project_dir, context)
        except FailedHookException as exc:
            reason = str(exc).removeprefix("Hook script failed ").strip("()")
            raise TemplateError(
                f"the template's {hook_name} hook failed ({reason}); nothing was written"
            ) from None


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
