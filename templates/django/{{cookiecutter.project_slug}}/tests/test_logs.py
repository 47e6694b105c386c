"""The log lines a request writes: JSON in production, readable in development, each with
the request's id."""

import json

from .test_settings import production_env, run

#: A request for a page that does not exist, which Django logs as a warning.
NOT_FOUND = (
    "import django; django.setup(); from django.test import Client; "
    "Client(HTTP_HOST='example.com', HTTP_X_FORWARDED_PROTO='https', "
    "HTTP_X_REQUEST_ID='req-42').get('/no-such-page')"
)


def test_production_logs_one_json_object_per_line_with_the_request_id() -> None:
    done = run(["-c", NOT_FOUND], production_env())

    assert done.returncode == 0, done.stderr
    # Every log line is an object (Python's warnings, which are not logged, are not).
    lines = [json.loads(line) for line in done.stderr.splitlines() if line[:1] == "{"]
    warning = next(line for line in lines if line["logger"] == "django.request")
    assert warning["level"] == "WARNING"
    assert warning["message"] == "Not Found: /no-such-page"
    assert warning["request_id"] == "req-42"
    assert warning["time"].endswith("+00:00")


def test_development_logs_readable_lines_with_the_request_id() -> None:
    done = run(
        ["-c", NOT_FOUND],
        production_env(DJANGO_SETTINGS_MODULE="config.settings.local"),
    )

    assert done.returncode == 0, done.stderr
    # Django's own console handler writes the bare message too, in development.
    line = next(line for line in done.stderr.splitlines() if "[req-42]" in line)
    assert line.endswith(" WARNING django.request [req-42] Not Found: /no-such-page")
