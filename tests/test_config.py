"""The user's config file: defaults, aliases, trusted sources and the rules file, each read
strictly; and the precedence of every source of an answer, table-driven.

Every test writes its own config and points ``STACKWISE_CONFIG`` (or ``XDG_CONFIG_HOME``)
at it; conftest keeps the user's own config out of all the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from stackwise.config import Alias, ConfigError, config_path, load_config
from support.cli import listing
from support.gitrepo import FIXTURES, git, template_repo, url

PLAIN = FIXTURES / "plain"


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("STACKWISE_CONFIG", str(path))
    return path


def test_where_the_config_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "stackwise" / "config.toml"
    monkeypatch.setenv("STACKWISE_CONFIG", str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv("STACKWISE_CONFIG")
    assert config_path() == Path.home() / ".config" / "stackwise" / "config.toml"


def test_no_config_file_is_the_empty_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = load_config()
    assert (config.defaults, config.templates, config.trusted, config.rules_file) == (
        {},
        {},
        (),
        None,
    )


def test_every_setting_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text("", encoding="utf-8")
    write_config(
        tmp_path,
        monkeypatch,
        'trusted = ["gh:acme/skeleton"]\nrules = "rules.toml"\n'
        '[defaults]\nauthor_name = "Ada"\ndocker = false\n'
        '[templates]\nacme = "gh:acme/skeleton"\n'
        'acme-api = { source = "gh:acme/skeleton", checkout = "v2", directory = "api" }\n',
    )
    config = load_config()
    assert config.defaults == {"author_name": "Ada", "docker": False}
    assert config.templates == {
        "acme": Alias("gh:acme/skeleton"),
        "acme-api": Alias("gh:acme/skeleton", "v2", "api"),
    }
    assert config.trusted == ("gh:acme/skeleton",)
    assert config.rules_file == tmp_path / "rules.toml"
    assert config.alias("acme-api", "v3", None) == Alias("gh:acme/skeleton", "v3", "api")
    assert config.alias("other", None, None) == Alias("other")
    assert config.alias("gh:acme/x", None, None) == Alias("gh:acme/x")


def test_an_alias_with_a_placeholder_is_an_abbreviation(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_config(tmp_path, monkeypatch, '[templates]\nacme = "https://git.acme.example/{0}.git"\n')
    assert load_config().alias("acme:tools/skeleton", "v1", None) == Alias(
        "https://git.acme.example/tools/skeleton.git", "v1"
    )
    assert load_config().alias("acme", None, None) == Alias("https://git.acme.example/{0}.git")


BAD_CONFIGS = [
    ("not-toml", "defaults = [", "{path}: not valid TOML: Invalid value (at end of document)"),
    ("unknown-key", "colour = 1\n",
     "{path}: colour: unknown key (allowed: defaults, templates, trusted, rules)"),
    ("defaults-not-a-table", "defaults = 1\n", "{path}: defaults: must be a table"),
    ("default-a-number", "[defaults]\nversion = 1\n",
     "{path}: defaults.version: must be text or true/false"),
    ("alias-unknown-key", '[templates.a]\nsource = "x"\nbranch = "v1"\n',
     "{path}: templates.a.branch: unknown key (allowed: source, checkout, directory)"),
    ("alias-without-source", '[templates.a]\ncheckout = "v1"\n',
     "{path}: templates.a.source: missing"),
    ("trusted-not-a-list", 'trusted = "gh:a/b"\n',
     "{path}: trusted: must be a list of template sources"),
    ("rules-missing", 'rules = "nowhere.toml"\n', "{path}: rules: no such file {dir}/nowhere.toml"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"), [pytest.param(*case[1:], id=case[0]) for case in BAD_CONFIGS]
)
def test_a_bad_config_is_one_line_naming_the_file_and_key(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    path = write_config(tmp_path, monkeypatch, text)
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    expected = message.format(path=path, dir=tmp_path)

    with pytest.raises(ConfigError) as caught:
        load_config()
    result = runner.invoke(main, ["new", "--no-input"])

    assert str(caught.value) == expected
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"Error: {expected}\n", "")
    assert listing(tmp_path) == before


def test_a_named_config_that_is_missing_is_an_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STACKWISE_CONFIG", str(tmp_path / "gone.toml"))
    result = runner.invoke(main, ["new", "--no-input", "-o", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path / 'gone.toml'}: cannot read: No such file or directory\n",
    )


@pytest.mark.parametrize(
    ("default", "template", "message"),
    [
        pytest.param(
            'license = "WTFPL"',
            [],
            "invalid value for license: 'WTFPL' (allowed: MIT, BSD-3-Clause, Apache-2.0, "
            "GPL-3.0-or-later, Proprietary)",
            id="built-in",
        ),
        pytest.param(
            'flavour = "mint"',
            ["--template", str(PLAIN)],
            "invalid value for flavour: 'mint' (allowed: vanilla, chocolate)",
            id="template",
        ),
        pytest.param(
            "name = true",
            ["--template", str(PLAIN)],
            "wrong type for name: a boolean (expected text)",
            id="template-wrong-type",
        ),
    ],
)
def test_a_bad_default_names_the_config_and_key(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    default: str,
    template: list[str],
    message: str,
) -> None:
    path = write_config(tmp_path, monkeypatch, f"[defaults]\n{default}\n")
    out = tmp_path / "out"
    result = runner.invoke(main, ["new", "--no-input", *template, "-o", str(out)])
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: defaults: {message}\n")
    assert not out.exists()


#: (id, config default, answers file, --set, expected): the highest source given wins.
PRECEDENCE = [
    ("template-default", None, None, None, "MIT"),
    ("config", "Apache-2.0", None, None, "Apache-2.0"),
    ("answers-file-over-config", "Apache-2.0", "BSD-3-Clause", None, "BSD-3-Clause"),
    ("set-over-answers-file", "Apache-2.0", "BSD-3-Clause", "Proprietary", "Proprietary"),
    ("set-over-config", "Apache-2.0", None, "Proprietary", "Proprietary"),
    ("answers-file-alone", None, "BSD-3-Clause", None, "BSD-3-Clause"),
]


@pytest.mark.parametrize(
    ("config", "in_file", "in_set", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in PRECEDENCE],
)
def test_precedence_for_a_built_in(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: str | None,
    in_file: str | None,
    in_set: str | None,
    expected: str,
) -> None:
    write_config(tmp_path, monkeypatch, f'[defaults]\nlicense = "{config}"\n' if config else "")
    args = ["new", "--no-input", "--framework", "flask", "--json", "-o", str(tmp_path / "out")]
    if in_file:
        (tmp_path / "answers.yaml").write_text(f"license: {in_file}\n", encoding="utf-8")
        args += ["--answers", str(tmp_path / "answers.yaml")]
    args += ["--set", f"license={in_set}"] if in_set else []

    result = runner.invoke(main, args)

    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answers"]["license"] == expected
    assert ("--set license=" in data["command"]) is (expected != "MIT")


#: (id, config default, answers file, --set, expected name and flavour)
TEMPLATE_PRECEDENCE = [
    ("template-defaults", {}, {}, [], ("demo", "vanilla")),
    ("config", {"name": "cfg", "flavour": "chocolate"}, {}, [], ("cfg", "chocolate")),
    ("file-over-config", {"name": "cfg"}, {"name": "file"}, [], ("file", "vanilla")),
    ("set-over-file", {}, {"name": "file"}, ["name=set"], ("set", "vanilla")),
    ("config-for-another-template-left-out", {"author_name": "Ada"}, {}, [],
     ("demo", "vanilla")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("config", "in_file", "sets", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in TEMPLATE_PRECEDENCE],
)
def test_precedence_for_a_template(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: dict[str, str],
    in_file: dict[str, str],
    sets: list[str],
    expected: tuple[str, str],
) -> None:
    lines = "".join(f'{key} = "{value}"\n' for key, value in config.items())
    write_config(tmp_path, monkeypatch, f"[defaults]\n{lines}")
    (tmp_path / "answers.json").write_text(json.dumps(in_file), encoding="utf-8")
    args = [
        "new",
        "--no-input",
        "--template",
        str(PLAIN),
        "--answers",
        str(tmp_path / "answers.json"),
    ]
    args += [word for pair in sets for word in ("--set", pair)]

    result = runner.invoke(main, [*args, "-o", str(tmp_path / "out")])

    assert result.exit_code == 0, result.stderr
    project = tmp_path / "out" / expected[0]
    assert (project / "README.md").read_text("utf-8") == f"{expected[0]} tastes of {expected[1]}\n"


def test_an_alias_names_a_git_template_at_its_ref(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = template_repo(tmp_path)
    write_config(
        tmp_path,
        monkeypatch,
        f'[templates]\nacme = {{ source = "{url(repo)}", checkout = "next", directory = "sub" }}\n',
    )
    result = runner.invoke(main, ["new", "--no-input", "--template", "acme", "-o", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "")
    record = json.loads((tmp_path / "demo" / ".stackwise.json").read_text("utf-8"))
    assert record["_stackwise"]["template"] == {
        "source": url(repo),
        "ref": "next",
        "commit": git(repo, "rev-parse", "next"),
        "directory": "sub",
        "hash": record["_stackwise"]["template"]["hash"],
    }
    readme = (tmp_path / "demo" / "README.md").read_text("utf-8")
    assert readme == "on next: demo tastes of vanilla\n"


@pytest.mark.parametrize("listed", ["features", "{path}"])
def test_a_trusted_source_runs_its_hooks_without_trust(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: str
) -> None:
    features = FIXTURES / "features"
    write_config(
        tmp_path,
        monkeypatch,
        f'trusted = ["{listed.format(path=features)}"]\n[templates]\nfeatures = "{features}"\n',
    )
    source = "features" if listed == "features" else str(features)
    args = ["new", "--no-input", "--template", source, "-o", str(tmp_path)]
    result = runner.invoke(main, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "feature_demo" / "hooked.txt").is_file()
