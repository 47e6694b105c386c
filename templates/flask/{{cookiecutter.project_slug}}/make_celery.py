"""The Celery worker's entry point, as in Flask's Celery pattern: it builds the Flask app,
whose factory makes the Celery app (``{{ cookiecutter.project_slug }}.tasks.celery_init_app``).

    celery -A make_celery worker --loglevel INFO
"""

from {{ cookiecutter.project_slug }} import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]
