"""Jinja filters that put free text into generated files as data, never as markup or code.

Every template carries this same file (a test keeps the copies identical). Free text such as
the project name or description must reach each file verbatim and correctly escaped:

- ``quoted``: a double-quoted string literal that is valid, and means the same text, in
  TOML, YAML and JSON (and Python). It is JSON's string syntax with every character escaped
  that any of those formats refuses or reads as a line break.
- ``pystr``: a Python string literal of the same text, quoted the way ruff's formatter (and
  Black) quote it, so that ``ruff format --check`` passes whatever the text holds: double
  quotes, unless the text holds more double quotes than single ones.
- ``md``: inline Markdown that renders as exactly the text given.
"""

from __future__ import annotations

import json
import re

from cookiecutter.utils import simple_filter

# C1 controls and DEL (YAML and TOML refuse them raw), line and paragraph separators and
# NEL (YAML reads them as line breaks), the BOM, surrogates and the two non-characters.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# What a Python literal must escape besides its quote: backslash and the characters above,
# plus the C0 controls.
_PY_ESCAPE = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_PY_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters Markdown may read as markup wherever they stand in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# Characters Markdown reads as a list, a heading underline or a numbered list at line start.
_MD_LEADING = re.compile(r"^([-+=])|^(\d+)([.)])")


def _unicode_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _PY_NAMED.get(char, f"\\u{ord(char):04x}")


@simple_filter
def quoted(value: object) -> str:
    text = json.dumps(str(value), ensure_ascii=False)
    return _UNSAFE.sub(_unicode_escape, text)


@simple_filter
def pystr(value: object) -> str:
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = _PY_ESCAPE.sub(_unicode_escape, text).replace(quote, "\\" + quote)
    return quote + body + quote


@simple_filter
def md(value: object) -> str:
    text = _MD_INLINE.sub(r"\\\1", str(value))
    return _MD_LEADING.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text
    )
