"""The answers of an update: the record's, brought to the template at hand, and changed.

The record (``.stackwise.json``) holds every answer the project was made from. The
template's manifest says, in its ``[[migrations]]``, which options an older record names
otherwise (``rename``) or that are gone (``drop``); the record holds no template version,
so a migration applies where its old key is present, in the manifest's version order. Then
the answers file and ``--set`` change what they name, and options that are new in the
template are the only ones left open (asked at a terminal, their defaults otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from stackwise.answers.sources import RECORD_KEY, VERSION_KEY, RawAnswers, from_mapping
from stackwise.errors import Refused
from stackwise.project.record import RECORD_NAME
from stackwise.template.manifest import Manifest
from stackwise.template.sources import Origin


class Recorded(NamedTuple):
    """What a project's record says: its answers, and what made it."""

    answers: dict[str, Any]
    version: str
    schema: int
    #: ``builtin:flask``, or a source issue 12's templates record.
    source: str
    hash: str | None
    #: The record's text exactly as it is in the project.
    text: str
    #: What ``--template`` recorded beside the source: the ref, its commit, the directory.
    ref: str | None = None
    commit: str | None = None
    directory: str | None = None

    @property
    def origin(self) -> Origin:
        return Origin(self.source, self.ref, self.commit, self.directory)


def read_record(project: Path) -> Recorded:
    """The record of the project at ``project``; refused when it is not a stackwise project."""
    path = project / RECORD_NAME
    hint = "update runs in a directory that stackwise new made"
    try:
        text = path.read_text("utf-8")
        data = json.loads(text)
    except FileNotFoundError:
        raise Refused(f"{project} is not a stackwise project (no {RECORD_NAME}): {hint}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise Refused(f"cannot read {path}: {exc}") from None
    made_by = data.get(RECORD_KEY) if isinstance(data, dict) else None
    template = made_by.get("template") if isinstance(made_by, dict) else None
    template = template if isinstance(template, dict) else {}
    if not isinstance(data, dict) or not (
        isinstance(data.get("framework"), str) or isinstance(template.get("source"), str)
    ):
        raise Refused(f"{path} is not a stackwise record (it names no framework nor template)")
    answers = {k: v for k, v in data.items() if k not in (RECORD_KEY, VERSION_KEY)}
    if isinstance(made_by, dict):
        return Recorded(
            answers,
            str(made_by.get("version", "")),
            int(made_by.get("schema", 2)),
            str(template.get("source") or f"builtin:{data['framework']}"),
            template.get("hash"),
            text,
            *(template.get(key) for key in ("ref", "commit", "directory")),
        )
    return Recorded(
        answers, str(data.get(VERSION_KEY, "")), 1, f"builtin:{data['framework']}", None, text
    )


def migrate(answers: Mapping[str, Any], manifest: Manifest) -> dict[str, Any]:
    """The answers with the manifest's renames and drops applied, oldest first."""
    migrated = dict(answers)
    for migration in sorted(manifest.migrations, key=lambda m: m.version):
        for old, new in migration.rename.items():
            if old in migrated and new not in migrated:
                migrated[new] = migrated.pop(old)
        for key in migration.drop:
            migrated.pop(key, None)
    return migrated


class Changed(NamedTuple):
    """The target's answers, and how they differ from the record's."""

    raw: RawAnswers
    #: Options the record did not hold (new in the template), in the template's order.
    new_keys: tuple[str, ...]


def target_answers(
    recorded: Mapping[str, Any], keys: tuple[str, ...], given: RawAnswers
) -> Changed:
    """The record's (migrated) answers with ``given`` (an answers file, ``--set``) over them."""
    raw = from_mapping(recorded, RECORD_NAME)
    framework = raw.options.get("framework")
    asked = given.options.get("framework", framework)
    if asked not in (framework, "auto"):
        raise Refused(
            f"framework is {framework} in {RECORD_NAME}: update keeps it "
            f"(make a new project with stackwise new --framework {asked})",
            "framework",
        )
    changes = RawAnswers(
        dict(given.selection), {k: v for k, v in given.options.items() if k != "framework"}
    )
    raw.update(changes)
    new_keys = tuple(k for k in keys if k not in recorded and k not in raw.options)
    return Changed(raw, new_keys)
