{%- from "_flags.j2" import auth with context -%}
"""The shapes of request and response bodies, checked and documented by FastAPI."""

from pydantic import BaseModel, ConfigDict, Field, field_validator
{%- if auth and cookiecutter.email == "yes" %}

#: An address with one @ and no spaces: the mail server is the real check.
EMAIL = r"^[^@\s]+@[^@\s]+$"
{%- endif %}


class ItemCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=10_000)


class ItemUpdate(BaseModel):
    """A partial update: only the fields sent are changed."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=10_000)

    @field_validator("name", "description")
    @classmethod
    def _not_null(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("leave the field out to keep it; it cannot be null")
        return value


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str
{%- if auth %}
    owner_id: int
{%- endif %}
{%- if auth %}


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$")
    password: str = Field(min_length=8, max_length=128)
{%- if cookiecutter.email == "yes" %}
    #: Where a password reset is mailed; stored in lowercase.
    email: str | None = Field(default=None, max_length=254, pattern=EMAIL)

    @field_validator("email")
    @classmethod
    def _lowercase(cls, value: str | None) -> str | None:
        return value.lower() if value else value
{%- endif %}


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_active: bool


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
{%- endif %}
