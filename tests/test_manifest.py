"""Each template's manifest: the strict loader, its agreement with cookiecutter.json, and an
option added to a template by its manifest and its files alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stackwise.answers.vocabulary import FRAMEWORKS
from stackwise.errors import TemplateError
from stackwise.template.manifest import MANIFEST_NAME, load_manifest
from stackwise.template.registry import templates_root
from support.cli import cli_env

GOOD = """\
[template]
framework = "flask"
version = 1

[options.project_name]
question = "Project name"
help = "The title."
type = "text"
check = "project_name"

[options.database]
question = "Database"
help = "Where data lives."
type = "choice"
choices = ["sqlite", "none"]
default = "sqlite"

[options.auth]
question = "Accounts"
help = "Log in."
type = "yes-no"
default = "no"
requires = { database = ["sqlite"] }
"""

#: (id, the text replaced, its replacement, the error after the file's name)
DEFECTS = [
    (
        "not-toml",
        "[template]",
        "[template",
        "not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 10)",
    ),
    (
        "unknown-top-key",
        "[template]",
        "colour = 1\n[template]",
        "manifest.colour: unknown key (allowed: files, migrations, options, template)",
    ),
    (
        "bad-version",
        "version = 1",
        'version = "1"',
        "template.version: must be a whole number, 1 or more",
    ),
    (
        "unknown-option-key",
        'help = "Log in."',
        'help = "Log in."\ncolour = "red"',
        "options.auth.colour: unknown key (allowed: check, choice_help, choices, default, "
        "derived_from, flag, help, question, requires, type)",
    ),
    ("missing-help", 'help = "Where data lives."\n', "", "options.database.help: missing"),
    (
        "unknown-type",
        'type = "yes-no"',
        'type = "bool"',
        "options.auth.type: unknown type 'bool' (allowed: choice, yes-no, text)",
    ),
    (
        "default-outside-choices",
        'default = "sqlite"',
        'default = "mysql"',
        "options.database.default: 'mysql' is not one of sqlite, none",
    ),
    (
        "choice-without-default",
        'default = "sqlite"\n',
        "",
        "options.database.default: missing (a choice option needs a default)",
    ),
    (
        "duplicate-choice",
        '["sqlite", "none"]',
        '["sqlite", "sqlite"]',
        "options.database.choices: lists a value twice",
    ),
    (
        "choices-on-yes-no",
        'default = "no"',
        'default = "no"\nchoices = ["a"]',
        "options.auth.choices: only a choice option has choices, not yes-no",
    ),
    (
        "unknown-check",
        'check = "project_name"',
        'check = "uuid"',
        "options.project_name.check: "
        "a text option's check: one of text, project_name, slug, email, version",
    ),
    (
        "requires-unknown-option",
        "requires = { database",
        "requires = { storage",
        "options.auth.requires.storage: no option 'storage'",
    ),
    (
        "requires-unknown-value",
        '{ database = ["sqlite"] }',
        '{ database = ["mysql"] }',
        "options.auth.requires.database: 'mysql' is not one of its choices",
    ),
    (
        "help-for-no-such-choice",
        'default = "sqlite"\n',
        'default = "sqlite"\n[options.database.choice_help]\nmysql = "no"\n',
        "options.database.choice_help.mysql: unknown key (allowed: none, sqlite)",
    ),
    (
        "migration-to-nothing",
        "",
        '\n[[migrations]]\nversion = 2\nrename = { db = "storage" }\n',
        "migrations[0].rename.db: renames to 'storage', which is no option",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message"), [pytest.param(*d[1:], id=d[0]) for d in DEFECTS]
)
def test_each_defect_is_refused_naming_the_file_and_the_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = GOOD + new if old == "" else GOOD.replace(old, new, 1)
    assert text != GOOD
    (tmp_path / MANIFEST_NAME).write_text(text, "utf-8")

    with pytest.raises(TemplateError) as caught:
        load_manifest(tmp_path)

    assert str(caught.value) == f"{tmp_path / MANIFEST_NAME}: {message}"


def test_a_good_manifest_loads_in_its_order(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text(GOOD, "utf-8")

    manifest = load_manifest(tmp_path)

    assert (manifest.framework, manifest.version, manifest.keys) == (
        "flask",
        1,
        ("project_name", "database", "auth"),
    )
    assert manifest.options[2].requires == {"database": ("sqlite",)}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_manifest_and_cookiecutter_json_declare_the_same_options(framework: str) -> None:
    template = templates_root() / framework
    manifest = load_manifest(template)
    declared = json.loads((template / "cookiecutter.json").read_text("utf-8"))

    assert manifest.framework == framework
    assert list(manifest.keys) == [key for key in declared if not key.startswith("_")]
    for option in manifest.options:
        if option.choices:
            # cookiecutter's default is a list's first item.
            assert declared[option.key][0] == option.default, option.key
            assert sorted(declared[option.key]) == sorted(option.choices), option.key
        elif option.default is not None:
            assert declared[option.key] == option.default, option.key


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_path_a_manifest_owns_is_in_its_template(framework: str) -> None:
    template = templates_root() / framework
    project = template / "{{cookiecutter.project_slug}}"

    missing = [
        path
        for owned in load_manifest(template).files
        for path in owned.paths
        if not (project / path.format(package="{{cookiecutter.project_slug}}")).exists()
    ]

    assert missing == []


def test_the_pruning_hook_is_the_same_in_every_template() -> None:
    hooks = {
        (templates_root() / fw / "hooks" / "post_gen_project.py").read_bytes() for fw in FRAMEWORKS
    }

    assert len(hooks) == 1


ADDED = """
[options.telemetry]
question = "Telemetry"
help = "Send usage counts to the team."
type = "yes-no"
default = "no"

