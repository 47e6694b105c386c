"""stackwise's own code is linted, formatted and strictly typed, as the suite checks."""

from __future__ import annotations

import re
import sys

import pytest

from support.starters import REPO, run


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--no-cache", "src", "tests", "benchmarks"],
        ["ruff", "format", "--check", "--no-cache", "src", "tests", "benchmarks"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_source_is_clean(command: list[str]) -> None:
    run([sys.executable, "-m", *command], cwd=REPO)


def test_one_module_imports_cookiecutter() -> None:
    importers = sorted(
        path.relative_to(REPO / "src").as_posix()
        for path in (REPO / "src").rglob("*.py")
        if re.search(r"^\s*(from|import) cookiecutter\b", path.read_text("utf-8"), re.M)
    )

    assert importers == ["stackwise/render/cookiecutter.py"]
