"""Every bad input is one line on stderr, the right exit status, nothing on stdout, no files.

The table is the list of bad inputs the issue asks for; the report quotes it. Exit 2 is a
usage error (the input was wrong), exit 1 a failure of the task (the input was fine but the
project cannot be written where asked).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise.cli.commands import main
from support.cli import listing

SHAPE = "(a lowercase letter, then lowercase letters, digits or _)"
PROJECT_KEYS = (
    "framework, project_name, project_slug, description, author_name, author_email, version, "
    "license, python_version, database, auth, admin, api_docs, html, realtime, tasks, email, "
    "sentry, docker, ci"
)
ALL_KEYS = f"building, needs, size, experience, priority, {PROJECT_KEYS}"
NEEDS = "database, admin, auth, html, api-docs, validation, async, websockets, typing"
NO_DJANGO = "set database=sqlite or postgresql, or choose --framework flask or fastapi"

#: (id, arguments, files to create first, exit status, the one line on stderr)
CASES: list[tuple[str, list[str], dict[str, bytes], int, str]] = [
    # Flags Click checks itself.
    (
        "building-outside-choices",
        ["recommend", "--building", "game"],
        {},
        2,
        "Invalid value for '--building': 'game' is not one of 'small-api', 'async-api', "
        "'web-app', 'realtime', 'learning', 'prototype'.",
    ),
    (
        "framework-outside-choices",
        ["new", "--framework", "rails"],
        {},
        2,
        "Invalid value for '--framework': 'rails' is not one of 'auto', 'flask', 'fastapi', "
        "'django'.",
    ),
    (
        "need-outside-choices",
        ["recommend", "--need", "blockchain"],
        {},
        2,
        "Invalid value for '--need': 'blockchain' is not one of 'database', 'admin', 'auth', "
        "'html', 'api-docs', 'validation', 'async', 'websockets', 'typing'.",
    ),
    ("unknown-option", ["recommend", "--colour"], {}, 2, "No such option '--colour'."),
    ("unknown-global-option", ["--colour"], {}, 2, "No such option '--colour'."),
    ("unknown-command", ["deploy"], {}, 2, "No such command 'deploy'."),
    ("flag-without-value", ["new", "--name"], {}, 2, "Option '--name' requires an argument."),
    (
        "output-dir-is-a-file",
        ["new", "--no-input", "-o", "afile"],
        {"afile": b""},
        2,
        "Invalid value for '-o' / '--output-dir': Directory 'afile' is a file.",
    ),
    # --set
    (
        "set-without-equals",
        ["new", "--no-input", "--set", "auth"],
        {},
        2,
        "--set expects KEY=VALUE, got 'auth'",
    ),
    (
        "set-unknown-key",
        ["new", "--no-input", "--set", "colour=red"],
        {},
        2,
        f"unknown key 'colour' in --set (allowed: {PROJECT_KEYS})",
    ),
    (
        "set-selection-key",
        ["new", "--no-input", "--set", "building=web-app"],
        {},
        2,
        "building is a selection answer: pass --building",
    ),
    (
        "set-needs",
        ["new", "--no-input", "--set", "needs=admin"],
        {},
        2,
        "needs is a selection answer: pass --need",
    ),
    (
        "set-yes-no-outside-choices",
        ["new", "--no-input", "--set", "auth=maybe"],
        {},
        2,
        "invalid value for auth: 'maybe' (allowed: yes, no)",
    ),
    (
        "set-python-version-outside-choices",
        ["new", "--no-input", "--set", "python_version=3.9"],
        {},
        2,
        "invalid value for python_version: '3.9' (allowed: 3.11, 3.12, 3.13)",
    ),
    (
        "set-license-outside-choices",
        ["new", "--no-input", "--set", "license=WTFPL"],
        {},
        2,
        "invalid value for license: 'WTFPL' (allowed: MIT, BSD-3-Clause, Apache-2.0, "
        "GPL-3.0-or-later, Proprietary)",
    ),
    (
        "set-version-not-pep-440",
        ["new", "--no-input", "--set", "version=banana"],
        {},
        2,
        "invalid value for version: 'banana' (a PEP 440 version such as 0.1.0)",
    ),
    (
        "set-email-not-an-address",
        ["new", "--no-input", "--set", "author_email=nobody"],
        {},
        2,
        "invalid value for author_email: 'nobody' (an address like name@example.com)",
    ),
    (
        "set-description-too-long",
        ["new", "--no-input", "--set", "description=" + "d" * 301],
        {},
        2,
        "invalid value for description: 301 characters (at most 300)",
    ),
    # Package names that cannot work.
    (
        "slug-parent-path",
        ["new", "--no-input", "--set", "project_slug=../evil"],
        {},
        2,
        f"invalid value for project_slug: '../evil' is a path; it must be a plain name {SHAPE}",
    ),
    (
        "slug-with-separator",
        ["new", "--no-input", "--set", "project_slug=a/b"],
        {},
        2,
        f"invalid value for project_slug: 'a/b' is a path; it must be a plain name {SHAPE}",
    ),
    (
        "slug-dot-dot",
        ["new", "--no-input", "--set", "project_slug=.."],
        {},
        2,
        f"invalid value for project_slug: '..' is a path; it must be a plain name {SHAPE}",
    ),
    (
        "slug-empty",
        ["new", "--no-input", "--set", "project_slug="],
        {},
        2,
        f"invalid value for project_slug: it is empty {SHAPE}",
    ),
    (
        "slug-not-an-identifier",
        ["new", "--no-input", "--set", "project_slug=My-App"],
        {},
        2,
        f"invalid value for project_slug: 'My-App' {SHAPE}",
    ),
    (
        "slug-keyword",
        ["new", "--no-input", "--set", "project_slug=class"],
        {},
        2,
        "invalid value for project_slug: 'class' is a Python keyword; choose another name",
    ),
    (
        "slug-soft-keyword",
        ["new", "--no-input", "--set", "project_slug=match"],
        {},
        2,
        "invalid value for project_slug: 'match' is a Python keyword; choose another name",
    ),
    (
        "slug-stdlib",
        ["new", "--no-input", "--set", "project_slug=json"],
        {},
        2,
        "invalid value for project_slug: 'json' would shadow the standard library module of "
        "that name; choose another name",
    ),
    *[
        (
            f"slug-shadows-{slug}",
            ["new", "--no-input", *extra, "--set", f"project_slug={slug}"],
            {},
            2,
            f"invalid value for project_slug: '{slug}' would shadow a package the starter "
            "imports; choose another name",
        )
        for slug, extra in [
            ("flask", []),
            ("fastapi", []),
            ("django", []),
            ("test", []),
            ("tests", []),
            ("app", ["--framework", "fastapi"]),
            ("twisted", ["--framework", "django"]),
            ("yaml", []),
            ("config", ["--framework", "django"]),
        ]
    ],
    # Project names: empty, not one line, too long, or giving no usable package name.
    (
        "name-empty",
        ["new", "--name", ""],
        {},
        2,
        "invalid value for project_name: it is empty (1-80 characters)",
    ),
    (
        "name-blank",
        ["new", "--name", "   "],
        {},
        2,
        "invalid value for project_name: it is empty (1-80 characters)",
    ),
    *[
        (
            f"name-with-U+{ord(char):04X}",
            ["new", "--name", f"a{char}b"],
            {},
            2,
            f"invalid value for project_name: it contains a {what} (U+{ord(char):04X}); "
            "use one line of printable text",
        )
        for char, what in [
            ("\n", "control character"),
            ("\r", "control character"),
            ("\t", "control character"),
            ("\x00", "control character"),
            ("\x1b", "control character"),
            ("\x85", "control character"),
            ("\u2028", "line separator"),
            ("\u2029", "paragraph separator"),
        ]
    ],
    (
        "name-too-long",
        ["new", "--name", "x" * 81],
        {},
        2,
        "invalid value for project_name: 81 characters (at most 80)",
    ),
    (
        "name-is-a-keyword",
        ["new", "--name", "Class"],
        {},
        2,
        "invalid value for project_slug: 'class' (derived from the project name) is a Python "
        "keyword; pass --set project_slug=NAME",
    ),
    *[
        (
            f"name-shadows-{slug}",
            ["new", "--name", name, *extra],
            {},
            2,
            f"invalid value for project_slug: '{slug}' (derived from the project name) would "
            "shadow a package the starter imports; pass --set project_slug=NAME",
        )
        for name, slug, extra in [
            ("Flask", "flask", []),
            ("FastAPI", "fastapi", []),
            ("Django", "django", []),
            ("Test", "test", []),
            ("App", "app", ["--framework", "fastapi"]),
        ]
    ],
    (
        "name-shadows-stdlib",
        ["new", "--name", "Json"],
        {},
        2,
        "invalid value for project_slug: 'json' (derived from the project name) would shadow "
        "the standard library module of that name; pass --set project_slug=NAME",
    ),
    *[
        (
            f"name-gives-no-slug-{index}",
            ["new", "--name", name],
            {},
            2,
            f"cannot derive project_slug from project_name {name!r} (got {got!r}); pass --set "
            "project_slug=NAME",
        )
        for index, (name, got) in enumerate(
            [("!!!", ""), ("..", ""), ("/", ""), ("../..", ""), ("42 Things", "42_things")]
        )
    ],
    # Missing answers without a terminal.
    (
        "no-name-no-terminal",
        ["new"],
        {},
        2,
        "missing project name: pass --name NAME (or --no-input)",
    ),
    (
        "no-name-with-answers",
        ["new", "--building", "web-app", "--need", "admin"],
        {},
        2,
        "missing project name: pass --name NAME (or --no-input)",
    ),
    # Combinations that cannot work.
    (
        "admin-without-database",
        ["new", "--no-input", "--set", "database=none", "--set", "admin=yes"],
        {},
        2,
        "admin=yes needs a database, but database=none: set database=sqlite or postgresql, or "
        "admin=no",
    ),
    (
        "auth-need-without-database",
        ["new", "--no-input", "--framework", "flask", "--need", "auth", "--set", "database=none"],
        {},
        2,
        "auth=yes (from needs: auth) needs a database, but database=none: set database=sqlite "
        "or postgresql, or auth=no",
    ),
    (
        "django-chosen-without-database",
        ["new", "--no-input", "--framework", "django", "--set", "database=none"],
        {},
        2,
        f"database=none is not available for Django (the chosen framework): {NO_DJANGO}",
    ),
    (
        "django-recommended-without-database",
        ["new", "--no-input", "--building", "web-app", "--set", "database=none"],
        {},
        2,
        f"database=none is not available for Django (the recommended framework): {NO_DJANGO}",
    ),
    # Answers files.
    (
        "answers-missing",
        ["recommend", "--answers", "missing.yaml"],
        {},
        2,
        "cannot read answers file missing.yaml: No such file or directory",
    ),
    (
        "answers-a-directory",
        ["recommend", "--answers", "."],
        {},
        2,
        "Invalid value for '--answers': File '.' is a directory.",
    ),
    (
        "answers-not-yaml",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"building: [web-app\n"},
        2,
        "answers file a.yaml is not valid YAML or JSON (line 2)",
    ),
    (
        "answers-not-utf8",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"\xff\xfe"},
        2,
        "cannot read answers file a.yaml: not UTF-8 text",
    ),
    (
        "answers-not-a-mapping",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"- web-app\n"},
        2,
        "answers file a.yaml must hold a mapping of keys to answers",
    ),
    (
        "answers-unknown-key",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"building: web-app\ncolour: red\n"},
        2,
        f"a.yaml: unknown key 'colour' (allowed: {ALL_KEYS})",
    ),
    (
        "answers-needs-not-a-list",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"needs: admin\n"},
        2,
        f"a.yaml: wrong type for needs: text (expected a list of: {NEEDS})",
    ),
    (
        "answers-need-outside-choices",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"needs: [admin, blockchain]\n"},
        2,
        f"a.yaml: invalid value for needs: 'blockchain' (allowed: {NEEDS})",
    ),
    (
        "answers-mapping-for-a-choice",
        ["recommend", "--answers", "a.yaml"],
        {"a.yaml": b"building:\n  kind: web-app\n"},
        2,
        "a.yaml: wrong type for building: a mapping (expected one of small-api, async-api, "
        "web-app, realtime, learning, prototype)",
    ),
    (
        "answers-list-for-yes-no",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b"auth: [yes]\n"},
        2,
        "a.yaml: wrong type for auth: a list holding a boolean (expected one of yes, no)",
    ),
    (
        "answers-boolean-for-text",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b"author_name: yes\n"},
        2,
        "a.yaml: wrong type for author_name: a boolean (expected text; put the value in quotes)",
    ),
    (
        "answers-outside-choices",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b"database: mongo\n"},
        2,
        "a.yaml: invalid value for database: 'mongo' (allowed: sqlite, postgresql, none)",
    ),
    (
        "answers-json-number-outside-choices",
        ["new", "--no-input", "--answers", "a.json"],
        {"a.json": b'{"project_name": "X", "python_version": 3.9}'},
        2,
        "a.json: invalid value for python_version: '3.9' (allowed: 3.11, 3.12, 3.13)",
    ),
    (
        "answers-bad-version",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b"version: banana\n"},
        2,
        "a.yaml: invalid value for version: 'banana' (a PEP 440 version such as 0.1.0)",
    ),
    (
        "answers-newline-in-name",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b'project_name: "a\\nb"\n'},
        2,
        "a.yaml: invalid value for project_name: it contains a control character (U+000A); "
        "use one line of printable text",
    ),
    (
        "answers-impossible-combination",
        ["new", "--no-input", "--answers", "a.yaml"],
        {"a.yaml": b"framework: flask\nauth: yes\ndatabase: none\n"},
        2,
        "auth=yes needs a database, but database=none: set database=sqlite or postgresql, or "
        "auth=no",
    ),
    # Task failures: the input is fine, the place is not.
    (
        "output-dir-under-a-file",
        ["new", "--no-input", "-o", "afile/sub"],
        {"afile": b""},
        1,
        "cannot create afile/sub: Not a directory",
    ),
    (
        "target-not-empty",
        ["new", "--no-input", "--name", "Shop"],
        {"shop/keep.txt": b"mine"},
        1,
        "shop already exists and is not empty; nothing was changed",
    ),
    (
        "target-is-a-file",
        ["new", "--no-input", "--name", "Shop"],
        {"shop": b"mine"},
        1,
        "shop already exists; choose another --output-dir or name",
    ),
]


@pytest.mark.parametrize(
    ("args", "files", "code", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_is_one_line_the_right_status_and_nothing_else(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    files: dict[str, bytes],
    code: int,
    message: str,
) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)

    result = runner.invoke(main, args)

    assert (result.exit_code, result.stderr, result.stdout) == (code, f"Error: {message}\n", "")
    assert listing(tmp_path) == before


def test_the_table_covers_both_failure_statuses() -> None:
    assert {case[3] for case in CASES} == {1, 2}
    assert len({case[0] for case in CASES}) == len(CASES)
