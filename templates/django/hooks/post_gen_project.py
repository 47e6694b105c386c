"""Remove what the chosen options leave out. Uses only choice options, never free text."""

import shutil
from pathlib import Path

ROOT = Path.cwd()
PACKAGE = ROOT / ROOT.name

AUTH = "{{ cookiecutter.auth }}" == "yes"
ADMIN = "{{ cookiecutter.admin }}" == "yes"
API_DOCS = "{{ cookiecutter.api_docs }}" == "yes"
HTML = "{{ cookiecutter.html }}" == "yes"
REALTIME = "{{ cookiecutter.realtime }}" == "yes"
POSTGRESQL = "{{ cookiecutter.database }}" == "postgresql"
DOCKER = "{{ cookiecutter.docker }}" == "yes"
CI = "{{ cookiecutter.ci }}"
PROPRIETARY = "{{ cookiecutter.license }}" == "Proprietary"
STATIC = HTML or ADMIN or API_DOCS
PAGES = HTML or AUTH or ADMIN or API_DOCS

UNUSED = {
    "api_accounts": (not (AUTH and API_DOCS), [
        PACKAGE / "authentication.py",
        PACKAGE / "notes" / "permissions.py",
    ]),
    "auth": (not AUTH, [
        PACKAGE / "users" / "forms.py",
        PACKAGE / "users" / "views.py",
        PACKAGE / "users" / "urls.py",
        PACKAGE / "users" / "templates",
        ROOT / "tests" / "test_auth.py",
    ]),
    "admin": (not ADMIN, [
        PACKAGE / "users" / "admin.py",
        PACKAGE / "notes" / "admin.py",
        ROOT / "tests" / "test_admin.py",
    ]),
    "api_docs": (not API_DOCS, [
        PACKAGE / "notes" / "api.py",
        PACKAGE / "notes" / "serializers.py",
        ROOT / "tests" / "test_api.py",
        PACKAGE / "templates" / "api_docs",
        PACKAGE / "static" / "api_docs",
    ]),
    "html": (not HTML, [
        PACKAGE / "notes" / "forms.py",
        PACKAGE / "notes" / "templates",
        PACKAGE / "templates" / ROOT.name,
        PACKAGE / "static" / ROOT.name,
    ]),
    "templates": (not (HTML or AUTH), [
        PACKAGE / "templates" / "base.html",
        PACKAGE / "templates" / "includes",
        PACKAGE / "context_processors.py",
    ]),
    "static": (not STATIC, [ROOT / "tests" / "test_static.py"]),
    "pages": (not PAGES, [ROOT / "tests" / "pages.py"]),
    "realtime": (not REALTIME, [
        PACKAGE / "consumers.py",
        PACKAGE / "routing.py",
        ROOT / "tests" / "test_realtime.py",
    ]),
    "postgresql": (not POSTGRESQL, [ROOT / "tests" / "conftest.py"]),
    # Daphne serves the realtime variant; gunicorn the others.
    "gunicorn": (REALTIME, [ROOT / "gunicorn.conf.py"]),
    "docker": (not DOCKER, [ROOT / "Dockerfile", ROOT / "compose.yaml", ROOT / ".dockerignore"]),
    "github": (CI != "github", [ROOT / ".github"]),
    "gitlab": (CI != "gitlab", [ROOT / ".gitlab-ci.yml"]),
    "license": (PROPRIETARY, [ROOT / "LICENSE"]),
}


def main() -> None:
    for unused, paths in UNUSED.values():
        if not unused:
            continue
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    # Folders that the removals above left empty.
    for folder in (PACKAGE / "templates", PACKAGE / "static"):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


if __name__ == "__main__":
    main()
