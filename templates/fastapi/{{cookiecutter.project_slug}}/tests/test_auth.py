"""Sign-up, the token endpoint, and what a protected route does with every kind of token."""

from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import User
from app.security import ALGORITHM, create_access_token, verify_password

CREDENTIALS = {"username": "alice", "password": "correct horse battery"}


@pytest.fixture
def user_id(client: TestClient) -> int:
    response = client.post("/users", json=CREDENTIALS)
    assert response.status_code == 201
    user_id: int = response.json()["id"]
    return user_id


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_user_signs_up_gets_a_token_and_reaches_the_protected_route(
    client: TestClient, user_id: int
) -> None:
    response = client.post("/auth/token", data=CREDENTIALS)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    me = client.get("/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json() == {"id": user_id, "username": "alice", "is_active": True}


def test_the_password_is_stored_hashed_with_argon2(
    engine: Engine, user_id: int
) -> None:
    with Session(engine) as session:
        user = session.get(User, user_id)
        assert user is not None
        hashed = user.hashed_password

    assert hashed.startswith("$argon2id$")
    assert verify_password("correct horse battery", hashed)
    assert not verify_password("wrong", hashed)


def test_a_wrong_password_gets_no_token(client: TestClient, user_id: int) -> None:
    response = client.post(
        "/auth/token", data={**CREDENTIALS, "password": "wrong password"}
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "access_token" not in response.json()


def test_an_unknown_user_gets_no_token(client: TestClient) -> None:
    response = client.post("/auth/token", data=CREDENTIALS)

    assert response.status_code == 401


def test_a_username_is_taken_once(client: TestClient, user_id: int) -> None:
    response = client.post("/users", json=CREDENTIALS)

    assert response.status_code == 409


def test_a_short_password_is_refused(client: TestClient) -> None:
    response = client.post("/users", json={"username": "bob", "password": "short"})

    assert response.status_code == 422


def test_a_missing_token_is_refused(client: TestClient) -> None:
    response = client.get("/users/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_expired_token_is_refused(
    client: TestClient, settings: Settings, user_id: int
) -> None:
    token = create_access_token(str(user_id), settings, timedelta(seconds=-1))

    assert client.get("/users/me", headers=bearer(token)).status_code == 401


def test_a_tampered_token_is_refused(
    client: TestClient, settings: Settings, user_id: int
) -> None:
    token = create_access_token(str(user_id), settings)
    header, payload, signature = token.split(".")
    # Claim to be another user, keeping the original signature.
    forged = jwt.encode(
        {"sub": str(user_id + 1), "exp": 4102444800}, "x" * 32, algorithm=ALGORITHM
    )
    tampered = ".".join([header, forged.split(".")[1], signature])
    other_first = "A" if signature[0] != "A" else "B"
    flipped = ".".join([header, payload, other_first + signature[1:]])

    assert client.get("/users/me", headers=bearer(tampered)).status_code == 401
    assert client.get("/users/me", headers=bearer(flipped)).status_code == 401
    assert client.get("/users/me", headers=bearer(token)).status_code == 200


def test_a_token_signed_with_another_key_is_refused(
    client: TestClient, user_id: int
) -> None:
    claims = {"sub": str(user_id), "exp": 4102444800}
    other = jwt.encode(claims, "another key " * 4, algorithm=ALGORITHM)

    assert client.get("/users/me", headers=bearer(other)).status_code == 401


def test_an_unsigned_token_is_refused(client: TestClient, user_id: int) -> None:
    claims = {"sub": str(user_id), "exp": 4102444800}
    unsigned = jwt.encode(claims, None, algorithm="none")

    assert client.get("/users/me", headers=bearer(unsigned)).status_code == 401


def test_a_token_for_a_user_that_no_longer_exists_is_refused(
    client: TestClient, settings: Settings
) -> None:
    token = create_access_token("12345", settings)

    assert client.get("/users/me", headers=bearer(token)).status_code == 401


def test_a_deactivated_user_is_refused_with_a_valid_token_and_gets_no_new_one(
    client: TestClient, settings: Settings, engine: Engine, user_id: int
) -> None:
    token = create_access_token(str(user_id), settings)
    with Session(engine) as session:
        user = session.get(User, user_id)
        assert user is not None
        user.is_active = False
        session.commit()

    assert client.get("/users/me", headers=bearer(token)).status_code == 401
    assert client.post("/auth/token", data=CREDENTIALS).status_code == 401
