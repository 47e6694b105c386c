from pathlib import Path

from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from pytest_django import Settings

from config.settings import base

{% if cookiecutter.html == "yes" -%}
ASSET = "{{ cookiecutter.project_slug }}/site.css"
{%- elif cookiecutter.admin == "yes" -%}
ASSET = "admin/css/base.css"
{%- else -%}
ASSET = "rest_framework/css/default.css"
{%- endif %}


def test_whitenoise_serves_the_collected_static_files(
    settings: Settings, tmp_path: Path
) -> None:
    # As in production: the storage of the shared settings (compressed copies with hashed
    # names, which the test settings replace), the files collected first, and WhiteNoise
    # reading them once at start-up.
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = base.STORAGES
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static(ASSET)
    response = Client().get(url, headers={"accept-encoding": "gzip"})

    assert url != f"/static/{ASSET}"
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
