"""Fixtures for the template tests: per-framework starter environments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from support.starters import EnvFactory, starter_env


@pytest.fixture(scope="session")
def starter_envs(tmp_path_factory: pytest.TempPathFactory) -> EnvFactory:
    """``starter_envs(framework, variants)``: an environment with all their dependencies."""
    made: dict[tuple[str, str], Path] = {}

    def get(framework: str, variants: Sequence[Mapping[str, str]]) -> Path:
        key = (framework, repr(variants))
        if key not in made:
            scratch = tmp_path_factory.mktemp(f"{framework}-env-bake")
            made[key] = starter_env(framework, variants, scratch)
        return made[key]

    return get
