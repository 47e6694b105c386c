"""The API docs at /docs: Swagger UI for /openapi.json, served from this app.

flask-smorest's own page loads Swagger UI from a CDN, at whatever version the CDN serves,
and starts it with an inline script. This page takes the Swagger UI files that the
``flask-swagger-ui`` package ships (its version is the Swagger UI version, pinned in
pyproject.toml; only its files are used, not its blueprint) and starts Swagger UI from a
script file of its own, so ``/docs`` works offline and under a Content-Security-Policy that
forbids inline scripts and other origins.
"""

from importlib.resources import files
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, send_from_directory

#: The Swagger UI distribution inside the flask-swagger-ui package.
SWAGGER_UI = Path(str(files("flask_swagger_ui"))) / "dist"
#: Browsers may keep the Swagger UI files a day; a new package version changes them.
ASSET_MAX_AGE = 86_400

bp = Blueprint(
    "docs",
    __name__,
    url_prefix="/docs",
    template_folder="templates",
    static_folder="static",
)


@bp.get("")
def page() -> str:
    return render_template("api_docs.html", title=current_app.config["API_TITLE"])


@bp.get("/swagger-ui/<path:filename>")
def swagger_ui(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI, filename, max_age=ASSET_MAX_AGE)
