{%- from "_flags.j2" import db, auth with context -%}
"""The tasks run through a real Celery worker: Celery's pytest fixtures start one in a
thread, on the in-memory transport, and on a real Redis too when ``TEST_REDIS_URL`` (or
``REDIS_URL``) names one."""

import os
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from celery.signals import task_postrun
{%- if db %}
from fastapi.testclient import TestClient
{%- endif %}

from app import tasks
from app.config import Settings
from app.tasks import {% if db %}item_created{% else %}announce{% endif %}
from tests.conftest import SettingsFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL")
NEEDS_REDIS = pytest.mark.skipif(
    not REDIS_URL, reason="needs TEST_REDIS_URL (or REDIS_URL)"
)
TRANSPORTS = [
    pytest.param(("memory://", "cache+memory://"), id="memory"),
    pytest.param((REDIS_URL, REDIS_URL), id="redis", marks=NEEDS_REDIS),
]


def forget_the_transport(app: Celery) -> None:
    """Celery keeps the broker's connections, the result backend and the queues it made
    for the first configuration it had: a test that moves the app to another transport
    has it drop them (``configure`` alone changes only the configuration)."""
    app.close()
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local = threading.local()


@pytest.fixture(params=TRANSPORTS)
def settings(
    request: pytest.FixtureRequest, make_settings: SettingsFactory
) -> Iterator[Settings]:
    """The app's settings, on the transport of the test's parameter; the queue is one of
    the test's own, so that a shared Redis holds no other test's tasks."""
    broker, backend = request.param
    forget_the_transport(tasks.celery_app)
    tasks.celery_app.conf.task_default_queue = f"test-{uuid.uuid4().hex}"
    yield make_settings(celery_broker_url=broker, celery_result_backend=backend)
    forget_the_transport(tasks.celery_app)


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


def test_the_settings_make_the_celery_app(celery_app: Any, settings: Settings) -> None:
    conf = celery_app.conf

    assert conf.broker_url == settings.celery_broker_url
    assert conf.task_time_limit == 300
    assert conf.task_soft_time_limit == 240
    assert conf.task_acks_late is True


def test_redis_is_the_broker_by_default(make_settings: SettingsFactory) -> None:
    config = tasks.celery_config(
        make_settings(
            redis_url="redis://cache.internal:6379/2",
            celery_broker_url=None,
            celery_result_backend=None,
        )
    )

    assert config["broker_url"] == "redis://cache.internal:6379/2"
    assert config["result_backend"] == "redis://cache.internal:6379/2"


def test_the_example_task_retries_with_backoff() -> None:
    task = {% if db %}item_created{% else %}announce{% endif %}

    assert task.acks_late is True
    assert task.retry_backoff is True
    assert task.max_retries == 5
    assert ConnectionError in task.autoretry_for
{%- if db %}


def test_creating_an_item_queues_the_task_which_a_worker_runs(
    client: TestClient, celery_worker: Any, finished: Finished
) -> None:
{%- if auth %}
    credentials = {"username": "writer", "password": "a long password"}
    assert client.post("/users", json=credentials).status_code == 201
    token = client.post("/auth/token", data=credentials).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
{%- else %}
    headers: dict[str, str] = {}
{%- endif %}

    response = client.post("/items", json={"name": "Lamp"}, headers=headers)

    assert response.status_code == 201, response.text
    item_id = response.json()["id"]
    assert finished.wait_for(item_created.name) == [f"item {item_id} created: Lamp"]


def test_the_task_of_a_deleted_item_does_nothing(
    client: TestClient, celery_worker: Any
) -> None:
    result = item_created.delay(123456)

    assert result.get(timeout=10) is None
{%- else %}


def test_a_worker_runs_the_example_task(
    celery_app: Any, celery_worker: Any, finished: Finished
) -> None:
    result = announce.delay("ready")

    assert result.get(timeout=10) == "ready"
    assert finished.wait_for(announce.name) == ["ready"]
{%- endif %}
