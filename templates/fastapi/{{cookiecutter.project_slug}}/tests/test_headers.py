{%- from "_flags.j2" import html, realtime with context -%}
"""Security headers on every response, HSTS in production, and CORS from the settings."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.headers import CONTENT_SECURITY_POLICY
from app.main import create_app

SettingsFactory = Callable[..., Settings]
#: What production needs besides the test settings.
PRODUCTION: dict[str, Any] = {
    "environment": "production",
{%- if realtime %}
    "allowed_hosts": "app.example",
{%- endif %}
{%- if cookiecutter.email == "yes" %}
    "smtp_host": "mail.example",
{%- endif %}
}
ORIGIN = "https://app.example"


@pytest.fixture
def make_client(make_settings: SettingsFactory) -> Iterator[Callable[..., TestClient]]:
    """Builds a client for an app with these settings."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        client = TestClient(create_app(make_settings(**overrides)))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_every_response_says_nosniff_referrer_and_no_framing(
    client: TestClient,
) -> None:
    for response in [client.get("/health"), client.get("/no-such-page")]:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert response.headers["x-frame-options"] == "DENY"


def test_json_gets_no_content_security_policy_and_no_hsts_outside_production(
    client: TestClient,
) -> None:
    response = client.get("/health")

    assert "content-security-policy" not in response.headers
    assert "strict-transport-security" not in response.headers
{%- if html %}


def test_html_pages_get_a_content_security_policy(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]

    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
{%- else %}


def test_the_policy_allows_no_inline_code_and_no_framing() -> None:
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
{%- endif %}


@pytest.mark.parametrize(
    ("subdomains", "preload", "expected"),
    [
        (False, False, "max-age=31536000"),
        (True, False, "max-age=31536000; includeSubDomains"),
        (True, True, "max-age=31536000; includeSubDomains; preload"),
    ],
)
def test_production_sends_hsts_with_subdomains_and_preload_only_when_asked(
    make_client: Callable[..., TestClient],
    subdomains: bool,
    preload: bool,
    expected: str,
) -> None:
    client = make_client(
        **PRODUCTION, hsts_include_subdomains=subdomains, hsts_preload=preload
    )

    assert client.get("/health").headers["strict-transport-security"] == expected


def test_without_cors_origins_no_page_elsewhere_may_call_the_api(
    client: TestClient,
) -> None:
    response = client.get("/health", headers={"Origin": ORIGIN})
    preflight = client.options(
        "/health",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )

    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_an_allowed_origin_may_call_the_api_and_another_may_not(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(cors_allowed_origins=f"{ORIGIN},https://other.example")

    allowed = client.get("/health", headers={"Origin": ORIGIN})
    preflight = client.options(
        "/health",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    refused = client.get("/health", headers={"Origin": "https://evil.example"})

    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-origin" not in refused.headers
