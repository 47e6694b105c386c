{%- from "_flags.j2" import docs with context -%}
from collections.abc import Callable

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_the_home_page_shows_the_project_name(
    make_settings: Callable[..., Settings],
) -> None:
    with TestClient(create_app(make_settings(project_name="Plain Name"))) as client:
        response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Plain Name</title>" in response.text
    assert "<h1>Plain Name</h1>" in response.text
{%- if docs %}
    assert 'href="/docs"' in response.text
{%- else %}
    assert 'href="/docs"' not in response.text
{%- endif %}


def test_the_project_name_is_escaped(make_settings: Callable[..., Settings]) -> None:
    app = create_app(make_settings(project_name='<script>alert("x")</script> & co'))
    with TestClient(app) as client:
        page = client.get("/").text

    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
