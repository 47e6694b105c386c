"""``.stackwise.json``: the answers a project was made from, and what made it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stackwise import __version__
from stackwise.answers.sources import RECORD_KEY

if TYPE_CHECKING:
    from stackwise.template.sources import Origin

RECORD_NAME = ".stackwise.json"
#: The schema of ``.stackwise.json``: 1 was stackwise 0.1.0's (answers and
#: ``stackwise_version``); 2 adds the template the project was made from.
RECORD_SCHEMA = 2


def record(answers: Mapping[str, Any], origin: Origin, template: Path) -> str:
    """The text of ``.stackwise.json``: the answers, then what made the project from them:
    the template's source as given, the ref asked for, the commit it resolved to, the
    directory in the repository, and the hash of its files, so that an update can tell
    whether the template at hand is the one the project was made from."""
    from stackwise.template.cache import content_hash

    made_by = {
        "schema": RECORD_SCHEMA,
        "version": __version__,
        "template": {**origin._asdict(), "hash": content_hash(template)},
    }
    data = {**answers, RECORD_KEY: made_by}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
