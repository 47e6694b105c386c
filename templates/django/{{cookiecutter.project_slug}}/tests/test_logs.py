"""The log lines a request writes: JSON in production, readable in development, each with
the request's id."""

import json

from .test_settings import local, production


def test_production_logs_one_json_object_per_line_with_the_request_id() -> None:
    # The production probe asks for a page that does not exist, which Django logs as a
    # warning.
    _, log = production()

    # Every log line is an object (Python's warnings, which are not logged, are not).
    lines = [json.loads(line) for line in log.splitlines() if line[:1] == "{"]
    warning = next(line for line in lines if line["logger"] == "django.request")
    assert warning["level"] == "WARNING"
    assert warning["message"] == "Not Found: /no-such-page"
    assert warning["request_id"] == "req-42"
    assert warning["time"].endswith("+00:00")


def test_development_logs_readable_lines_with_the_request_id() -> None:
    _, log = local()

    # Django's own console handler writes the bare message too, in development.
    line = next(line for line in log.splitlines() if "[req-42]" in line)
    assert line.endswith(" WARNING django.request [req-42] Not Found: /no-such-page")
