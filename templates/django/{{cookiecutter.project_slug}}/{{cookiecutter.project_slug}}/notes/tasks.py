"""Background work on notes, run by the Celery worker rather than inside a request."""

import logging

from celery import shared_task
from django.db import OperationalError

from {{ cookiecutter.project_slug }}.notes.models import Note

logger = logging.getLogger(__name__)


@shared_task(
    # A database that is briefly away (a restart, a fail-over) is retried: after about 1,
    # 2, 4... seconds with jitter, at most 10 minutes apart, five times.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def count_words(note_id: int) -> int | None:
    """The example task, sent once a new note is committed: counts its words.

    Replace the body with the slow work your project has (a thumbnail, a search index, an
    e-mail). A task may run more than once (acks_late), so keep it idempotent.
    """
    note = Note.objects.filter(pk=note_id).first()
    if note is None:
        logger.info("note %s was deleted before its task ran", note_id)
        return None
    words = len(f"{note.title} {note.body}".split())
    logger.info("note %s has %s words", note_id, words)
    return words
