"""The Celery application, as Celery's "First steps with Django" lays it out.

Its settings are Django's whose names start with ``CELERY_`` (see config/settings); its tasks
are each installed app's ``tasks`` module. Run a worker with ``celery -A config worker``.
"""

import os

from celery import Celery

# A worker is a server process: production settings unless told otherwise, as config.wsgi.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
