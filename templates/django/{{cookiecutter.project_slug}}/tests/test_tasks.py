"""The example task, run by a real Celery worker (Celery's pytest fixtures): over the
in-memory transport, or through the Redis that TEST_REDIS_URL names."""

import os
import queue
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery
from celery.contrib.testing.worker import TestWorkController
from celery.signals import task_success
from django.conf import settings
from django.db import OperationalError, transaction
from pytest_django import DjangoCaptureOnCommitCallbacks

import config.celery
from {{ cookiecutter.project_slug }}.notes.tasks import count_words

from .notes import make_note

REDIS = os.environ.get("TEST_REDIS_URL", "").strip()


@pytest.fixture(scope="session")
def celery_config() -> dict[str, Any]:
    """The project's own Celery settings (time limits, acks_late...), on a test broker."""
    config = {
        name.removeprefix("CELERY_").lower(): getattr(settings, name)
        for name in dir(settings)
        if name.startswith("CELERY_")
    }
    config["broker_url"] = REDIS or "memory://"
    config["result_backend"] = REDIS or "cache+memory://"
    return config


@pytest.fixture
def results() -> Iterator["queue.Queue[Any]"]:
    """What each count_words the worker completes returns, in order (the worker's own
    start-up ping is left out)."""
    done: queue.Queue[Any] = queue.Queue()

    def collect(sender: Any, result: Any, **kwargs: Any) -> None:
        if getattr(sender, "name", None) == count_words.name:
            done.put(result)

    task_success.connect(collect, weak=False)
    yield done
    task_success.disconnect(collect)


@pytest.mark.django_db(transaction=True)
def test_the_worker_counts_a_notes_words(
    celery_app: Celery, celery_worker: TestWorkController
) -> None:
    note = make_note("Three little words", body="and two")

    assert count_words.delay(note.pk).get(timeout=30) == 5


@pytest.mark.django_db(transaction=True)
def test_a_new_note_is_sent_to_the_worker_once_committed(
    celery_app: Celery,
    celery_worker: TestWorkController,
    results: "queue.Queue[Any]",
) -> None:
    # A note whose transaction rolls back sends nothing: the worker would not find it.
    with pytest.raises(RuntimeError), transaction.atomic():
        make_note("Rolled back", body="never counted at all")
        raise RuntimeError("the request failed")
    with transaction.atomic():
        make_note("Kept", body="one two")

    assert results.get(timeout=30) == 3
    assert results.empty()


@pytest.mark.django_db
def test_only_a_new_note_queues_the_task(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        note = make_note()
        note.title = "Edited"
        note.save()

    assert len(callbacks) == 1


@pytest.mark.django_db(transaction=True)
def test_a_deleted_note_is_nothing_to_do(
    celery_app: Celery, celery_worker: TestWorkController
) -> None:
    note = make_note()
    note_id = note.pk
    note.delete()

    assert count_words.delay(note_id).get(timeout=30) is None


def test_a_database_error_is_retried_with_exponential_backoff() -> None:
    task: Any = count_words
    assert task.autoretry_for == (OperationalError,)
    assert (task.retry_backoff, task.retry_jitter, task.max_retries) == (True, True, 5)


def test_the_project_app_reads_the_settings_and_finds_the_tasks() -> None:
    assert config.celery.app.conf.broker_url == settings.CELERY_BROKER_URL
    assert config.celery.app.conf.task_acks_late is True
    conf = config.celery.app.conf
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    config.celery.app.loader.import_default_modules()
    assert "{{ cookiecutter.project_slug }}.notes.tasks.count_words" in config.celery.app.tasks
