"""What every template shares: its options, its filters, and plain-cookiecutter use."""

from __future__ import annotations

import ast
import hashlib
import sys
import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from stackwise.template.registry import templates_root
from stackwise.answers.checks import reserved_names
from stackwise.answers.vocabulary import BY_KEY, template_keys
from support.files import parse_errors, unrendered
from support.starters import ALL_ON, EnvFactory, bake, run_gates

FRAMEWORKS = ["flask", "fastapi", "django"]
#: Values a template may leave out because the framework cannot offer them.
NOT_OFFERED = {"django": {"database": {"none"}}}


def declared(framework: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (templates_root() / framework / "cookiecutter.json").read_text("utf-8")
    )
    return data


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_cookiecutter_json_has_the_options_with_their_choices_and_defaults(framework: str) -> None:
    data = declared(framework)

    assert [k for k in data if not k.startswith("_")] == list(template_keys(framework))
    for key in template_keys(framework):
        question = BY_KEY[key]
        if not question.choices:
            continue
        choices = data[key]
        assert isinstance(choices, list)
        missing = NOT_OFFERED.get(framework, {}).get(key, set())
        assert sorted(choices) == sorted(set(question.choices) - missing), key
        assert choices[0] == question.default_for(framework), key


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_option_has_a_plain_words_prompt(framework: str) -> None:
    prompts = declared(framework)["__prompts__"]

    assert isinstance(prompts, dict)
    assert sorted(prompts) == sorted(template_keys(framework))


def test_the_filter_module_is_the_same_in_every_template() -> None:
    copies = {(templates_root() / fw / "local_extensions.py").read_bytes() for fw in FRAMEWORKS}

    assert len(copies) == 1


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_plain_cookiecutter_bakes_the_defaults(
    cookies: object, framework: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = templates_root() / framework
    # pytest-cookies renders the context before cookiecutter puts the template on sys.path.
    monkeypatch.syspath_prepend(str(template))

    result = cookies.bake(template=str(template))  # type: ignore[attr-defined]

    assert result.exception is None, result.exception
    project: Path = result.project_path
    assert project.name == "my_project"
    assert unrendered(project) == []
    assert parse_errors(project) == []
    assert (project / "pyproject.toml").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_defaults_pass_their_own_tests_lint_and_type_check(
    framework: str, tmp_path: Path, starter_envs: EnvFactory
) -> None:
    env = starter_envs(framework, [{}])
    project = bake(framework, {}, tmp_path).project_dir

    summary = run_gates(project, env)

    # run_gates fails on a failed test; a skipped one would be a check the defaults lost.
    assert " passed" in summary and "skipped" not in summary, summary


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("name", ["Able", "Zulu"])
def test_the_imports_are_sorted_whatever_the_project_is_called(
    framework: str, name: str, tmp_path: Path
) -> None:
    # The project's package sorts among the other first-party ones (config, app, tests)
    # by its name: before them all, or after.
    ruff = str(Path(sys.executable).with_name("ruff"))
    for index, options in enumerate([{}, ALL_ON]):
        project = bake(framework, options, tmp_path / str(index), name=name).project_dir
        checked = subprocess.run(
            [ruff, "check", "--no-cache", "--select", "I", "."],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, f"{options}: {checked.stdout}"


#: The license texts as their stewards publish them (SPDX's MIT and BSD-3-Clause with the
#: holder filled in and no year; Apache's and the FSF's texts verbatim, checked by hash).
LICENSE_HASHES = {
    "Apache-2.0": "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30",
    "GPL-3.0-or-later": "3972dc9744f6499f0f9b2dbf76696f2ae7ad8af9b23dde66d6af86c9dfb36986",
}
LICENSE_TITLES = {"MIT": "MIT License", "BSD-3-Clause": "BSD 3-Clause License"}


def test_the_license_texts_are_the_same_in_every_template() -> None:
    texts = {
        fw: {
            p.name: p.read_bytes()
            for p in (templates_root() / fw / "templates" / "licenses").iterdir()
        }
        for fw in FRAMEWORKS
    }

    assert texts["flask"] == texts["fastapi"] == texts["django"]
    assert sorted(texts["flask"]) == [
        f"{k}.txt" for k in sorted({*LICENSE_HASHES, *LICENSE_TITLES})
    ]


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("license_", ["MIT", "BSD-3-Clause"])
@pytest.mark.parametrize(
    ("author", "holder"), [('Zoë "Z" {{ 7*7 }}', 'Zoë "Z" {{ 7*7 }}'), ("", "the Demo App authors")]
)
def test_a_permissive_license_names_its_holder_and_no_year(
    framework: str, license_: str, author: str, holder: str, tmp_path: Path
) -> None:
    project = bake(framework, {"license": license_, "author_name": author}, tmp_path).project_dir

    text = (project / "LICENSE").read_text("utf-8")

    assert text.startswith(f"{LICENSE_TITLES[license_]}\n\nCopyright (c) {holder}\n\n")
    assert text.endswith("DAMAGE.\n" if license_ == "BSD-3-Clause" else "SOFTWARE.\n")


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("license_", sorted(LICENSE_HASHES))
def test_apache_and_gpl_are_their_published_texts(
    framework: str, license_: str, tmp_path: Path
) -> None:
    project = bake(framework, {"license": license_}, tmp_path).project_dir

    digest = hashlib.sha256((project / "LICENSE").read_bytes()).hexdigest()

    assert digest == LICENSE_HASHES[license_]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_a_proprietary_project_has_no_license_file_only_the_field(
    framework: str, tmp_path: Path
) -> None:
    project = bake(framework, {"license": "Proprietary"}, tmp_path).project_dir

    assert not (project / "LICENSE").exists()
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["license"] == "LicenseRef-Proprietary"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_package_a_starter_imports_is_a_reserved_name(
    framework: str, tmp_path: Path
) -> None:
    """A project named like a package it imports would shadow that package."""
    all_on = dict.fromkeys(("auth", "admin", "api_docs", "html", "realtime"), "yes")
    extra = {"tasks": "celery", "email": "yes", "sentry": "yes"}
    all_on |= {key: value for key, value in extra.items() if key in template_keys(framework)}
    project = bake(framework, {**all_on, "database": "postgresql"}, tmp_path).project_dir
    imported: set[str] = set()
    for path in project.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    own = {path.stem for path in project.iterdir()}

    unreserved = imported - set(sys.stdlib_module_names) - reserved_names(framework) - own

    assert unreserved == set()
