"""Server-rendered HTML pages (Jinja2, auto-escaped)."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.dependencies import SettingsDep

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

templates = Jinja2Templates(directory=TEMPLATES)

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request, settings: SettingsDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "index.html",
{%- if cookiecutter.api_docs == "yes" %}
        {"project_name": settings.project_name, "docs_url": "/docs"},
{%- else %}
        {"project_name": settings.project_name, "docs_url": None},
{%- endif %}
    )
