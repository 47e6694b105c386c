"""Sessions: Flask's signed cookie, SameSite=Lax, and no signer for requests without one."""

import pytest
from flask import Flask, session
from flask.testing import FlaskClient


def test_a_request_without_a_session_builds_no_signer_and_sets_no_cookie(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_signer(app: Flask) -> None:
        raise AssertionError("a signer was built for a request without a session")

    monkeypatch.setattr(app.session_interface, "get_signing_serializer", no_signer)

    response = client.get("/health")

    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_a_session_value_comes_back_signed_and_a_forged_cookie_is_ignored(
    app: Flask,
) -> None:
    @app.get("/test-session/<value>")
    def remember(value: str) -> dict[str, str | None]:
        previous = session.get("value")
        session["value"] = value
        return {"previous": previous}

    client = app.test_client()
    first = client.get("/test-session/one")
    assert first.get_json() == {"previous": None}
    assert "SameSite=Lax" in first.headers["Set-Cookie"]
    assert client.get("/test-session/two").get_json() == {"previous": "one"}

    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "forged.value.signature")
    assert client.get("/test-session/three").get_json() == {"previous": None}
