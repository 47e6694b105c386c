"""The package as users get it: a wheel that carries the templates, and starters that
install with ``pip install -e ".[dev]"`` into a fresh virtual environment."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from support.starters import REPO, bake, run

pytestmark = pytest.mark.slow


def _venv(path: Path) -> Path:
    run([sys.executable, "-m", "venv", str(path)], cwd=path.parent)
    return path / "bin"


def test_the_wheel_ships_the_templates_and_generates_from_anywhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        cwd=tmp_path,
    )
    wheel = next(dist.glob("stackwise-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for framework in ("flask", "fastapi", "django"):
        assert f"stackwise/templates/{framework}/cookiecutter.json" in names
    assert "stackwise/recommend/rules.toml" in names
    assert "stackwise/answers/reserved_names.txt" in names

    bin_dir = _venv(tmp_path / "venv")
    run(
        [str(bin_dir / "pip"), "install", "-q", "--disable-pip-version-check", str(wheel)],
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for framework in ("flask", "fastapi", "django"):
        done = run(
            [
                str(bin_dir / "stackwise"),
                "new",
                "--no-input",
                "--json",
                "--framework",
                framework,
                "--name",
                "Demo App",
                "-o",
                framework,
            ],
            cwd=elsewhere,
        )
        result = json.loads(done.stdout)
        assert result["project_dir"] == f"{framework}/demo_app"
        assert (elsewhere / framework / "demo_app" / "pyproject.toml").is_file()
        assert (elsewhere / framework / "demo_app" / ".stackwise.json").is_file()


@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
def test_a_starter_installs_in_a_fresh_venv_and_passes_its_tests(
    framework: str, tmp_path: Path
) -> None:
    project = bake(framework, {}, tmp_path).project_dir
    bin_dir = _venv(tmp_path / ".venv")

    run(
        [str(bin_dir / "pip"), "install", "-q", "--disable-pip-version-check", "-e", ".[dev]"],
        cwd=project,
    )
    tests = run([str(bin_dir / "pytest"), "-q", "-p", "no:cacheprovider"], cwd=project)
    run([str(bin_dir / "ruff"), "check", "--no-cache", "."], cwd=project)

    assert " passed" in tests.stdout
    assert "failed" not in tests.stdout
