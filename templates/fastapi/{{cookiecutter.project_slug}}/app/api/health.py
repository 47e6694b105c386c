"""A health endpoint for load balancers and container orchestrators.

``create_app`` adds it to the app itself rather than through an ``APIRouter``: load
balancers call it all the time, and FastAPI does extra work on every request to a route of
an included router.
"""


async def health() -> dict[str, str]:
    return {"status": "ok"}
