"""A health endpoint for load balancers and container orchestrators."""
{%- if cookiecutter.api_docs == "yes" %}

from flask_smorest import Blueprint

bp = Blueprint("health", __name__, description="Liveness of the service")


@bp.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
{%- else %}


def health() -> dict[str, str]:
    """Registered on the app itself rather than a blueprint: load balancers call it all
    the time, and Flask does extra work on every request to a blueprint's route."""
    return {"status": "ok"}
{%- endif %}
