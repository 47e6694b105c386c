{%- from "_flags.j2" import auth with context -%}
{%- if cookiecutter.api_docs == "yes" -%}
"""The example resource as a JSON API: create, read, update and delete items.

flask-smorest validates request bodies against ``ItemSchema`` (422 with the errors when
they do not match), serialises responses, and documents every route in the OpenAPI document.
{%- if auth %}

Anyone may read; a signed-in user (session cookie or API token) creates an item and is its
owner; only the owner may replace or delete it (401 without an account, 403 for another).
{%- else %}

There are no accounts: anyone may read and write.
{%- endif %}
"""

from typing import Any

from flask.views import MethodView
{%- if auth %}
from flask_login import current_user
{%- endif %}
from flask_smorest import Blueprint{% if auth %}, abort{% endif %}
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from .extensions import db
from .models import Item
{%- if cookiecutter.tasks == "celery" %}
from .tasks import item_created
{%- endif %}
{%- if auth %}
from .tokens import SIGNED_IN
{%- endif %}

bp = Blueprint("items", __name__, url_prefix="/items", description="Example resource")


class ItemSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    description = fields.String(load_default="", validate=validate.Length(max=10_000))
{%- if auth %}
    owner_id = fields.Integer(dump_only=True)


def require_sign_in() -> None:
    if not current_user.is_authenticated:
        abort(401, message="Sign in first.")


def owned(item_id: int) -> Item:
    """The item, for its owner only."""
    require_sign_in()
    item = db.get_or_404(Item, item_id)
    if item.owner_id != current_user.id:
        abort(403, message="Only the item's owner may change it.")
    return item
{%- endif %}


@bp.route("/")
class Items(MethodView):
    @bp.response(200, ItemSchema(many=True))
    def get(self) -> list[Item]:
        """List the items."""
        return list(db.session.scalars(select(Item).order_by(Item.id)))

    @bp.arguments(ItemSchema)
    @bp.response(201, ItemSchema)
{%- if auth %}
    @bp.alt_response(401, description="Not signed in")
    @bp.doc(security=SIGNED_IN)
{%- endif %}
    def post(self, data: dict[str, Any]) -> Item:
        """Create an item{% if auth %}, owned by the signed-in user{% endif %}."""
{%- if auth %}
        require_sign_in()
        item = Item(**data, owner_id=current_user.id)
{%- else %}
        item = Item(**data)
{%- endif %}
        db.session.add(item)
        db.session.commit()
{%- if cookiecutter.tasks == "celery" %}
        # Queued once the item is committed: the worker finds it in the database.
        item_created.delay(item.id)
{%- endif %}
        return item


@bp.route("/<int:item_id>")
class ItemById(MethodView):
    @bp.response(200, ItemSchema)
    def get(self, item_id: int) -> Item:
        """Read one item."""
        return db.get_or_404(Item, item_id)

    @bp.arguments(ItemSchema)
    @bp.response(200, ItemSchema)
{%- if auth %}
    @bp.alt_response(401, description="Not signed in")
    @bp.alt_response(403, description="Not the owner")
    @bp.doc(security=SIGNED_IN)
{%- endif %}
    def put(self, data: dict[str, Any], item_id: int) -> Item:
        """Replace an item's fields{% if auth %} (its owner only){% endif %}."""
        item = {% if auth %}owned(item_id){% else %}db.get_or_404(Item, item_id){% endif %}
        item.name = data["name"]
        item.description = data["description"]
        db.session.commit()
        return item

    @bp.response(204)
{%- if auth %}
    @bp.alt_response(401, description="Not signed in")
    @bp.alt_response(403, description="Not the owner")
    @bp.doc(security=SIGNED_IN)
{%- endif %}
    def delete(self, item_id: int) -> None:
        """Delete an item{% if auth %} (its owner only){% endif %}."""
        db.session.delete({% if auth %}owned(item_id){% else %}db.get_or_404(Item, item_id){% endif %})
        db.session.commit()
{%- else -%}
"""The example resource as a JSON API: create, read, update and delete items.

Request bodies must be JSON (``Content-Type: application/json``); a body that does not hold
a valid item gets 422 with the errors. Errors in this blueprint are JSON too.
{%- if auth %}

Anyone may read; a signed-in user (session cookie or API token) creates an item and is its
owner; only the owner may replace or delete it (401 without an account, 403 for another).
{%- else %}

There are no accounts: anyone may read and write.
{%- endif %}
"""

