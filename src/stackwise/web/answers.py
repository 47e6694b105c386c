"""Answers from a request: a query string, a form or a JSON object, bounded in size.

The keys are the answers file's keys; ``needs`` may be repeated or comma-separated, and an
empty value counts as not given (a form's untouched field). Nothing here decides what an
answer means: ``stackwise.api`` checks them all and names every bad key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from stackwise.answers.vocabulary import PROJECT_KEYS, SELECTION_KEYS
from stackwise.errors import Problems, UsageProblem

#: The most bytes a request body, or characters a query string, may hold.
MAX_BODY = 16 * 1024
MAX_QUERY = 8 * 1024
#: The most answers (keys) one request may give.
MAX_KEYS = 64


class RequestTooLarge(UsageProblem):
    """A body, a query string or a set of answers beyond the bounds above."""


def from_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A mapping of answers from ``key=value`` pairs; raises ``Problems`` for a repeated key."""
    answers: dict[str, Any] = {}
    repeated: list[UsageProblem] = []
    for key, value in pairs:
        if key == "needs":
            items = [item.strip() for item in value.split(",") if item.strip()]
            answers["needs"] = [*answers.get("needs", []), *items]
        elif key in answers and answers[key] != (value or None):
            repeated.append(UsageProblem(f"{key} is given more than once", key))
        else:  # an empty known answer is not given; an unknown key is reported all the same
            known = key in SELECTION_KEYS or key in PROJECT_KEYS
            answers[key] = value or (None if known else value)
        if len(answers) > MAX_KEYS:
            raise RequestTooLarge(f"more than {MAX_KEYS} answers")
    if repeated:
        raise Problems(repeated)
    return answers


def from_query(query: str) -> dict[str, Any]:
    if len(query) > MAX_QUERY:
        raise RequestTooLarge(f"the query string is longer than {MAX_QUERY} characters")
    return from_pairs(parse_qsl(query, keep_blank_values=True))


def from_body(body: bytes, content_type: str) -> dict[str, Any]:
    """Answers from a POST body: a JSON object, or a URL-encoded form."""
    if not body.strip():
        return {}
    if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
        return from_query(body.decode("utf-8", "replace"))
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise UsageProblem("the body is not JSON: send a JSON object of answers") from None
    if not isinstance(data, dict):
        raise UsageProblem("the body is not a JSON object: send a JSON object of answers")
    if len(data) > MAX_KEYS:
        raise RequestTooLarge(f"more than {MAX_KEYS} answers")
    return data
