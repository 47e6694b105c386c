"""`stackwise template check`: the problems it finds in small broken templates, and none in
the built-ins."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from stackwise.cli.commands import main
from stackwise.template.check.files import differences, unparsable
from stackwise.template.check.pairwise import pairwise, uncovered_pairs
from stackwise.template.check.questions import Requirement, from_cookiecutter_json

FIXTURES = Path(__file__).parent / "fixtures" / "templates"
DOC = Path(__file__).parents[1] / "docs" / "json-output.md"
HOOK_REFUSED = (
    "Error: template random-hook has hooks (post_gen_project.py) that would run code on this "
    "machine: pass --trust to run them\n"
)


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Name the fixture templates as a template author would: by their directory."""
    monkeypatch.chdir(FIXTURES)


CASES = [
    pytest.param(
        ["clean"],
        0,
        ["clean: 6 combinations rendered twice each; no problems"],
        id="clean",
    ),
    pytest.param(
        ["random-filter"],
        1,
        [
            "secret.txt: differs between two renders of the same answers [defaults]",
            "random-filter: 1 combination rendered twice each; 1 problem",
        ],
        id="jinja-random-filter",
    ),
    pytest.param(
        ["random-hook", "--trust"],
        1,
        [
            "key.bin: differs between two renders of the same answers [defaults]",
            "random-hook: 1 combination rendered twice each; 1 problem",
        ],
        id="hook-writing-random-bytes",
    ),
    pytest.param(
        ["leftover"],
        1,
        [
            "README.md: line 3: unrendered '{{' [defaults; and 1 more combination]",
            "settings.py: line 2: unrendered '{%' [defaults; and 1 more combination]",
            "templates/index.html: line 2: unrendered '{{' [defaults; and 1 more combination]",
            "leftover: 2 combinations rendered twice each; 3 problems",
        ],
        id="leftover-syntax",
    ),
    pytest.param(
        ["bad-files"],
        1,
        [
            "config.yaml: not valid YAML: expected ',' or ']', but got '<stream end>' "
            "(line 3, column 1) [defaults; and 1 more combination]",
            "data.json: not valid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 20 (char 19) [defaults]",
            "data.json: not valid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 19 (char 18) [format=long]",
            "extra.toml: not valid TOML: Invalid value (at end of document) [format=long]",
            "main.py: not valid Python: invalid syntax (line 4) [defaults; and 1 more combination]",
            "pyproject.toml: not valid TOML: Invalid value (at line 3, column 10) "
            "[defaults; and 1 more combination]",
            "bad-files: 2 combinations rendered twice each; 6 problems",
        ],
        id="files-that-do-not-parse",
    ),
    pytest.param(
        # auth=yes with database=none would fail to render: the manifest's requires rule it
        # out, so three of the four combinations are rendered.
        ["requires"],
        0,
        ["requires: 3 combinations rendered twice each; no problems"],
        id="manifest-requires",
    ),
]


@pytest.mark.usefixtures("in_fixtures")
@pytest.mark.parametrize(("args", "status", "lines"), CASES)
def test_check_reports_one_line_per_problem_and_a_summary(
    runner: CliRunner, args: list[str], status: int, lines: list[str]
) -> None:
    result = runner.invoke(main, ["template", "check", *args])

    assert (result.stdout, result.stderr) == ("".join(f"{line}\n" for line in lines), "")
    assert result.exit_code == status


@pytest.mark.usefixtures("in_fixtures")
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("random-hook", HOOK_REFUSED),
        ("missing", "Error: template 'missing' not found: no such directory or git URL\n"),
        (".", "Error: . is not a cookiecutter template: it has no cookiecutter.json\n"),
        (
            "clean/cookiecutter.json",
            "Error: template 'clean/cookiecutter.json' not found: no such directory or git URL\n",
        ),
    ],
)
def test_a_bad_source_or_untrusted_hooks_is_a_usage_error(
    runner: CliRunner, source: str, message: str
) -> None:
    result = runner.invoke(main, ["template", "check", source])

    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_pre_prompt_hook_is_refused_even_when_trusted(runner: CliRunner, tmp_path: Path) -> None:
    template = tmp_path / "prompting"
    shutil.copytree(FIXTURES / "clean", template)
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_prompt.py").write_text("print('changing the template')\n", "utf-8")

    result = runner.invoke(main, ["template", "check", "--trust", str(template)])

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: template {template}: pre_prompt hooks are not supported\n"


