"""Logging for the application, set up once from the settings."""

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Send records at ``level`` and above to standard error.

    The server's own loggers (uvicorn's) keep their configuration.
    """
    logging.basicConfig(level=level.upper(), format=FORMAT)
    logging.getLogger("app").setLevel(level.upper())