[[files]]
when = { telemetry = ["yes"] }
paths = ["{package}/telemetry.py"]
"""


def test_an_option_is_added_by_the_templates_manifest_and_files_alone(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    shutil.copytree(templates_root(), root)
    flask = root / "flask"
    with open(flask / MANIFEST_NAME, "a", encoding="utf-8") as manifest:
        manifest.write(ADDED)
    declared = json.loads((flask / "cookiecutter.json").read_text("utf-8"))
    position = list(declared).index("ci") + 1
    items = list(declared.items())
    items.insert(position, ("telemetry", ["no", "yes"]))
    (flask / "cookiecutter.json").write_text(json.dumps(dict(items), indent=2), "utf-8")
    package = flask / "{{cookiecutter.project_slug}}" / "{{cookiecutter.project_slug}}"
    (package / "telemetry.py").write_text('"""Usage counts."""\n', "utf-8")
    readme = flask / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(
        readme.read_text("utf-8")
        + '{% if cookiecutter.telemetry == "yes" %}\nTelemetry on.\n{% endif %}',
        "utf-8",
    )

    def stackwise(*args: str) -> subprocess.CompletedProcess[str]:
        code = (
            "import sys\nfrom pathlib import Path\nfrom stackwise.template import registry\n"
            f"registry.templates_root = lambda: Path({str(root)!r})\n"
            "from stackwise.cli import main\nmain(sys.argv[1:], prog_name='stackwise')\n"
        )
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=cli_env(),
            cwd=tmp_path,
            timeout=120,
            check=False,
        )

    questions = json.loads(stackwise("questions", "--json").stdout)["questions"]
    made = stackwise(
        "new", "--no-input", "--framework", "flask", "--set", "telemetry=yes", "-o", "out"
    )
    without = stackwise("new", "--no-input", "--framework", "flask", "-o", "without")
    wrong = stackwise("new", "--no-input", "--framework", "flask", "--set", "telemetry=maybe")
    elsewhere = stackwise("new", "--no-input", "--framework", "django", "--set", "telemetry=yes")

    telemetry = next(q for q in questions if q["key"] == "telemetry")
    assert (telemetry["question"], telemetry["choices"], telemetry["default"]) == (
        "Telemetry",
        ["yes", "no"],
        "no",
    )
    assert made.returncode == 0, made.stderr
    assert "Telemetry on." in (tmp_path / "out" / "my_project" / "README.md").read_text("utf-8")
    record = json.loads((tmp_path / "out" / "my_project" / ".stackwise.json").read_text("utf-8"))
    assert record["telemetry"] == "yes"
    assert (tmp_path / "out" / "my_project" / "my_project" / "telemetry.py").is_file()
    assert without.returncode == 0, without.stderr
    assert not (tmp_path / "without" / "my_project" / "my_project" / "telemetry.py").exists()
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "Error: invalid value for telemetry: 'maybe' (allowed: yes, no)\n",
    )
    assert (elsewhere.returncode, elsewhere.stderr) == (
        2,
        "Error: telemetry is not an option of the Django template: choose another --framework\n",
    )
