"""Where the built-in templates are: in the wheel, or in the repository's checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stackwise.errors import TemplateError


def templates_root() -> Path:
    """The templates shipped in the wheel, or the repository's when run from a checkout."""
    packaged = Path(__file__).parents[1] / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def template_dir(framework: str) -> Path:
    path = templates_root() / framework
    if not (path / "cookiecutter.json").is_file():
        raise TemplateError(f"template for {framework} not found at {path}")
    return path


def declared(template: Path) -> dict[str, Any]:
    """A template's own ``cookiecutter.json``."""
    import json  # here: ``stackwise questions`` finds the templates without reading it

    try:
        data: dict[str, Any] = json.loads((template / "cookiecutter.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise TemplateError(f"{template / 'cookiecutter.json'}: cannot read: {exc}") from None
    return data
