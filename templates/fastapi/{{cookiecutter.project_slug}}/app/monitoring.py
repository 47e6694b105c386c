{%- from "_flags.j2" import celery with context -%}
"""Error reporting with Sentry, through sentry-sdk's Starlette and FastAPI integrations.

Nothing happens without ``SENTRY_DSN``: the SDK is not even initialised, so development
and the tests send nothing. With it, unhandled errors{% if celery %} (of requests and of
Celery tasks alike){% endif %} go to Sentry with the environment (``SENTRY_ENVIRONMENT``,
else ``ENVIRONMENT``), the release (``SENTRY_RELEASE``) and, for
``SENTRY_TRACES_SAMPLE_RATE`` of the requests, performance traces.

No personal data: ``send_default_pii`` stays at its default, off, so no cookies, user
ids, IP addresses or request bodies leave the server, nor do the stack frames' local
variables (which hold the raw request headers). sentry-sdk warns when
``send_default_pii`` is passed at all, in favour of ``data_collection``, whose default
follows it: to send some personal data, set ``data_collection`` here.
"""

import sentry_sdk
{%- if celery %}
from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
from sentry_sdk.integrations.fastapi import FastApiIntegration
from sentry_sdk.integrations.starlette import StarletteIntegration

from app.config import Settings


def init_sentry(settings: Settings) -> bool:
    """Start the SDK when ``SENTRY_DSN`` is set; do nothing otherwise. Whether it did."""
    if not settings.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.sentry_environment or settings.environment,
        release=settings.sentry_release or None,
        traces_sample_rate=settings.sentry_traces_sample_rate,
        # The frames' local variables would include the ASGI scope, whose raw headers
        # hold the request's cookies and tokens.
        include_local_variables=False,
        integrations=[
            StarletteIntegration(),
            FastApiIntegration(),
{%- if celery %}
            CeleryIntegration(),
{%- endif %}
        ],
    )
    return True
