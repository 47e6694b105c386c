"""What happens when a note is saved, however it was written (page, API, admin, shell)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from {{ cookiecutter.project_slug }}.notes.models import Note
from {{ cookiecutter.project_slug }}.notes.tasks import count_words


@receiver(post_save, sender=Note, dispatch_uid="notes.count_words")
def send_count_words(
    sender: type[Note], instance: Note, created: bool, **kwargs: Any
) -> None:
    """Queue the example task once the note is committed: a worker that picked it up from
    inside the transaction would not find the note yet, and a rolled-back note sends none."""
    if created:
        note_id = instance.pk
        transaction.on_commit(lambda: count_words.delay(note_id))
