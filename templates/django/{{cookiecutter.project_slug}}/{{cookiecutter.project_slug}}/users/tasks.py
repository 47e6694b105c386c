"""Mail sent by the Celery worker, out of the request that asked for it."""

from smtplib import SMTPException

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    # A mail server that is briefly away is retried: after about 1, 2, 4... seconds with
    # jitter, at most 10 minutes apart, five times.
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_email(
    subject: str, body: str, from_email: str | None, recipients: list[str]
) -> int:
    """Send one plain-text message through the configured backend; returns how many."""
    return send_mail(subject, body, from_email, recipients)