from flask import Blueprint, abort, make_response, request, url_for
from flask.typing import ResponseReturnValue
{%- if auth %}
from flask_login import current_user
{%- endif %}
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from .extensions import db
from .models import Item
{%- if cookiecutter.tasks == "celery" %}
from .tasks import item_created
{%- endif %}

bp = Blueprint("items", __name__, url_prefix="/items")

FIELDS = {"name", "description"}
NAME_LENGTH = 100
DESCRIPTION_LENGTH = 10_000


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> ResponseReturnValue:
    return {"message": error.description}, error.code or 500
{%- if auth %}


def require_sign_in() -> None:
    if not current_user.is_authenticated:
        abort(401, "Sign in first.")


def owned(item_id: int) -> Item:
    """The item, for its owner only."""
    require_sign_in()
    item = db.get_or_404(Item, item_id)
    if item.owner_id != current_user.id:
        abort(403, "Only the item's owner may change it.")
    return item
{%- endif %}


def validated(data: object) -> dict[str, str]:
    """The item fields in a request body; otherwise a 422 response naming what is wrong."""
    if not isinstance(data, dict):
        abort(make_response({"errors": {"json": "a JSON object is required"}}, 422))
    errors = {key: "unknown field" for key in data.keys() - FIELDS}
    name = data.get("name")
    description = data.get("description", "")
    if not isinstance(name, str) or not 1 <= len(name) <= NAME_LENGTH:
        errors["name"] = f"required: a string of 1 to {NAME_LENGTH} characters"
    if not isinstance(description, str) or len(description) > DESCRIPTION_LENGTH:
        errors["description"] = f"a string of at most {DESCRIPTION_LENGTH} characters"
    if errors:
        abort(make_response({"errors": errors}, 422))
    return {"name": name, "description": description}


@bp.get("/")
def list_items() -> list[dict[str, object]]:
    items = db.session.scalars(select(Item).order_by(Item.id))
    return [item.to_dict() for item in items]


@bp.post("/")
def create_item() -> ResponseReturnValue:
{%- if auth %}
    require_sign_in()
    item = Item(**validated(request.get_json(silent=True)), owner_id=current_user.id)
{%- else %}
    item = Item(**validated(request.get_json(silent=True)))
{%- endif %}
    db.session.add(item)
    db.session.commit()
{%- if cookiecutter.tasks == "celery" %}
    # Queued once the item is committed: the worker finds it in the database.
    item_created.delay(item.id)
{%- endif %}
    return item.to_dict(), 201, {"Location": url_for(".get_item", item_id=item.id)}


@bp.get("/<int:item_id>")
def get_item(item_id: int) -> dict[str, object]:
    return db.get_or_404(Item, item_id).to_dict()


@bp.put("/<int:item_id>")
def update_item(item_id: int) -> dict[str, object]:
    item = {% if auth %}owned(item_id){% else %}db.get_or_404(Item, item_id){% endif %}
    fields = validated(request.get_json(silent=True))
    item.name = fields["name"]
    item.description = fields["description"]
    db.session.commit()
    return item.to_dict()


@bp.delete("/<int:item_id>")
def delete_item(item_id: int) -> ResponseReturnValue:
    db.session.delete({% if auth %}owned(item_id){% else %}db.get_or_404(Item, item_id){% endif %})
    db.session.commit()
    return "", 204
{%- endif %}
