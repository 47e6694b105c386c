"""Sign-up, the token endpoint, and what a protected route does with every kind of token."""

from datetime import timedelta

import jwt
import pytest
from httpx2 import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.models import User
from app.security import ALGORITHM, create_access_token, verify_password

pytestmark = pytest.mark.anyio

CREDENTIALS = {"username": "alice", "password": "correct horse battery"}


@pytest.fixture
async def user_id(async_client: AsyncClient) -> int:
    response = await async_client.post("/users", json=CREDENTIALS)
    assert response.status_code == 201
    user_id: int = response.json()["id"]
    return user_id


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def me(client: AsyncClient, token: str) -> int:
    """The status ``/users/me`` answers with this bearer token."""
    return (await client.get("/users/me", headers=bearer(token))).status_code


async def test_a_user_signs_up_gets_a_token_and_reaches_the_protected_route(
    async_client: AsyncClient, user_id: int
) -> None:
    response = await async_client.post("/auth/token", data=CREDENTIALS)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    found = await async_client.get("/users/me", headers=bearer(body["access_token"]))
    assert found.status_code == 200
    assert found.json() == {"id": user_id, "username": "alice", "is_active": True}


async def test_the_password_is_stored_hashed_with_argon2(
    session: AsyncSession, user_id: int
) -> None:
    user = await session.get(User, user_id)
    assert user is not None
    hashed = user.hashed_password

    assert hashed.startswith("$argon2id$")
    assert verify_password("correct horse battery", hashed)
    assert not verify_password("wrong", hashed)


async def test_a_wrong_password_gets_no_token(
    async_client: AsyncClient, user_id: int
) -> None:
    response = await async_client.post(
        "/auth/token", data={**CREDENTIALS, "password": "wrong password"}
    )

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "access_token" not in response.json()


async def test_an_unknown_user_gets_no_token(async_client: AsyncClient) -> None:
    response = await async_client.post("/auth/token", data=CREDENTIALS)

    assert response.status_code == 401


async def test_a_username_is_taken_once(
    async_client: AsyncClient, user_id: int
) -> None:
    response = await async_client.post("/users", json=CREDENTIALS)

    assert response.status_code == 409


async def test_a_short_password_is_refused(async_client: AsyncClient) -> None:
    body = {"username": "bob", "password": "short"}

    assert (await async_client.post("/users", json=body)).status_code == 422


async def test_a_missing_token_is_refused(async_client: AsyncClient) -> None:
    response = await async_client.get("/users/me")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_an_expired_token_is_refused(
    async_client: AsyncClient, settings: Settings, user_id: int
) -> None:
    token = create_access_token(str(user_id), settings, timedelta(seconds=-1))

    assert await me(async_client, token) == 401


async def test_a_tampered_token_is_refused(
    async_client: AsyncClient, settings: Settings, user_id: int
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

    assert await me(async_client, tampered) == 401
    assert await me(async_client, flipped) == 401
    assert await me(async_client, token) == 200


async def test_a_token_signed_with_another_key_is_refused(
    async_client: AsyncClient, user_id: int
) -> None:
    claims = {"sub": str(user_id), "exp": 4102444800}
    other = jwt.encode(claims, "another key " * 4, algorithm=ALGORITHM)

    assert await me(async_client, other) == 401


async def test_an_unsigned_token_is_refused(
    async_client: AsyncClient, user_id: int
) -> None:
    claims = {"sub": str(user_id), "exp": 4102444800}
    unsigned = jwt.encode(claims, None, algorithm="none")

    assert await me(async_client, unsigned) == 401


async def test_a_token_for_a_user_that_no_longer_exists_is_refused(
    async_client: AsyncClient, settings: Settings
) -> None:
    token = create_access_token("12345", settings)

    assert await me(async_client, token) == 401


async def test_a_deactivated_user_is_refused_with_a_valid_token_and_gets_no_new_one(
    async_client: AsyncClient, settings: Settings, session: AsyncSession, user_id: int
) -> None:
    token = create_access_token(str(user_id), settings)
    user = await session.get(User, user_id)
    assert user is not None
    user.is_active = False
    await session.commit()

    assert await me(async_client, token) == 401
    response = await async_client.post("/auth/token", data=CREDENTIALS)
    assert response.status_code == 401
