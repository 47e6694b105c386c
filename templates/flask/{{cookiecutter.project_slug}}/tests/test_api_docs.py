"""The OpenAPI document lists the routes, and the docs page serves it."""

from flask.testing import FlaskClient


def test_the_openapi_document_lists_the_routes(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()

    assert spec["openapi"].startswith("3.")
    assert "get" in spec["paths"]["/health"]
{%- if cookiecutter.database != "none" %}
    assert set(spec["paths"]["/items/"]) >= {"get", "post"}
    assert set(spec["paths"]["/items/{item_id}"]) >= {"get", "put", "delete"}
    assert "Item" in spec["components"]["schemas"]
{%- endif %}


def test_the_docs_page_shows_the_openapi_document(client: FlaskClient) -> None:
    response = client.get("/docs")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "swagger-ui" in page
    assert "/openapi.json" in page
