{%- set auth = cookiecutter.auth == "yes" -%}
"""The example resource: create, read, update and delete items{% if auth %} (writes need a token){% endif %}."""

from typing import Annotated

from fastapi import APIRouter, {% if auth %}Depends, {% endif %}HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dependencies import SessionDep{% if auth %}, get_current_user{% endif %}
from app.models import Item
from app.schemas import ItemCreate, ItemRead, ItemUpdate

router = APIRouter(prefix="/items", tags=["items"])
{%- if auth %}
#: Writing needs a signed-in user; reading does not.
signed_in = [Depends(get_current_user)]
{%- endif %}


def get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND, detail="Item not found"
        )
    return item


@router.get("")
def list_items(
    session: SessionDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> list[ItemRead]:
    items = session.scalars(select(Item).order_by(Item.id).offset(offset).limit(limit))
    return [ItemRead.model_validate(item) for item in items]


@router.post("", status_code=status.HTTP_201_CREATED{% if auth %}, dependencies=signed_in{% endif %})
def create_item(body: ItemCreate, session: SessionDep) -> ItemRead:
    item = Item(**body.model_dump())
    session.add(item)
    session.commit()
    return ItemRead.model_validate(item)


@router.get("/{item_id}")
def read_item(item_id: int, session: SessionDep) -> ItemRead:
    return ItemRead.model_validate(get_item(session, item_id))


@router.patch("/{item_id}"{% if auth %}, dependencies=signed_in{% endif %})
def update_item(item_id: int, body: ItemUpdate, session: SessionDep) -> ItemRead:
    item = get_item(session, item_id)
    for field, value in body.model_dump(exclude_unset=True).items():
        setattr(item, field, value)
    session.commit()
    return ItemRead.model_validate(item)


{% if auth -%}
@router.delete(
    "/{item_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=signed_in
)
{%- else -%}
@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
{%- endif %}
def delete_item(item_id: int, session: SessionDep) -> None:
    session.delete(get_item(session, item_id))
    session.commit()