def test_a_link_is_not_parsed_but_compared(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text("{}", "utf-8")
    (tmp_path / "copy.json").symlink_to("data.json")
    (tmp_path / "gone.yaml").symlink_to("missing.yaml")

    assert unparsable(tmp_path) == []
    assert differences(tmp_path, tmp_path) == []


def test_a_malformed_manifest_is_a_problem_naming_its_file_and_key(
    runner: CliRunner, tmp_path: Path
) -> None:
    template = tmp_path / "requires"
    shutil.copytree(FIXTURES / "requires", template)
    manifest = template / "stackwise.toml"
    manifest.write_text(manifest.read_text("utf-8").replace('"yes-no"', '"flag"'), "utf-8")

    result = runner.invoke(main, ["template", "check", str(template)])

    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "stackwise.toml: options.auth.type: unknown type 'flag' (allowed: choice, yes-no, text)\n"
        f"{template}: 0 combinations rendered twice each; 1 problem\n"
    )


def test_defaults_that_break_a_requirement_are_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    template = tmp_path / "requires"
    shutil.copytree(FIXTURES / "requires", template)
    manifest = template / "stackwise.toml"
    text = manifest.read_text("utf-8").replace('default = "no"', 'default = "yes"')
    manifest.write_text(text.replace('default = "sqlite"', 'default = "none"'), "utf-8")

    result = runner.invoke(main, ["template", "check", str(template)])

    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "stackwise.toml: the defaults break a requirement: auth=yes requires database=sqlite "
        "[defaults]\n"
        f"{template}: 3 combinations rendered twice each; 1 problem\n"
    )


@pytest.mark.slow  # 5 to 8 s each on a quiet machine, beyond 10 s on a busy one
@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
def test_the_builtin_templates_pass(runner: CliRunner, framework: str) -> None:
    result = runner.invoke(main, ["template", "check", framework])

    assert (result.exit_code, result.stderr) == (0, "")
    assert re.fullmatch(
        rf"{framework}: \d+ combinations rendered twice each; no problems\n", result.stdout
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("broken", "status", "problem", "tests"),
    [
        (False, 0, "", "passed; no problems"),
        (True, 1, "tests: pytest failed: 1 failed in ", "failed; 1 problem"),
    ],
    ids=["passing", "failing"],
)
def test_run_tests_installs_the_default_project_and_runs_its_tests(
    runner: CliRunner, tmp_path: Path, broken: bool, status: int, problem: str, tests: str
) -> None:
    template = tmp_path / "tested"
    shutil.copytree(FIXTURES / "tested", template)
    test_file = template / "{{cookiecutter.project_slug}}" / "tests" / "test_greet.py"
    if broken:
        test_file.write_text(test_file.read_text("utf-8").replace(', Ada"', ', Bob"'), "utf-8")

    result = runner.invoke(main, ["template", "check", "--run-tests", str(template)])

    summary = f"{template}: 2 combinations rendered twice each, the default project's own tests"
    *problems, last = result.stdout.splitlines()
    assert (result.exit_code, result.stderr, last) == (status, "", f"{summary} {tests}")
    assert [line.startswith(problem) and line.endswith("s [defaults]") for line in problems] == (
        [True] if broken else []
    )


