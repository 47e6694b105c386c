"""A copy of a built-in template with a hook of the test's own, run by a real stackwise."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from stackwise.template import registry
from support.cli import cli_env


def hooked_templates(tmp_path: Path, pre_gen_hook: str) -> Path:
    """A copy of the templates whose Flask template runs ``pre_gen_hook`` before generating."""
    root = tmp_path / "templates"
    shutil.copytree(registry.templates_root(), root)
    (root / "flask" / "hooks").mkdir(exist_ok=True)
    (root / "flask" / "hooks" / "pre_gen_project.py").write_text(pre_gen_hook, "utf-8")
    return root


def start_stackwise(
    root: Path,
    args: list[str],
    extra_env: Mapping[str, str] | None = None,
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.Popen[str]:
    """``stackwise ARGS`` in a session of its own, with the templates under ``root``."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from stackwise.template import registry\n"
        f"registry.templates_root = lambda: Path({str(root)!r})\n"
        "from stackwise.cli import main\n"
        "main(sys.argv[1:], prog_name='stackwise')\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(extra_env),
        start_new_session=True,
        preexec_fn=preexec_fn,
    )


def wait_for_file(path: Path, process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait until the hook has written ``path`` (it has started), failing if it never does."""
    deadline = time.monotonic() + timeout
    while not path.exists() and process.poll() is None:
        assert time.monotonic() < deadline, "the hook never started"
        time.sleep(0.05)
