{%- from "_flags.j2" import api with context -%}
{%- set pages = [] -%}
{%- if cookiecutter.html == "yes" %}{% set _ = pages.append("/") %}{% endif -%}
{%- if cookiecutter.html == "yes" and cookiecutter.auth == "yes" %}{% set _ = pages.extend(["/auth/login", "/auth/register"]) %}{% endif -%}
{%- if cookiecutter.api_docs == "yes" %}{% set _ = pages.append("/docs") %}{% endif -%}
"""Security headers on every response{% if pages %}, and pages that keep to their own policy{% endif %}{% if api %}; CORS{% endif %}."""

{% if pages -%}
import pytest
{% endif -%}
from conftest import AppFactory{% if pages %}, csp_problems{% endif %}
from flask.testing import FlaskClient

HSTS = "max-age=31536000"


def test_responses_carry_the_security_headers(client: FlaskClient) -> None:
    headers = client.get("/health").headers

    assert headers["Strict-Transport-Security"] == HSTS
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy


def test_hsts_covers_subdomains_and_preloading_only_when_asked(
    make_app: AppFactory,
) -> None:
    app = make_app(HSTS_INCLUDE_SUBDOMAINS=True, HSTS_PRELOAD=True)

    hsts = app.test_client().get("/health").headers["Strict-Transport-Security"]

    assert hsts == f"{HSTS}; includeSubDomains; preload"


def test_the_development_server_sends_no_hsts(make_app: AppFactory) -> None:
    headers = make_app(DEBUG=True).test_client().get("/health").headers

    assert "Strict-Transport-Security" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
{%- if pages %}


@pytest.mark.parametrize("path", {{ pages|tojson }})
def test_the_pages_keep_to_their_content_security_policy(
    client: FlaskClient, path: str
) -> None:
    assert csp_problems(client, path) == []
{%- endif %}
{%- if api %}


def test_without_allowed_origins_no_other_site_may_read_the_api(
    client: FlaskClient,
) -> None:
    response = client.get("/health", headers={"Origin": "https://app.example.com"})

    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_allowed_origin_may_read_the_api_and_another_may_not(
    make_app: AppFactory,
) -> None:
    client = make_app(CORS_ALLOWED_ORIGINS=["https://app.example.com"]).test_client()

    allowed = client.get("/health", headers={"Origin": "https://app.example.com"})
    other = client.get("/health", headers={"Origin": "https://evil.example"})
    preflight = client.options(
        "/health",
        headers={
            "Origin": "https://app.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )

    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Origin" not in other.headers
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in allowed.headers
{%- endif %}
