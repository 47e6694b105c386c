{%- from "_flags.j2" import auth with context -%}
"""The OpenAPI document lists the routes, and the docs page serves it with its own assets."""

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
{%- if auth %}


def test_the_openapi_document_says_how_to_sign_in(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()

    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["sessionCookie"]["in"] == "cookie"
    assert "post" in spec["paths"]["/auth/token"]
    signed_in: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"sessionCookie": []}]
    assert spec["paths"]["/items/"]["post"]["security"] == signed_in
    assert spec["paths"]["/items/{item_id}"]["delete"]["security"] == signed_in
    assert "security" not in spec["paths"]["/items/"]["get"]
{%- endif %}


def test_the_docs_page_serves_swagger_ui_from_this_site(client: FlaskClient) -> None:
    response = client.get("/docs")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-openapi-url="/openapi.json"' in page
    assert "http://" not in page
    assert "https://" not in page
    bundle = client.get("/docs/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert b"SwaggerUIBundle" in bundle.get_data()
    assert client.get("/docs/static/api_docs.js").status_code == 200
