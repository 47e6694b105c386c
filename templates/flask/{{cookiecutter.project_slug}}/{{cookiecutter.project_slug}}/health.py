"""A health endpoint for load balancers and container orchestrators."""

{% if cookiecutter.api_docs == "yes" -%}
from flask_smorest import Blueprint

bp = Blueprint("health", __name__, description="Liveness of the service")
{%- else -%}
from flask import Blueprint

bp = Blueprint("health", __name__)
{%- endif %}


@bp.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
