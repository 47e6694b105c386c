{%- set db = cookiecutter.database != "none" -%}
{%- set auth = cookiecutter.auth == "yes" -%}
"""The tasks run through a real Celery worker: Celery's pytest fixtures start one in a
thread, on the in-memory transport, and on a real Redis too when ``TEST_REDIS_URL`` (or
``REDIS_URL``) names one."""

import os
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from celery.signals import task_postrun
from conftest import {% if auth %}Account, {% endif %}AppFactory{% if auth %}, bearer{% endif %}
from flask import Flask

from {{ cookiecutter.project_slug }}.tasks import {% if db %}item_created{% else %}announce{% endif %}

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
NEEDS_REDIS = pytest.mark.skipif(
    not REDIS_URL, reason="needs TEST_REDIS_URL (or REDIS_URL)"
)
TRANSPORTS = [
    pytest.param(("memory://", "cache+memory://"), id="memory"),
    pytest.param(
        (REDIS_URL, REDIS_URL),
        id="redis",
        marks=NEEDS_REDIS,
    ),
]


@pytest.fixture(params=TRANSPORTS)
def app(request: pytest.FixtureRequest, make_app: AppFactory) -> Flask:
    """A testing app whose Celery app uses the transport of the test's parameter, on a
    queue of its own (so that a shared Redis holds no other test's tasks)."""
    broker, backend = request.param
    app = make_app(CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND=backend)
    app.extensions["celery"].conf.task_default_queue = f"test-{uuid.uuid4().hex}"
{%- if db %}
    from {{ cookiecutter.project_slug }}.extensions import db

    with app.app_context():
        db.create_all()
{%- endif %}
    return app


class Finished:
    """The tasks that workers of this process finish, by name, with their results."""

    def __init__(self) -> None:
        self.results: dict[str, list[Any]] = {}
        self.event = threading.Event()

    def __call__(self, task: Any, retval: Any, **_: Any) -> None:
        self.results.setdefault(task.name, []).append(retval)
        self.event.set()

    def wait_for(self, name: str, timeout: float = 10.0) -> list[Any]:
        while name not in self.results:
            assert self.event.wait(timeout), f"no {name} task finished in {timeout}s"
            self.event.clear()
        return self.results[name]


@pytest.fixture
def finished() -> Iterator[Finished]:
    seen = Finished()
    task_postrun.connect(seen, weak=False)
    yield seen
    task_postrun.disconnect(seen)


def test_the_settings_make_the_celery_app(app: Flask) -> None:
    conf = app.extensions["celery"].conf

    assert conf.task_time_limit == 300
    assert conf.task_soft_time_limit == 240
    assert conf.task_acks_late is True
    # The worker's lines go to the app's handler on the real standard error; redirected,
    # they would be written back into logging and lost.
    assert conf.worker_hijack_root_logger is False
    assert conf.worker_redirect_stdouts is False


def test_the_example_task_retries_with_backoff() -> None:
    task = {% if db %}item_created{% else %}announce{% endif %}

    assert task.acks_late is True
    assert task.retry_backoff is True
    assert task.max_retries == 5
    assert ConnectionError in task.autoretry_for
{%- if db %}


def test_creating_an_item_queues_the_task_which_a_worker_runs(
    app: Flask, celery_worker: Any, finished: Finished{% if auth %}, account: Account{% endif %}
) -> None:
    client = app.test_client()
{%- if auth %}
    headers = bearer(client, account)
{%- else %}
    headers: dict[str, str] = {}
{%- endif %}

    response = client.post("/items/", json={"name": "Lamp"}, headers=headers)

    assert response.status_code == 201, response.text
    item_id = response.get_json()["id"]
    assert finished.wait_for(item_created.name) == [f"item {item_id} created: Lamp"]


def test_the_task_of_a_deleted_item_does_nothing(
    app: Flask, celery_worker: Any
) -> None:
    with app.app_context():
        result = item_created.delay(123456)

    assert result.get(timeout=10) is None
{%- else %}


def test_a_worker_runs_the_example_task(
    app: Flask, celery_worker: Any, finished: Finished
) -> None:
    with app.app_context():
        result = announce.delay("ready")

    assert result.get(timeout=10) == "ready"
    assert finished.wait_for(announce.name) == ["ready"]
{%- endif %}
