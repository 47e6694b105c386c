"""The HTML pages: the base layout shows the project name, escaped."""

from conftest import AppFactory
from flask.testing import FlaskClient
from markupsafe import escape

from {{ cookiecutter.project_slug }}.config import (
    Config,
)


def test_the_home_page_shows_the_project_name(client: FlaskClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert str(escape(Config.PROJECT_NAME)) in response.get_data(as_text=True)


def test_the_project_name_is_escaped(make_app: AppFactory) -> None:
    name = '<script>alert("hi")</script> & more'
    page = make_app(PROJECT_NAME=name).test_client().get("/").get_data(as_text=True)

    assert "<script>" not in page
    assert str(escape(name)) in page
