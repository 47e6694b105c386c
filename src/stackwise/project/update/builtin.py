"""Base and target of a project made from a built-in template (``builtin:NAME``).

The target is this stackwise's template with the record's answers, migrated by the
manifest, and the user's changes. The base is rendered with the template at hand when its
hash is the recorded one, else by the stackwise release that made the project, fetched
from the package index through pip's own configuration (so ``PIP_INDEX_URL``,
``PIP_FIND_LINKS`` and ``PIP_NO_INDEX`` work, offline too) and cached under
``$XDG_CACHE_HOME/stackwise/releases``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from stackwise import api
from stackwise.answers import sources
from stackwise.answers.vocabulary import template_keys
from stackwise.errors import Refused
from stackwise.project.record import RECORD_NAME, record
from stackwise.project.update.answers import Recorded, migrate, target_answers
from stackwise.project.update.sides import BASE_REF_HINT, Renderer, Request, Sides
from stackwise.template.cache import cache_home, content_hash
from stackwise.template.manifest import load_manifest
from stackwise.template.registry import template_dir
from stackwise.template.sources import Origin


def sides(_project: Path, recorded: Recorded, request: Request) -> Sides:
    """The record's render and this stackwise's, with the answers changed as asked."""
    if request.checkout is not None:
        raise Refused(
            f"--checkout is for a project made with --template; this one is {recorded.source}"
        )
    framework = recorded.answers.get("framework")
    if not isinstance(framework, str):
        raise Refused(f"{RECORD_NAME} names {recorded.source} but no framework")
    template = template_dir(framework)
    migrated = migrate(recorded.answers, load_manifest(template))
    given = sources.collect(request.file, request.sets, {})
    target = target_answers(migrated, template_keys(framework), given)
    if request.ask is not None and target.new_keys:
        request.ask.new_options(target.raw, target.new_keys)
    plan = api.resolve(target.raw, name_default=None, identity={})
    same = None
    if same_template(recorded, template) and (
        api.resolve(migrated, identity={}).answers() == plan.answers()
    ):
        same = record(plan.answers(), Origin(f"builtin:{framework}"), template)
    return Sides(
        base=lambda into: base_renderer(recorded, migrated)(into),
        target=lambda into: api.render(plan, into).project_dir,
        new_keys=target.new_keys,
        same=same,
    )


def same_template(recorded: Recorded, template: Path) -> bool:
    """Whether the template at hand is the one the record names (by its files' hash)."""
    return recorded.hash is not None and recorded.hash == content_hash(template)


def base_renderer(recorded: Recorded, base_answers: dict[str, Any]) -> Renderer:
    """How to render the record's base; refused (naming ``--base-ref``) where none is had."""
    name = recorded.source.partition(":")[2]
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


def _render_here(answers: dict[str, Any], into: Path) -> Path:
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
