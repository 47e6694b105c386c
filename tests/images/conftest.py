"""Fixtures of the image tier: a case's image built, and its container running, once.

Tests take a case through ``built`` (indirect parametrization, module scope): pytest runs
one case's tests together, so each image is built once and its container stopped before
the next case's starts. Each case's tests share an ``xdist_group``: they run on one worker,
and the cases spread over the workers beside the rest of the suite.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cases import CASES

from support.images import Built, Container, bake_and_build, running


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    name: str = request.param
    return bake_and_build(CASES[name], name, tmp_path_factory.mktemp(name))


@pytest.fixture(scope="module")
def container(built: Built) -> Iterator[Container]:
    """The case's server as production runs it, answering /health."""
    with running(built.tag, built.env) as server:
        server.wait_for("/health")
        yield server
