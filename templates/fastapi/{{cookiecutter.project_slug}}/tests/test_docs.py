{%- set db = cookiecutter.database != "none" -%}
{%- set auth = cookiecutter.auth == "yes" -%}
{%- set docs = cookiecutter.api_docs == "yes" -%}
{% if docs -%}
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
{%- if db %}
        "/items",
        "/items/{item_id}",
{%- endif %}
{%- if auth %}
        "/auth/token",
        "/users",
        "/users/me",
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
{%- else %}


def test_there_are_no_api_docs_and_no_schema(client: TestClient) -> None:
    for path in ["/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"]:
        assert client.get(path).status_code == 404, path
{%- endif %}
