"""Sign-up, the OAuth2 password flow's token endpoint, and a route that needs a token."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from app.dependencies import CurrentUser, SessionDep, SettingsDep
from app.schemas import Token, UserCreate, UserRead
from app.security import create_access_token
from app.users import UsernameTakenError, authenticate, create_user

router = APIRouter(tags=["auth"])


@router.post("/auth/token")
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    user = await authenticate(session, form.username, form.password)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(access_token=create_access_token(str(user.id), settings))


@router.post("/users", status_code=status.HTTP_201_CREATED)
async def sign_up(body: UserCreate, session: SessionDep) -> UserRead:
    try:
{%- if cookiecutter.email == "yes" %}
        user = await create_user(
            session, body.username, body.password, email=body.email
        )
{%- else %}
        user = await create_user(session, body.username, body.password)
{%- endif %}
    except UsernameTakenError:
        raise HTTPException(
            status_code=status.HTTP_409_CONFLICT, detail="Username already taken"
        ) from None
    return UserRead.model_validate(user)


@router.get("/users/me")
async def read_current_user(user: CurrentUser) -> UserRead:
    return UserRead.model_validate(user)
