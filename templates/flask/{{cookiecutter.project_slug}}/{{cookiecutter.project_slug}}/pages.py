"""The HTML pages. Templates extend ``base.html``; Jinja escapes every value they show."""

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    return render_template("index.html")
