"""Error reporting with Sentry, through sentry-sdk's Flask integration.

Nothing happens without ``SENTRY_DSN``: the SDK is not even initialised, so development and
the tests send nothing. With it, unhandled errors{% if cookiecutter.tasks == "celery" %} (of
requests and of Celery tasks alike){% endif %} go to Sentry with the environment
(``SENTRY_ENVIRONMENT``, else the app's mode), the release (``SENTRY_RELEASE``) and, for
``SENTRY_TRACES_SAMPLE_RATE`` of the requests, performance traces.
No personal data: ``send_default_pii`` stays at its default, off, so no cookies, user ids,
IP addresses or request bodies leave the server (sentry-sdk now warns when the option is
passed at all, in favour of ``data_collection``, whose default follows it). To send some,
set ``data_collection`` here.
"""

import sentry_sdk
from flask import Flask
{%- if cookiecutter.tasks == "celery" %}
from sentry_sdk.integrations.celery import CeleryIntegration
{%- endif %}
from sentry_sdk.integrations.flask import FlaskIntegration


def environment_of(app: Flask) -> str:
    """The environment errors are filed under: ``SENTRY_ENVIRONMENT``, else the app's mode."""
    if app.config["SENTRY_ENVIRONMENT"]:
        return str(app.config["SENTRY_ENVIRONMENT"])
    if app.testing:
        return "testing"
    return "development" if app.debug else "production"


def init_sentry(app: Flask) -> None:
    """Start the SDK when ``SENTRY_DSN`` is set; do nothing otherwise."""
    dsn = app.config["SENTRY_DSN"]
    if not dsn:
        return
    sentry_sdk.init(
        dsn=dsn,
        environment=environment_of(app),
        release=app.config["SENTRY_RELEASE"] or None,
        traces_sample_rate=float(app.config["SENTRY_TRACES_SAMPLE_RATE"]),
        integrations=[FlaskIntegration(){% if cookiecutter.tasks == "celery" %}, CeleryIntegration(){% endif %}],
    )
