{%- from "_flags.j2" import db, auth, docs with context -%}
{% if docs -%}
import re
from html.parser import HTMLParser

from fastapi import FastAPI
{% endif -%}
from fastapi.testclient import TestClient
{%- if docs %}


def test_the_openapi_schema_lists_every_route(app: FastAPI, client: TestClient) -> None:
    response = client.get("/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == app.title
    assert set(schema["paths"]) == {
        "/health",
        "/ready",
{%- if db %}
        "/items",
        "/items/{item_id}",
{%- endif %}
{%- if auth %}
        "/auth/token",
        "/users",
        "/users/me",
{%- endif %}
{%- if auth and cookiecutter.email == "yes" %}
        "/auth/password-reset",
        "/auth/password-reset/confirm",
{%- endif %}
    }
{%- if db %}
    assert set(schema["paths"]["/items/{item_id}"]) == {"get", "patch", "delete"}
{%- endif %}


def test_the_interactive_docs_are_served(client: TestClient) -> None:
    for path in ["/docs", "/redoc"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "/openapi.json" in response.text


class Assets(HTMLParser):
    """The URLs a page loads, and the text of any inline script or style."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href"):
            if values.get(name):
                self.urls.append(str(values[name]))
        if "style" in values:
            self.inline.append(f"style attribute on <{tag}>")
        if tag == "style" or (tag == "script" and not values.get("src")):
            self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in is not None and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def test_the_docs_load_only_assets_the_app_serves_itself(client: TestClient) -> None:
    """Swagger UI and ReDoc work offline and under the Content-Security-Policy: no CDN,
    no inline script."""
    for path in ["/docs", "/redoc"]:
        page = client.get(path)
        assets = Assets()
        assets.feed(page.text)

        assert assets.inline == [], path
        assert assets.urls, path
        for url in assets.urls:
            assert url.startswith("/static/"), url
            served = client.get(url)
            assert served.status_code == 200, url
            assert served.content, url
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "script-src" not in policy
        assert not re.search(r"https?:", policy)

{%- else %}


def test_there_are_no_api_docs_and_no_schema(client: TestClient) -> None:
    for path in [
        "/docs",
        "/redoc",
        "/openapi.json",
        "/docs/oauth2-redirect",
        "/static/swagger-ui-bundle.js",
    ]:
        assert client.get(path).status_code == 404, path
{%- endif %}
