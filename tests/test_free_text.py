"""Free text is data: arbitrary Unicode in the name, description and author, for every starter.

Hypothesis feeds text full of what breaks generators (quotes, backslashes, ``{{ }}``,
``{% %}``, ``#``, brackets, TOML and YAML specials, emoji, invisible characters) through
``stackwise new`` and checks properties that do not depend on how a template is laid out:

- every TOML, YAML and JSON file parses and every ``.py`` file compiles;
- the text arrives verbatim where it belongs: ``project.description`` and
  ``authors[0].name`` in pyproject.toml, every answer in ``.stackwise.json``, the name as the
  text of the README's first heading (rendered with markdown-it-py), the name as a string
  constant in the Python code;
- it is never evaluated: a Jinja expression such as ``{{ 1234*5678 }}`` in the input never
  leaves its result (``7006652``) in any file.

Text no one-line field can carry (control characters, line and paragraph separators) is
refused, with a message naming the field and the character; white space around text is
removed. Examples are bounded (30 per framework) so the suite stays fast.
"""

from __future__ import annotations

import ast
import json
import tempfile
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from stackwise.answers.checks import TEXT_LIMITS
from stackwise.cli.commands import main
from support.files import parse_errors, text_files

#: Pieces that mean something to TOML, YAML, JSON, Python, Markdown, HTML, Jinja or a shell.
SPECIALS = [
    '"',
    "'",
    "\\",
    "\\n",
    "\\u0041",
    '"""',
    "'''",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ cookiecutter.project_slug }}",
    "{% raw %}",
    "{% endraw %}",
    "{% if true %}IF{% endif %}",
    "#",
    "# ",
    "[",
    "]",
    "[[x]]",
    "{",
    "}",
    ": ",
    "- ",
    "? ",
    "---",
    "...",
    "&",
    "*",
    "!",
    "|",
    ">",
    "<",
    "<script>alert(1)</script>",
    "&amp;",
    "%",
    "%(x)s",
    "{0}",
    "@",
    "`",
    "$",
    "${HOME}",
    "$(id)",
    "~",
    "=",
    ",",
    "null",
    "true",
    "yes",
    "NaN",
    "0x1F",
    "1e3",
    "+1",
    "_",
    "1.",
    "🚀",
    "👩\u200d💻",
    "é",
    "e\u0301",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\U0001d11e",
    "中文",
]
REFUSED = ("Cc", "Cs", "Zl", "Zp")


def is_noncharacter(char: str) -> bool:
    """Unicode's non-characters, refused as well (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF)."""
    return 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE


LETTERS = st.characters(exclude_categories=REFUSED).filter(lambda c: not is_noncharacter(c))


@st.composite
def jinja_sum(draw: st.DrawFn) -> tuple[str, str]:
    """A Jinja expression and what it would render to, were it ever evaluated."""
    a, b = draw(st.integers(1000, 9999)), draw(st.integers(1000, 9999))
    return f"{{{{ {a}*{b} }}}}", str(a * b)


@dataclass(frozen=True)
class Text:
    value: str
    evaluated: tuple[str, ...]  # results of the Jinja expressions inside it


@st.composite
def free_text(draw: st.DrawFn, key: str) -> Text:
    pieces: list[str] = []
    results: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["special", "text", "jinja"]))
        if kind == "special":
            pieces.append(draw(st.sampled_from(SPECIALS)))
        elif kind == "text":
            pieces.append(draw(st.text(LETTERS, min_size=1, max_size=10)))
        else:
            expression, result = draw(jinja_sum())
            pieces.append(expression)
            results.append(result)
    value = "".join(pieces)[: TEXT_LIMITS[key] - 1]
    if not value.strip():
        value = "x" + value
    kept = tuple(r for r in results if r not in value)
    return Text(value, kept)


EMAILS = ["", "a@b.co", "o'brien+{{x}}@example.com", '"q"@example.com', "{%x%}@ex.am.ple"]


def heading_text(markdown: str) -> str:
    """The plain text of the first heading, as a Markdown renderer reads it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    opening = next(i for i, t in enumerate(tokens) if t.type == "heading_open")
    inline = tokens[opening + 1]
    parts = []
    for child in inline.children or []:
        assert child.type in {"text", "text_special"}, f"markup in the heading: {child}"
        parts.append(child.content)
    return "".join(parts)


def python_strings(project: Path) -> set[str]:
    found = set()
    for path in project.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def check_project(project: Path, name: str, description: str, author: str, email: str) -> None:
    assert parse_errors(project) == []
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert pyproject["description"] == description
    assert pyproject["authors"][0]["name"] == author
    record = json.loads((project / ".stackwise.json").read_text("utf-8"))
    assert (record["project_name"], record["description"]) == (name, description)
    assert (record["author_name"], record["author_email"]) == (author, email)
    assert heading_text((project / "README.md").read_text("utf-8")) == name
    assert name in python_strings(project)


def generate(
    framework: str, out: Path, name: str, description: str, author: str, email: str
) -> Result:
    args = [
        "new",
        "--no-input",
        "--json",
        "--framework",
        framework,
        "--name",
        name,
        "--set",
        "project_slug=free_text_app",
        "--set",
        f"description={description}",
        "--set",
        f"author_name={author}",
        "--set",
        f"author_email={email}",
        "-o",
        str(out),
    ]
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=free_text("project_name"),
    description=free_text("description"),
    author=free_text("author_name"),
    email=st.sampled_from(EMAILS),
)
def test_free_text_is_carried_verbatim_and_never_evaluated(
    framework: str, name: Text, description: Text, author: Text, email: str
) -> None:
    with tempfile.TemporaryDirectory(prefix="stackwise-free-text-") as scratch:
        result = generate(
            framework, Path(scratch), name.value, description.value, author.value, email
        )

        assert result.exit_code == 0, result.stderr
        project = Path(json.loads(result.stdout)["project_dir"])
        check_project(
            project,
            name.value.strip(),
            description.value.strip(),
            author.value.strip(),
            email,
        )
        given_text = name.value + description.value + author.value + email
        evaluated = [
            value
            for value in name.evaluated + description.evaluated + author.evaluated
            if value not in given_text
        ]
        for path in text_files(project):
            text = path.read_text("utf-8")
            for value in evaluated:
                assert value not in text, f"{path.name} holds {value}, an evaluated expression"


@settings(max_examples=60, deadline=None)
@given(
    key=st.sampled_from(["project_name", "description", "author_name"]),
    before=st.text(LETTERS, min_size=1, max_size=5).filter(lambda s: s.strip() != ""),
    bad=st.characters(categories=REFUSED),
    after=st.text(LETTERS, max_size=5),
)
def test_text_no_one_line_field_can_carry_is_refused(
    key: str, before: str, bad: str, after: str
) -> None:
    value = f"{before}{bad}x{after}"
    option = ["--name", value] if key == "project_name" else ["--set", f"{key}={value}"]

    result = CliRunner().invoke(main, ["new", "--no-input", *option, "-o", "/nonexistent"])

    what = {
        "Cc": "a control character",
        "Cs": "a lone surrogate",
        "Zl": "a line separator",
        "Zp": "a paragraph separator",
    }
    first = next(c for c in value if unicodedata.category(c) in REFUSED)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: invalid value for {key}: it contains {what[unicodedata.category(first)]} "
        f"(U+{ord(first):04X}); use one line of printable text\n"
    )
