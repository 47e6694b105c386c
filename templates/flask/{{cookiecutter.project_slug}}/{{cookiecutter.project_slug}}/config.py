"""Settings. Each can be overridden by an environment variable ``FLASK_<NAME>``."""


class Config:
    PROJECT_NAME = {{ cookiecutter.project_name|quoted }}
    LOG_LEVEL = "INFO"
    # For local development only; set FLASK_SECRET_KEY anywhere else.
    SECRET_KEY = "dev-only-insecure-key"
