from pathlib import Path

from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from pytest_django import Settings

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
    # As in production: compressed copies with hashed names, collected first, and
    # WhiteNoise reading the collected files once at start-up.
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static(ASSET)
    response = Client().get(url, headers={"accept-encoding": "gzip"})

    assert url != f"/static/{ASSET}"
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
