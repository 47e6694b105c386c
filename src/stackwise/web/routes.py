"""The endpoints: parse the request, call ``stackwise.api`` (in a worker thread), answer.

Renders in one process take turns (``stackwise.render.cookiecutter`` holds a lock while one
runs); serve more at once with more worker processes.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from stackwise.errors import UsageProblem, flatten
from stackwise.web import answers, archive

if TYPE_CHECKING:
    from stackwise.web.served import Served

PAGE = Path(__file__).parent / "static" / "index.html"
#: The page loads only its own files, and no other site may frame it.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

HELP = """\
stackwise serve: recommends Flask, FastAPI or Django and generates a starter project.

The answers are the keys of an answers file (GET /api/questions lists them);
needs may be repeated or comma-separated; yes/no options take yes or no.

  curl -s {base}/api/questions
  curl -s {base}/api/recommend -H 'Content-Type: application/json' \\
       -d '{{"building": "async-api", "needs": ["api-docs"]}}'
  curl -s '{base}/api/preview?building=web-app&project_name=Shop'
  curl -s '{base}/api/options?framework=django'
  curl -sOJ '{base}/starter.zip?building=web-app&needs=auth,admin&project_name=Shop'

Bad answers are a 400 with {{"errors": [{{"key": ..., "message": ...}}]}}, one per bad key.
Open {base}/ in a browser for the page.
"""


def errors(problem: UsageProblem) -> JSONResponse:
    status = 413 if isinstance(problem, answers.RequestTooLarge) else 400
    found = [{"key": p.key, "message": str(p)} for p in flatten(problem)]
    return JSONResponse({"errors": found}, status_code=status)


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > answers.MAX_BODY:
        raise answers.RequestTooLarge(f"the body is larger than {answers.MAX_BODY} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > answers.MAX_BODY:
            raise answers.RequestTooLarge(f"the body is larger than {answers.MAX_BODY} bytes")
    return body


async def _answers(request: Request) -> dict[str, Any]:
    found = answers.from_query(request.url.query)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "")
        found.update(answers.from_body(await _body(request), content_type))
    return found


def _served(request: Request) -> Served:
    served: Served = request.app.state.served
    return served


async def home(request: Request) -> Response:
    accept = request.headers.get("accept", "")
    agent = request.headers.get("user-agent", "")
    if agent.startswith("curl/") or ("text/plain" in accept and "text/html" not in accept):
        base = f"{request.url.scheme}://{request.url.netloc}"
        return PlainTextResponse(HELP.format(base=base))
    return HTMLResponse(PAGE.read_text("utf-8"), headers=PAGE_HEADERS)


async def questions(request: Request) -> Response:
    return JSONResponse(_served(request).questions())


async def recommend(request: Request) -> Response:
    try:
        given = answers.from_body(await _body(request), "application/json")
        found = _served(request).recommend(given)
    except UsageProblem as problem:
        return errors(problem)
    if found is None:
        message = "this server serves one template, which it does not recommend among others"
        return JSONResponse({"errors": [{"key": None, "message": message}]}, status_code=404)
    return JSONResponse(found)


async def options(request: Request) -> Response:
    try:
        return JSONResponse(_served(request).unavailable(answers.from_query(request.url.query)))
    except UsageProblem as problem:
        return errors(problem)


async def preview(request: Request) -> Response:
    served = _served(request)
    try:
        given = answers.from_query(request.url.query)
        render = served.check(given)
    except UsageProblem as problem:
        return errors(problem)
    about = functools.partial(served.about, given)
    return JSONResponse(await run_in_threadpool(archive.preview, render, about))


async def starter(request: Request) -> Response:
    try:
        render = _served(request).check(await _answers(request))
    except UsageProblem as problem:
        return errors(problem)
    name, data = await run_in_threadpool(archive.starter_zip, render)
    disposition = f'attachment; filename="{name}.zip"'
    return Response(
        data, media_type="application/zip", headers={"Content-Disposition": disposition}
    )
