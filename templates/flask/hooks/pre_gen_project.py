"""Refuse option combinations the starter cannot build (plain cookiecutter runs ask no questions twice).

Only choice options are read here, never free text.
"""

import sys

DATABASE = "{{ cookiecutter.database }}"
NEEDS_A_DATABASE = {"auth": "{{ cookiecutter.auth }}", "admin": "{{ cookiecutter.admin }}"}

for key, value in NEEDS_A_DATABASE.items():
    if value == "yes" and DATABASE == "none":
        sys.exit(f"{key}=yes needs a database, but database=none: set database=sqlite or postgresql, or {key}=no")
