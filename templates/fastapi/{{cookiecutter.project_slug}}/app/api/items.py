{%- from "_flags.j2" import auth, celery with context -%}
{% if auth -%}
"""The example resource: create, read, update and delete items.

Anyone reads them; a signed-in user (a bearer token) creates them and is recorded as their
owner; only the owner changes or deletes one: 401 without a token, 403 for another user.
"""
{%- else -%}
"""The example resource: create, read, update and delete items.

There are no accounts (``auth`` was not chosen): anyone reads and writes every item.
"""
{%- endif %}

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.dependencies import {% if auth %}CurrentUser, {% endif %}SessionDep
from app.models import Item{% if auth %}, User{% endif %}
from app.schemas import ItemCreate, ItemRead, ItemUpdate
{%- if celery %}
from app.tasks import enqueue, item_created
{%- endif %}

router = APIRouter(prefix="/items", tags=["items"])


async def get_item(session: AsyncSession, item_id: int) -> Item:
    item = await session.get(Item, item_id)
    if item is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Item not found"
        )
    return item
{%- if auth %}


async def get_own_item(session: AsyncSession, item_id: int, user: User) -> Item:
    """The item, if ``user`` owns it: 404 when there is none, 403 when it is another's."""
    item = await get_item(session, item_id)
    if item.owner_id != user.id:
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail="Only the item's owner may change it",
        )
    return item
{%- endif %}


@router.get("")
async def list_items(
    session: SessionDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> list[ItemRead]:
    query = select(Item).order_by(Item.id).offset(offset).limit(limit)
    items = await session.scalars(query)
    return [ItemRead.model_validate(item) for item in items]


@router.post("", status_code=status.HTTP_201_CREATED)
{%- if auth %}
async def create_item(
    body: ItemCreate, session: SessionDep, user: CurrentUser
) -> ItemRead:
    item = Item(**body.model_dump(), owner_id=user.id)
{%- else %}
async def create_item(body: ItemCreate, session: SessionDep) -> ItemRead:
    item = Item(**body.model_dump())
{%- endif %}
    session.add(item)
    await session.commit()
{%- if celery %}
    # Queued once the item is committed, so the worker finds it; not waited for.
    await enqueue(item_created, item.id)
{%- endif %}
    return ItemRead.model_validate(item)


@router.get("/{item_id}")
async def read_item(item_id: int, session: SessionDep) -> ItemRead:
    return ItemRead.model_validate(await get_item(session, item_id))


@router.patch("/{item_id}")
{%- if auth %}
async def update_item(
    item_id: int, body: ItemUpdate, session: SessionDep, user: CurrentUser
) -> ItemRead:
    item = await get_own_item(session, item_id, user)
{%- else %}
async def update_item(item_id: int, body: ItemUpdate, session: SessionDep) -> ItemRead:
    item = await get_item(session, item_id)
{%- endif %}
    for field, value in body.model_dump(exclude_unset=True).items():
        setattr(item, field, value)
    await session.commit()
    return ItemRead.model_validate(item)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
{%- if auth %}
async def delete_item(item_id: int, session: SessionDep, user: CurrentUser) -> None:
    await session.delete(await get_own_item(session, item_id, user))
{%- else %}
async def delete_item(item_id: int, session: SessionDep) -> None:
    await session.delete(await get_item(session, item_id))
{%- endif %}
    await session.commit()
