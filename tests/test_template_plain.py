"""A plain cookiecutter template through ``stackwise new --template``: byte for byte what
``cookiecutter --no-input`` makes with the same answers, each answer checked first, hooks
run only when trusted.

``tests/fixtures/templates/features`` uses each feature of ``cookiecutter.json``: text with
a default, a default rendered from an earlier answer, a list of choices, booleans, a dict
variable, a ``__`` value computed from the answers, ``_copy_without_render``,
``_extensions``, a private ``_`` value kept as written, ``__prompts__``, and hooks that
pass (one refuses a bad package name).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cookiecutter.main import cookiecutter

from stackwise.cli.commands import main
from support.cli import listing
from support.gitrepo import FIXTURES, git

FEATURES = FIXTURES / "features"
FLASK = Path(__file__).resolve().parents[1] / "templates" / "flask"


def files_and_modes(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".stackwise.json"
    }


def plain_cookiecutter(template: Path, answers: dict[str, Any], tmp_path: Path) -> Path:
    """What ``cookiecutter --no-input`` makes with ``answers`` as its extra context."""
    config = tmp_path / "cookiecutter.yaml"
    config.write_text(
        f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'cc'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "cookiecutter"
    made = cookiecutter(
        str(template),
        no_input=True,
        extra_context=answers,
        output_dir=str(out),
        config_file=str(config),
    )
    return Path(made)


SAME_AS_COOKIECUTTER = [
    ("defaults", FEATURES, {}),
    (
        "choices-and-booleans",
        FEATURES,
        {
            "project_name": "Alpha Beta",
            "license": "Apache-2.0",
            "use_docker": "no",
            "strict": "yes",
        },
    ),
    (
        "dict-and-own-slug",
        FEATURES,
        {
            "project_name": "Gamma-Ray",
            "project_slug": "custom_pkg",
            "database": {"engine": "postgresql", "port": "6543"},
            "version": "2.0.0",
        },
    ),
    ("part-of-a-dict", FEATURES, {"database": {"port": "1"}}),
    ("a-built-in-by-its-path", FLASK, {"project_name": "Via Path", "database": "none"}),
]


@pytest.mark.parametrize(
    ("template", "answers"), [pytest.param(*case[1:], id=case[0]) for case in SAME_AS_COOKIECUTTER]
)
def test_the_output_is_byte_identical_to_cookiecutter(
    runner: CliRunner, tmp_path: Path, template: Path, answers: dict[str, Any]
) -> None:
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / "stackwise"
    args = ["new", "--no-input", "--trust", "--template", str(template)]

    result = runner.invoke(main, [*args, "--answers", str(answers_file), "-o", str(out)])

    assert result.exit_code == 0, result.stderr
    (made,) = out.iterdir()
    theirs = plain_cookiecutter(template, answers, tmp_path)
    assert made.name == theirs.name
    assert files_and_modes(made) == files_and_modes(theirs)


def test_answers_by_set_are_checked_and_reach_the_files(runner: CliRunner, tmp_path: Path) -> None:
    sets = [
        "project_name=Set By Flag",
        "use_docker=off",
        "strict=Y",
        'database={"engine": "mysql"}',
        "license=BSD-3-Clause",
    ]
    args = ["new", "--no-input", "--trust", "--template", str(FEATURES), "-o", str(tmp_path)]

    result = runner.invoke(main, [*args, *(word for pair in sets for word in ("--set", pair))])

    assert result.exit_code == 0, result.stderr
    readme = (tmp_path / "set_by_flag" / "README.md").read_text("utf-8")
    assert readme == (
        "# Set By Flag\n\nSET BY FLAG!\n\nPackage: set_by_flag (module set_by_flag_core)\n"
        "License: BSD-3-Clause\nVersion: 0.1.0\nNote: {{ kept as written }}\n"
        "Database: mysql on port 5432\n"
        "Strict mode is on.\n"
    )
    assert sorted(p.name for p in (tmp_path / "set_by_flag").iterdir()) == [
        ".stackwise.json", "README.md", "bin", "hooked.txt", "raw",
    ]  # fmt: skip
    record = json.loads((tmp_path / "set_by_flag" / ".stackwise.json").read_text("utf-8"))
    del record["_stackwise"]
    assert record == {
        "project_name": "Set By Flag",
        "project_slug": "set_by_flag",
        "license": "BSD-3-Clause",
        "use_docker": "no",
        "strict": "yes",
        "database": {"engine": "mysql", "port": "5432"},
        "version": "0.1.0",
    }


def test_the_record_regenerates_the_project(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--trust", "--template", str(FEATURES)]
    first = runner.invoke(main, [*args, "--set", "strict=yes", "-o", str(tmp_path / "a")])
    assert first.exit_code == 0, first.stderr
    record = tmp_path / "a" / "feature_demo" / ".stackwise.json"

    again = runner.invoke(main, [*args, "--answers", str(record), "-o", str(tmp_path / "b")])

    assert again.exit_code == 0, again.stderr
    assert files_and_modes(tmp_path / "b" / "feature_demo") == files_and_modes(
        tmp_path / "a" / "feature_demo"
    )


ALLOWED = "project_name, project_slug, license, use_docker, strict, database, version"
BAD_ANSWERS = [
    ("unknown-key", ["--set", "colour=red"],
     f"unknown key 'colour' (allowed: {ALLOWED}) in --set"),
    ("outside-choices", ["--set", "license=WTFPL"],
     "invalid value for license: 'WTFPL' (allowed: MIT, BSD-3-Clause, Apache-2.0)"),
    ("not-yes-or-no", ["--set", "strict=maybe"],
     "invalid value for strict: 'maybe' (allowed: yes, no)"),
    ("dict-not-json", ["--set", "database=sqlite"],
     "invalid value for database: 'sqlite' (a JSON object)"),
    ("private-key", ["--set", "_copy_without_render=x"],
     f"unknown key '_copy_without_render' (allowed: {ALLOWED}) in --set"),
    ("computed-key", ["--set", "__module=x"],
     f"unknown key '__module' (allowed: {ALLOWED}) in --set"),
    ("set-without-equals", ["--set", "license"], "--set expects KEY=VALUE, got 'license'"),
    ("first-of-several", ["--set", "license=WTFPL", "--set", "colour=red"],
     "invalid value for license: 'WTFPL' (allowed: MIT, BSD-3-Clause, Apache-2.0)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"), [pytest.param(*case[1:], id=case[0]) for case in BAD_ANSWERS]
)
def test_a_bad_answer_is_one_line_before_anything_runs(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    before = listing(tmp_path)
    command = ["new", "--no-input", "--trust", "--template", str(FEATURES), "-o", str(tmp_path)]

    result = runner.invoke(main, [*command, *args])

    assert (result.exit_code, result.stderr, result.stdout) == (2, f"Error: {message}\n", "")
    assert listing(tmp_path) == before


def test_every_bad_key_of_every_source_is_found(tmp_path: Path) -> None:
    from stackwise import api
    from stackwise.answers import template_answers
    from stackwise.errors import Problems

    answers = tmp_path / "answers.yaml"
    answers.write_text("license: GPL\nshape: round\nstrict: sometimes\n", encoding="utf-8")
    template = api.open_template(str(FEATURES))

    with pytest.raises(Problems) as caught:
        template_answers.collect(template, file=answers, sets=["colour=red", "use_docker=1"])

    assert [problem.key for problem in caught.value.problems] == [
        "license", "shape", "strict", "colour",
    ]  # fmt: skip


def test_hooks_run_only_when_trusted(runner: CliRunner, tmp_path: Path) -> None:
    before = listing(tmp_path)
    args = ["new", "--no-input", "--template", str(FEATURES), "-o", str(tmp_path)]

    refused = runner.invoke(main, args)

    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"Error: {FEATURES} has hooks (post_gen_project.py, pre_gen_project.py) that would run "
        "code on this machine: pass --trust, or list the source as trusted in the config\n"
    )
    assert listing(tmp_path) == before
    trusted = runner.invoke(main, [*args, "--trust"])
    assert trusted.exit_code == 0, trusted.stderr
    assert (tmp_path / "feature_demo" / "hooked.txt").is_file()


def test_a_template_without_hooks_needs_no_trust(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--template", str(FIXTURES / "plain"), "-o", str(tmp_path)]
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("template", "args", "message"),
    [
        pytest.param(
            FIXTURES / "hook-fails",
            [],
            "the template's post_gen_project hook failed (exit status: 3); nothing was written",
            id="post-gen-exits-3",
        ),
        pytest.param(
            FEATURES,
            ["--set", "project_slug=not-an-identifier"],
            "the template's pre_gen_project hook failed (exit status: 1); nothing was written",
            id="pre-gen-refuses-the-slug",
        ),
    ],
)
def test_a_failing_hook_is_one_line_exit_1_and_no_project(
    runner: CliRunner, tmp_path: Path, template: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    command = ["new", "--no-input", "--trust", "--template", str(template), "-o", str(out)]

    result = runner.invoke(main, [*command, *args])

    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_an_existing_project_is_not_touched(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "mine.txt").write_text("mine", encoding="utf-8")
    before = listing(tmp_path)
    args = ["new", "--no-input", "--template", str(FIXTURES / "plain"), "-o", str(tmp_path)]

    result = runner.invoke(main, args)

    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'demo'} already exists and is not empty; nothing was changed\n",
    )
    assert listing(tmp_path) == before


def test_questions_json_lists_the_templates_questions(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions", "--template", str(FEATURES), "--json"])

    assert (result.exit_code, result.stderr) == (0, "")
    questions = json.loads(result.stdout)["questions"]
    assert [(q["key"], q["kind"], q["choices"], q["default"]) for q in questions] == [
        ("project_name", "text", [], "Feature Demo"),
        (
            "project_slug",
            "text",
            [],
            "{{ cookiecutter.project_name.lower().replace(' ', '_').replace('-', '_') }}",
        ),
        ("license", "choice", ["MIT", "BSD-3-Clause", "Apache-2.0"], "MIT"),
        ("use_docker", "choice", ["yes", "no"], "yes"),
        ("strict", "choice", ["yes", "no"], "no"),
        ("database", "dict", [], '{"engine": "sqlite", "port": "5432"}'),
        ("version", "text", [], "0.1.0"),
    ]
    assert questions[0] == {
        "key": "project_name",
        "group": "project",
        "question": "Name of the project",
        "kind": "text",
        "choices": [],
        "default": "Feature Demo",
        "framework_defaults": {},
        "flag": "--set project_name=VALUE",
        "help": "Text.",
        "turns_on": {},
    }
    assert questions[2]["question"] == "Which license"


def test_a_template_with_a_manifest_asks_its_manifests_questions(runner: CliRunner) -> None:
    result = runner.invoke(main, ["questions", "--template", str(FLASK), "--json"])
    assert result.exit_code == 0, result.stderr
    keys = [q["key"] for q in json.loads(result.stdout)["questions"]]
    declared = json.loads((FLASK / "cookiecutter.json").read_text("utf-8"))
    assert keys == [key for key in declared if not key.startswith("_")]
    bad = runner.invoke(
        main, ["new", "--trust", "--template", str(FLASK), "--set", "database=mongo"]
    )
    assert (bad.exit_code, bad.stderr) == (
        2,
        "Error: invalid value for database: 'mongo' (allowed: sqlite, postgresql, none)\n",
    )


def test_a_manifests_requires_hold_for_a_template(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--trust", "--template", str(FLASK), "-o", str(tmp_path)]

    result = runner.invoke(main, [*args, "--set", "auth=yes", "--set", "database=none"])

    assert (result.exit_code, result.stderr, result.stdout) == (
        2,
        "Error: auth=yes needs database sqlite or postgresql, but database=none: "
        "set database=sqlite, or auth=no\n",
        "",
    )
    assert list(tmp_path.iterdir()) == []


def test_questions_are_asked_one_by_one_with_rendered_defaults(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stackwise.cli.options.stdin_is_terminal", lambda: True)
    typed = ["Typed Name", "", "GPL", "Apache-2.0", "n", "", "", "3.0"]
    args = ["new", "--trust", "--template", str(FEATURES), "-o", str(tmp_path)]

    result = runner.invoke(main, args, input="\n".join(typed) + "\n")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:9] == [
        "Name of the project [Feature Demo]: Typed Name",
        "project_slug [typed_name]: ",
        "Which license (MIT, BSD-3-Clause, Apache-2.0) [MIT]: GPL",
        "Error: invalid value for license: 'GPL' (allowed: MIT, BSD-3-Clause, Apache-2.0)",
        "Which license (MIT, BSD-3-Clause, Apache-2.0) [MIT]: Apache-2.0",
        "use_docker (yes, no) [yes]: n",
        "strict (yes, no) [no]: ",
        'database [{"engine": "sqlite", "port": "5432"}]: ',
        "version [0.1.0]: 3.0",
    ]
    readme = (tmp_path / "typed_name" / "README.md").read_text("utf-8")
    assert "License: Apache-2.0\nVersion: 3.0\n" in readme
    assert not (tmp_path / "typed_name" / "Dockerfile").exists()
    assert os.access(tmp_path / "typed_name" / "bin" / "run.sh", os.X_OK)


def test_the_library_makes_a_templates_project(tmp_path: Path) -> None:
    from stackwise import api
    from stackwise.errors import UsageProblem

    template = api.open_template(str(FEATURES))
    answers = api.template_answers(template, sets=["project_name=From Code", "strict=yes"])
    assert [q["key"] for q in api.questions(template)] == list(template.keys)

    with pytest.raises(UsageProblem, match="pass --trust"):
        api.create_from_template(template, answers, tmp_path)
    assert list(tmp_path.iterdir()) == []
    made, values = api.create_from_template(template, answers, tmp_path, trusted=True)

    assert made.project_dir == tmp_path / "from_code"
    assert made.files == (
        ".stackwise.json", "Dockerfile", "README.md", "bin/run.sh", "hooked.txt",
        "raw/verbatim.txt",
    )  # fmt: skip
    assert values["strict"] == "yes"
    assert values["project_slug"] == "from_code"


def test_a_git_template_is_byte_identical_to_cookiecutters_clone(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Both clone the repository at the tag; file modes come through git."""
    repo = tmp_path / "features-repo"
    shutil.copytree(FEATURES, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The template")
    git(repo, "tag", "v1")
    answers = {"project_name": "From Git", "use_docker": "no"}
    out = tmp_path / "stackwise"
    sets = [word for key, value in answers.items() for word in ("--set", f"{key}={value}")]
    args = ["new", "--no-input", "--trust", "--template", repo.as_uri(), "--checkout", "v1"]

    result = runner.invoke(main, [*args, *sets, "-o", str(out)])

    assert result.exit_code == 0, result.stderr
    config = tmp_path / "cookiecutter.yaml"
    config.write_text(f"cookiecutters_dir: {tmp_path / 'cc'}\nreplay_dir: {tmp_path / 'r'}\n")
    theirs = cookiecutter(
        repo.as_uri(),
        checkout="v1",
        no_input=True,
        extra_context=answers,
        output_dir=str(tmp_path / "cookiecutter"),
        config_file=str(config),
    )
    assert files_and_modes(out / "from_git") == files_and_modes(Path(theirs))
    assert files_and_modes(out / "from_git")["bin/run.sh"][1] == 0o755


@pytest.mark.parametrize(
    ("files", "code", "message"),
    [
        pytest.param(
            {"hooks/pre_prompt.py": "print('asking')\n"},
            2,
            "{template}: pre_prompt hooks are not supported",
            id="pre-prompt-hook",
        ),
        pytest.param(
            {"cookiecutter.json": '{"templates": {"a": {"path": "a"}}}'},
            1,
            "{template}/cookiecutter.json: nested templates (templates) are not supported",
            id="nested-templates",
        ),
        pytest.param(
            {"cookiecutter.json": '{"name": '},
            1,
            "{template}/cookiecutter.json: not valid JSON: Expecting value: line 1 column 10 "
            "(char 9)",
            id="not-json",
        ),
        pytest.param(
            {"cookiecutter.json": '{"size": []}'},
            1,
            "{template}/cookiecutter.json: size: the list of choices is empty",
            id="empty-choices",
        ),
    ],
)
def test_what_stackwise_does_not_take_is_one_line(
    runner: CliRunner, tmp_path: Path, files: dict[str, str], code: int, message: str
) -> None:
    template = tmp_path / "template"
    shutil.copytree(FIXTURES / "plain", template)
    for name, text in files.items():
        (template / name).parent.mkdir(exist_ok=True)
        (template / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["new", "--no-input", "--trust", "--template", str(template), "-o", str(out)]

    result = runner.invoke(main, args)

    expected = message.format(template=template)
    assert (result.exit_code, result.stderr, result.stdout) == (code, f"Error: {expected}\n", "")
    assert not out.exists()


def test_the_command_asks_for_trust_that_the_config_gave(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'trusted = ["{FEATURES}"]\n', encoding="utf-8")
    monkeypatch.setenv("STACKWISE_CONFIG", str(config))
    args = ["new", "--no-input", "--template", str(FEATURES), "-o", str(tmp_path)]

    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"  stackwise new --no-input --template {FEATURES} --trust -o {tmp_path}"
    )


def test_name_sets_project_name_over_set(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--no-input", "--trust", "--template", str(FEATURES), "-o", str(tmp_path)]
    result = runner.invoke(main, [*args, "--set", "project_name=Lower", "--name", "Named Here"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert [path.name for path in tmp_path.iterdir()] == ["named_here"]
