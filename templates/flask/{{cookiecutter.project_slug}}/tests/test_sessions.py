from flask import Flask, session
from flask.testing import FlaskClient


def test_a_request_without_a_session_sets_no_cookie(client: FlaskClient) -> None:
    response = client.get("/health")

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
    assert client.get("/test-session/one").get_json() == {"previous": None}
    assert client.get("/test-session/two").get_json() == {"previous": "one"}

    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "forged.value.signature")
    assert client.get("/test-session/three").get_json() == {"previous": None}
