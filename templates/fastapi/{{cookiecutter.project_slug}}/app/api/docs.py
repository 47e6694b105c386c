"""The interactive API docs, Swagger UI at ``/docs`` and ReDoc at ``/redoc``, on assets the
app serves itself, as FastAPI's "Self-hosting JavaScript and CSS for docs" shows: they work
offline and under the Content-Security-Policy (``app/headers.py``), and their version is
the installed ``fastapi-offline`` package's, not whatever a CDN serves today.

FastAPI's own pages start Swagger UI with an inline script, which the policy refuses:
``app/static/docs.js`` does it instead, from the page's ``data-`` attributes. No OAuth2
redirect page is served: the password flow that "Authorize" uses needs none.
"""

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.headers import CONTENT_SECURITY_POLICY

router = APIRouter(include_in_schema=False)

#: ReDoc injects its styles as ``<style>`` elements and searches in a worker it makes
#: from a ``blob:`` URL; its page alone allows both. Scripts stay this origin's only.
REDOC_CONTENT_SECURITY_POLICY = (
    f"{CONTENT_SECURITY_POLICY}; style-src 'self' 'unsafe-inline'; worker-src blob:"
)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    static, openapi, title = _page(request)
    return HTMLResponse(f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} - Swagger UI</title>
  <link rel="stylesheet" href="{static}/swagger-ui.css">
  <link rel="icon" href="{static}/favicon.png">
</head>
<body>
  <div id="swagger-ui" data-openapi-url="{openapi}"></div>
  <script src="{static}/swagger-ui-bundle.js"></script>
  <script src="{static}/docs.js"></script>
</body>
</html>
""")


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    static, openapi, title = _page(request)
    page = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} - ReDoc</title>
  <link rel="icon" href="{static}/favicon.png">
</head>
<body>
  <redoc spec-url="{openapi}"></redoc>
  <script src="{static}/redoc.standalone.js"></script>
</body>
</html>
"""
    headers = {"Content-Security-Policy": REDOC_CONTENT_SECURITY_POLICY}
    return HTMLResponse(page, headers=headers)


def _page(request: Request) -> tuple[str, str, str]:
    """The static files' URL, the schema's and the title, escaped for HTML."""
    root = request.scope.get("root_path", "")
    openapi = f"{root}{request.app.openapi_url}"
    return escape(f"{root}/static"), escape(openapi), escape(request.app.title)
