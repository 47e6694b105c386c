"""Which choices do not apply to a set of answers, and why: what the page greys out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackwise import api
from stackwise.answers.resolve import chosen_framework, implied_by_selection, offered
from stackwise.answers.sources import parse_mapping
from stackwise.answers.vocabulary import BY_KEY, FRAMEWORK_NAMES, NEEDS_DATABASE, PROJECT_KEYS


def unavailable(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The framework the answers lead to and each choice that does not apply, with its reason.

    Raises ``Problems`` when the answers themselves are bad.
    """
    raw = parse_mapping(answers)
    framework = chosen_framework(raw, api.recommend(raw))
    name = FRAMEWORK_NAMES[framework]
    found: list[dict[str, str]] = []
    for key in PROJECT_KEYS:
        for value in BY_KEY[key].choices:
            if key != "framework" and value not in offered(key, framework):
                reason = f"{key}={value} is not available for {name}"
                found.append({"key": key, "value": value, "reason": reason})
    database = (
        raw.options.get("database")
        or implied_by_selection(raw).get("database")
        or BY_KEY["database"].default_for(framework)
    )
    if database == "none":
        for key in NEEDS_DATABASE:
            reason = f"{key}=yes needs a database, but database=none"
            found.append({"key": key, "value": "yes", "reason": reason})
    return {"framework": framework, "unavailable": found}
