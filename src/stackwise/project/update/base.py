"""Where the base of an update comes from: the pristine render of the project's record.

``base_renderer`` is keyed by the scheme of the record's template source (``builtin:``
here; other schemes plug into ``SCHEMES``). For a built-in template the base is rendered
with the template at hand when its hash is the recorded one, else by the stackwise
release that made the project, fetched from the package index through pip's own
configuration (so ``PIP_INDEX_URL``, ``PIP_FIND_LINKS`` and ``PIP_NO_INDEX`` work, offline
too) and cached under ``$XDG_CACHE_HOME/stackwise/releases``. ``--base-ref GITREF`` takes
the base from a commit of the project that holds its pristine generation instead.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from stackwise import api
from stackwise.errors import Refused, StackwiseError
from stackwise.project.update.answers import Recorded
from stackwise.project.update.index import Repo, git
from stackwise.template.cache import cache_home, content_hash
from stackwise.template.registry import template_dir

#: Renders the base under a scratch directory and returns where its files are.
Renderer = Callable[[Path], Path]
BASE_REF_HINT = (
    "pass --base-ref GITREF, a commit of the project that holds its generation unchanged "
    "(the first commit, usually)"
)


def template_at_hand(recorded: Recorded) -> Path:
    """The template the target is rendered from: for a built-in, this stackwise's."""
    scheme, _, name = recorded.source.partition(":")
    if scheme != "builtin":
        raise Refused(f"{recorded.source!r} is not a template this stackwise can update from")
    return template_dir(name)


def base_renderer(recorded: Recorded, base_answers: dict[str, object]) -> Renderer:
    """How to render the record's base; refused (naming ``--base-ref``) where none is had."""
    scheme, _, name = recorded.source.partition(":")
    if scheme not in SCHEMES:
        raise Refused(f"no base for a template from {recorded.source!r}: {BASE_REF_HINT}")
    return SCHEMES[scheme](recorded, name, base_answers)


def same_template(recorded: Recorded, template: Path) -> bool:
    """Whether the template at hand is the one the record names (by its files' hash)."""
    return recorded.hash is not None and recorded.hash == content_hash(template)


def _builtin(recorded: Recorded, name: str, base_answers: dict[str, object]) -> Renderer:
    if same_template(recorded, template_dir(name)):
        return lambda into: _render_here(base_answers, into)
    release = release_of(recorded.version)
    shipped = release / "stackwise" / "templates" / name
    if not shipped.is_dir() or recorded.hash not in (None, content_hash(shipped)):
        raise Refused(
            f"stackwise {recorded.version} from the package index has another {name} template "
            f"than the one that made this project: {BASE_REF_HINT}"
        )
    return lambda into: _render_by_release(release, recorded, into)


SCHEMES: dict[str, Callable[[Recorded, str, dict[str, object]], Renderer]] = {"builtin": _builtin}


def _render_here(answers: dict[str, object], into: Path) -> Path:
    plan = api.resolve(answers, identity={})
    return api.render(plan, into).project_dir


def release_of(version: str) -> Path:
    """The unpacked wheel of stackwise ``version``, fetched by pip once and cached."""
    home = cache_home() / "releases"
    unpacked = home / f"stackwise-{version}"
    if (unpacked / "stackwise" / "__init__.py").is_file():
        return unpacked
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".download-", dir=home) as scratch:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", f"stackwise=={version}", "--no-deps",
             "--only-binary=:all:", "--disable-pip-version-check", "-q", "-d", scratch],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
        )  # fmt: skip
        wheels = sorted(Path(scratch).glob("stackwise-*.whl"))
        if done.returncode != 0 or not wheels:
            raise Refused(
                f"the base needs stackwise {version}, which pip could not download "
                f"(pip install stackwise=={version} fetches it too): {BASE_REF_HINT}"
            )
        with zipfile.ZipFile(wheels[0]) as wheel:
            wheel.extractall(Path(scratch, "unpacked"))
        try:
            os.rename(Path(scratch, "unpacked"), unpacked)
        except OSError:  # another stackwise unpacked it first
            if not unpacked.is_dir():
                raise
    return unpacked


def _render_by_release(release: Path, recorded: Recorded, into: Path) -> Path:
    """The release's own ``stackwise new --answers RECORD``, which makes the project again."""
    answers = into / "record.json"
    answers.write_text(recorded.text, encoding="utf-8")
    out = into / "base"
    env = {**os.environ, "PYTHONPATH": str(release), "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "stackwise", "new", "--no-input", "--answers", str(answers),
         "-o", str(out)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, check=False,
    )  # fmt: skip
    made = list(out.iterdir()) if out.is_dir() else []
    if done.returncode != 0 or len(made) != 1:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise Refused(
            f"stackwise {recorded.version} could not render the base ({last}): {BASE_REF_HINT}"
        )
    return made[0]


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