def test_two_renders_differ_by_bytes_mode_or_a_file_only_one_has(tmp_path: Path) -> None:
    first, second = tmp_path / "1", tmp_path / "2"
    for root in (first, second):
        (root / "bin").mkdir(parents=True)
        (root / "same.txt").write_text("same", "utf-8")
        (root / "bin" / "run").write_text("#!/bin/sh\n", "utf-8")
    (first / "bin" / "run").chmod(0o755)
    (second / "bin" / "run").chmod(0o644)
    (first / "only-here.txt").write_text("", "utf-8")
    (second / "same.txt").write_text("not the same", "utf-8")

    assert differences(first, second) == [
        ("bin/run", "mode differs between two renders (755, 644)"),
        ("only-here.txt", "written by the first of two renders only"),
        ("same.txt", "differs between two renders of the same answers"),
    ]


def test_a_plain_templates_questions_are_its_choices_and_booleans() -> None:
    data = json.loads((FIXTURES / "clean" / "cookiecutter.json").read_text("utf-8"))
    data["layout"] = {"src": True}  # dict variables are not varied
    data["_private"] = ["a", "b"]

    questions = from_cookiecutter_json(data)

    assert questions.values == {
        "flavour": ("plain", "fancy", "spicy"),
        "with_config": (True, False),
    }
    assert questions.label({"flavour": "plain", "with_config": False}) == "with_config=false"


OPTIONS = {f"o{i}": ("yes", "no") for i in range(6)} | {"db": ("sqlite", "pg", "none")}
NEEDS_DB = (Requirement("o0", "yes", "db", ("sqlite", "pg")),)


def _valid(combo: dict[str, str]) -> bool:
    return all(requirement.kept(combo) for requirement in NEEDS_DB)


@pytest.mark.parametrize("listed", [0, 20_000], ids=["built", "picked"])
def test_the_pairwise_set_covers_every_valid_pair_and_only_valid_combinations(
    listed: int,
) -> None:
    seed = {key: values[0] for key, values in OPTIONS.items()}

    chosen = pairwise(OPTIONS, _valid, [seed], listed=listed)

    assert chosen[0] == seed
    assert all(_valid(combo) for combo in chosen)
    assert uncovered_pairs(OPTIONS, _valid, chosen) == set()
    assert pairwise(OPTIONS, _valid, [seed], listed=listed) == chosen
    assert len(chosen) < 3 * 2 * 6


def test_a_single_option_gets_each_of_its_values() -> None:
    assert pairwise({"format": ("short", "long")}, seeds=[{"format": "short"}]) == [
        {"format": "short"},
        {"format": "long"},
    ]


def _schema() -> dict[str, object]:
    text = DOC.read_text("utf-8")
    block = re.search(r"## `stackwise template check --json`\n.*?```json\n(.*?)\n```", text, re.S)
    assert block is not None
    schema: dict[str, object] = json.loads(block.group(1))
    return schema


@pytest.mark.usefixtures("in_fixtures")
@pytest.mark.parametrize(
    ("args", "status", "problems"),
    [
        (["clean"], 0, []),
        (["random-hook", "--trust"], 1, [("key.bin", ["defaults"])]),
        (
            ["leftover"],
            1,
            [
                (path, ["defaults", "docs=no"])
                for path in ("README.md", "settings.py", "templates/index.html")
            ],
        ),
    ],
    ids=["clean", "hook", "leftover"],
)
def test_json_is_one_object_following_its_documented_schema(
    runner: CliRunner, args: list[str], status: int, problems: list[tuple[str, list[str]]]
) -> None:
    result = runner.invoke(main, ["template", "check", "--json", *args])

    assert (result.exit_code, result.stderr) == (status, "")
    data = json.loads(result.stdout)
    Draft202012Validator(_schema()).validate(data)
    assert (data["template"], data["tests"]) == (args[0], None)
    assert [(p["path"], p["found_in"]) for p in data["problems"]] == problems


def test_many_options_get_a_small_cover_without_listing_every_combination() -> None:
    options = {f"o{i}": (True, False) for i in range(24)}  # 16 million combinations

    chosen = pairwise(options, seeds=[dict.fromkeys(options, True)])

    keys = list(options)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            held = {(combo[a], combo[b]) for combo in chosen}
            assert held == {(x, y) for x in (True, False) for y in (True, False)}, (a, b)
    assert len(chosen) == 12
