"""Remove the files that belong to options that were not chosen.

Only choice options reach this hook; free text never does.
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

#: (option, values that keep the paths): the paths that belong to that option.
OWNED = [
    (
        ("database", {"sqlite", "postgresql"}),
        [
            "app/db.py",
            "app/models.py",
            "app/schemas.py",
            "app/api/items.py",
            "migrations",
            "tests/test_items.py",
            "tests/test_migrations.py",
        ],
    ),
    (
        ("auth", {"yes"}),
        [
            "app/security.py",
            "app/users.py",
            "app/cli.py",
            "app/api/auth.py",
            "tests/test_auth.py",
            "tests/test_cli.py",
        ],
    ),
    (
        ("admin", {"yes"}),
        [
            "app/admin.py",
            "app/csrf.py",
            "app/admin_templates",
            "app/static/admin.js",
            "tests/test_admin.py",
        ],
    ),
    (("api_docs", {"yes"}), ["app/api/docs.py", "app/static/docs.js"]),
    (("html", {"yes"}), ["app/templates", "app/api/pages.py", "tests/test_pages.py"]),
    (
        ("realtime", {"yes"}),
        ["app/broker.py", "app/api/realtime.py", "tests/test_realtime.py"],
    ),
    (("docker", {"yes"}), ["Dockerfile", ".dockerignore", "compose.yaml"]),
    (("ci", {"github"}), [".github"]),
    (("ci", {"gitlab"}), [".gitlab-ci.yml"]),
    (("license", {"MIT", "BSD-3-Clause", "Apache-2.0", "GPL-3.0-or-later"}), ["LICENSE"]),
]


def main() -> None:
    for (option, keep), paths in OWNED:
        if OPTIONS[option] in keep:
            continue
        for name in paths:
            path = Path(name)
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    # The static files are the docs' and the admin's: without either, there are none.
    static = Path("app/static")
    if not any(static.iterdir()):
        static.rmdir()


main()
