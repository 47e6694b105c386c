"""Structural checks of a generated project that need no installation."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import yaml

#: Files whose own syntax uses {{ }} and {% %}: Jinja2 and Django templates.
TEMPLATE_SUFFIXES = {".html", ".jinja", ".jinja2", ".j2", ".txt"}
# ``${{ }}`` is GitHub Actions syntax, not a leftover.
_UNRENDERED = re.compile(r"(?<!\$)\{\{|\{%|\{#|cookiecutter")


def text_files(project: Path) -> list[Path]:
    return sorted(p for p in project.rglob("*") if p.is_file() and _is_text(p))


def _is_text(path: Path) -> bool:
    try:
        path.read_text("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _written_forms(free_text: Iterable[str]) -> set[str]:
    """Each text as given and as each of the templates' filters writes it."""
    from jinja2 import Environment

    template = Path(__file__).resolve().parents[2] / "templates" / "flask"
    sys.path.insert(0, str(template))
    try:
        import local_extensions as filters
    finally:
        sys.path.remove(str(template))
    env = Environment(extensions=[filters.quoted, filters.pystr, filters.md])
    forms = set()
    for value in filter(None, free_text):
        forms.add(value)
        for name in ("quoted", "pystr"):
            forms.add(env.filters[name](value)[1:-1])
        forms.add(env.filters["md"](value))
    return forms


def unrendered(project: Path, free_text: Iterable[str] = ()) -> list[str]:
    """Lines with template syntax left by cookiecutter, after removing the given free text.

    Free text may itself contain ``{{`` and must then appear verbatim, so it is cut out
    before looking. Jinja and Django template files are only checked for ``cookiecutter``.
    """
    found = []
    for path in text_files(project):
        text = path.read_text("utf-8")
        for form in sorted(_written_forms(free_text), key=len, reverse=True):
            text = text.replace(form, "")
        for number, line in enumerate(text.splitlines(), 1):
            match = _UNRENDERED.search(line)
            if match and (path.suffix not in TEMPLATE_SUFFIXES or match.group() == "cookiecutter"):
                found.append(f"{path.relative_to(project)}:{number}: {line.strip()}")
    return found


def parse_errors(project: Path) -> list[str]:
    """Every TOML, YAML, JSON and Python file that does not parse."""
    errors = []
    for path in text_files(project):
        text = path.read_text("utf-8")
        try:
            if path.suffix == ".toml":
                tomllib.loads(text)
            elif path.suffix in {".yaml", ".yml"}:
                list(yaml.safe_load_all(text))
            elif path.suffix == ".json":
                json.loads(text)
            elif path.suffix == ".py":
                compile(text, str(path), "exec")
        except Exception as exc:
            errors.append(f"{path.relative_to(project)}: {type(exc).__name__}: {exc}")
    return errors


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name)) if shutil.which(name) is None else name


def lint_deploy_files(project: Path) -> list[str]:
    """hadolint on the Dockerfile, check-jsonschema on workflow and compose files, bandit."""
    checks: list[list[str]] = []
    if (project / "Dockerfile").exists():
        checks.append([_tool("hadolint"), "Dockerfile"])
    schemas = {
        "vendor.github-workflows": sorted((project / ".github" / "workflows").glob("*.y*ml")),
        "vendor.gitlab-ci": sorted(project.glob(".gitlab-ci.yml")),
        "vendor.compose-spec": sorted(project.glob("compose.y*ml")),
    }
    for schema, paths in schemas.items():
        if paths:
            checks.append(
                [
                    _tool("check-jsonschema"),
                    "--builtin-schema",
                    schema,
                    *(str(p.relative_to(project)) for p in paths),
                ]
            )
    checks.append([_tool("bandit"), "-q", "-r", "-ll", "-x", "./tests", "."])
    failures = []
    for command in checks:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            failures.append(f"{' '.join(command)}:\n{done.stdout}{done.stderr}")
    return failures


#: pre-commit-hooks' check-added-large-files limit.
LARGE_FILE = 500 * 1024
_CONFLICT_MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)
#: The dependency-update configurations, by path, and the schema check-jsonschema has for each.
UPDATE_CONFIGS = {".github/dependabot.yml": "vendor.dependabot", "renovate.json": "vendor.renovate"}


def hygiene_problems(project: Path) -> list[str]:
    """What the hygiene hooks of the starters' .pre-commit-config.yaml would change or
    refuse, checked without fetching them: trailing whitespace, a last line without exactly
    one newline, a merge-conflict marker, a file over 500 KB (YAML and TOML syntax:
    ``parse_errors``)."""
    problems = []
    for path in text_files(project):
        name = path.relative_to(project).as_posix()
        text = path.read_text("utf-8")
        problems += [
            f"{name}:{number}: trailing whitespace"
            for number, line in enumerate(text.split("\n"), 1)
            if line != line.rstrip()
        ]
        if text and (not text.endswith("\n") or text.endswith("\n\n")):
            problems.append(f"{name}: does not end with exactly one newline")
        if _CONFLICT_MARKER.search(text):
            problems.append(f"{name}: a merge-conflict marker")
    problems += [
        f"{p.relative_to(project).as_posix()}: larger than 500 KB"
        for p in project.rglob("*")
        if p.is_file() and p.stat().st_size > LARGE_FILE
    ]
    return problems


def update_config_problems(project: Path) -> list[str]:
    """Dependabot's and Renovate's files against the schemas check-jsonschema has built in."""
    problems = []
    for path, schema in UPDATE_CONFIGS.items():
        if (project / path).exists():
            command = [_tool("check-jsonschema"), "--builtin-schema", schema, path]
            done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                problems.append(f"{path}: {done.stdout}{done.stderr}")
    return problems
