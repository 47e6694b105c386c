"""Remove the files that the chosen options leave out.

Only choice options are read here, never free text. The package directory is found on disk
(the one directory beside tests/ holding an __init__.py), so the hook needs no name.
"""

import shutil
from pathlib import Path

OPTIONS = {
    "database": "{{ cookiecutter.database }}",
    "auth": "{{ cookiecutter.auth }}",
    "admin": "{{ cookiecutter.admin }}",
    "api_docs": "{{ cookiecutter.api_docs }}",
    "html": "{{ cookiecutter.html }}",
    "realtime": "{{ cookiecutter.realtime }}",
    "docker": "{{ cookiecutter.docker }}",
    "ci": "{{ cookiecutter.ci }}",
    "license": "{{ cookiecutter.license }}",
}
HAS_DATABASE = OPTIONS["database"] != "none"
#: Whether anything signs with SECRET_KEY: sessions for log-in, CSRF tokens, the admin's forms.
SIGNS = OPTIONS["auth"] == "yes" or OPTIONS["admin"] == "yes"
PACKAGE = next(p.parent.name for p in Path().glob("*/__init__.py") if p.parent.name != "tests")

# Each path (relative to the project, "{package}" for the package) and whether to keep it.
KEEP = {
    "migrations": HAS_DATABASE,
    "{package}/extensions.py": HAS_DATABASE or OPTIONS["realtime"] == "yes",
    "{package}/models.py": HAS_DATABASE,
    "{package}/items.py": HAS_DATABASE,
    "tests/test_items.py": HAS_DATABASE,
    "tests/test_migrations.py": HAS_DATABASE,
    "{package}/sessions.py": SIGNS,
    "tests/test_sessions.py": SIGNS,
    "{package}/auth.py": OPTIONS["auth"] == "yes",
    "{package}/tokens.py": OPTIONS["auth"] == "yes",
    "tests/test_tokens.py": OPTIONS["auth"] == "yes",
    "tests/test_auth.py": OPTIONS["auth"] == "yes",
    "{package}/forms.py": OPTIONS["auth"] == "yes" and OPTIONS["html"] == "yes",
    "{package}/templates/auth": OPTIONS["auth"] == "yes",
    "{package}/admin.py": OPTIONS["admin"] == "yes",
    "tests/test_admin.py": OPTIONS["admin"] == "yes",
    "{package}/api_docs": OPTIONS["api_docs"] == "yes",
    "tests/test_api_docs.py": OPTIONS["api_docs"] == "yes",
    "{package}/pages.py": OPTIONS["html"] == "yes",
    "{package}/templates": OPTIONS["html"] == "yes",
    "{package}/static": OPTIONS["html"] == "yes",
    "tests/test_pages.py": OPTIONS["html"] == "yes",
    "{package}/realtime.py": OPTIONS["realtime"] == "yes",
    "tests/test_realtime.py": OPTIONS["realtime"] == "yes",
    "Dockerfile": OPTIONS["docker"] == "yes",
    ".dockerignore": OPTIONS["docker"] == "yes",
    "compose.yaml": OPTIONS["docker"] == "yes",
    ".github": OPTIONS["ci"] == "github",
    ".gitlab-ci.yml": OPTIONS["ci"] == "gitlab",
    "LICENSE": OPTIONS["license"] != "Proprietary",
}

for pattern, keep in KEEP.items():
    path = Path(pattern.format(package=PACKAGE))
    if keep or not path.exists():
        continue
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
