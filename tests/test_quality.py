"""stackwise's own code is linted, formatted and strictly typed, as the suite checks."""

from __future__ import annotations

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
