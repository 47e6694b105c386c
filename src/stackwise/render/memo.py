"""What a render learns about a template that the next render in the same process reuses.

A long-running process (``stackwise serve``) renders the same templates again and again, and
cookiecutter starts each render from nothing: a new Jinja environment that compiles every
path name and hook again (the on-disk bytecode cache covers only the files' contents), and a
binary-or-text sniff of every file. Both depend on the template alone, never on the answers,
which are data that no template source contains; so each is kept here, keyed by what it was
computed from, and a render gives the same bytes with or without them.
"""

from __future__ import annotations

import functools
import os
from types import CodeType
from typing import Any, Literal, cast, overload

from jinja2 import Environment, nodes

#: Compiled sources kept at most; a template has a few hundred (its paths and hooks).
COMPILED_LIMIT = 8192


class RememberingCompiler(Environment):
    """A Jinja environment whose ``compile`` reuses what an equally configured one compiled.

    Mixed in before cookiecutter's environment class. The key holds the source and every
    setting that shapes the generated code: the syntax, the whitespace options, and the
    names of the extensions, filters and tests (which the compiler checks exist).
    """

    @overload
    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: Literal[False] = False,
        defer_init: bool = False,
    ) -> CodeType: ...

    @overload
    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: Literal[True] = ...,
        defer_init: bool = False,
    ) -> str: ...

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> str | CodeType:
        parent: Any = super()  # Jinja types the two return types by ``raw``'s literal value
        if not isinstance(source, str) or not self._has_syntax(source):
            # Plain text, such as a path under the output directory: cheap, and unbounded.
            return cast("str | CodeType", parent.compile(source, name, filename, raw, defer_init))
        key = (self._settings(), source, name, filename, raw, defer_init)
        return _compiled(key, lambda: parent.compile(source, name, filename, raw, defer_init))

    def _has_syntax(self, source: str) -> bool:
        starts = (self.block_start_string, self.variable_start_string, self.comment_start_string)
        prefixes = (self.line_statement_prefix, self.line_comment_prefix)
        return any(mark in source for mark in starts + prefixes if mark)

    def _settings(self) -> tuple[Any, ...]:
        return (
            type(self),
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.keep_trailing_newline,
            self.optimized,
            self.autoescape if isinstance(self.autoescape, bool) else id(self.autoescape),
            self.undefined,
            tuple(sorted(self.extensions)),
            tuple(sorted(self.filters)),
            tuple(sorted(self.tests)),
        )


_COMPILED: dict[tuple[Any, ...], str | CodeType] = {}


def _compiled(key: tuple[Any, ...], compile_it: Any) -> str | CodeType:
    try:
        return _COMPILED[key]
    except KeyError:
        pass
    code: str | CodeType = compile_it()
    if len(_COMPILED) >= COMPILED_LIMIT:
        _COMPILED.clear()
    _COMPILED[key] = code
    return code


def is_binary(path: str) -> bool:
    """binaryornot's answer for a template file, asked once per version of the file."""
    absolute = os.path.abspath(path)
    stat = os.stat(absolute)
    return _is_binary(absolute, stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=COMPILED_LIMIT)
def _is_binary(path: str, _size: int, _mtime_ns: int, _inode: int) -> bool:
    from binaryornot.check import is_binary as sniff

    answer: bool = sniff(path)
    return answer
