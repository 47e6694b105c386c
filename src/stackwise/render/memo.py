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
import hashlib
import os
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Any, Literal, cast, overload

from jinja2 import Environment, Template, nodes

#: How ``from_string`` renders a string without syntax: the string given as a global.
_TEXT = "_stackwise_verbatim_text"
_VERBATIM = "{{ " + _TEXT + " }}"
#: The directory cookiecutter writes under, while it renders (one render at a time).
_output: list[str | None] = [None]


@contextmanager
def writing_under(directory: Path) -> Iterator[None]:
    """Tell ``from_string`` the path that starts each directory name cookiecutter renders.

    The path holds no brace (see ``cookiecutter._braceless``), so no syntax starts in it.
    """
    _output[0] = str(directory)
    try:
        yield
    finally:
        _output[0] = None


#: Compiled sources kept at most; a template has a few hundred (its paths and hooks).
COMPILED_LIMIT = 8192


class RememberingCompiler(Environment):
    """A Jinja environment whose ``compile`` reuses what an equally configured one compiled.

    Mixed in before cookiecutter's environment class. The key holds the source and every
    setting that shapes the generated code: the syntax, the whitespace options, and the
    names of the extensions, filters and tests (which the compiler checks exist).
    """

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        """cookiecutter renders each directory's full path, under a new scratch directory
        each time; that part is given as a value, so the rest compiles once."""
        prefix = _output[0]
        if isinstance(source, str) and prefix and source.startswith(prefix):
            source = _VERBATIM + source[len(prefix) :]
            globals = {**(globals or {}), _TEXT: prefix}
        return super().from_string(source, globals, template_class)

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
            return cast("str | CodeType", parent.compile(source, name, filename, raw, defer_init))
        key = (self._settings(), source, name, filename, raw, defer_init)
        if key in _COMPILED:
            return cast("str | CodeType", _COMPILED[key])

        def compile_it() -> Any:
            return parent.compile(source, name, filename, raw, defer_init)

        if not raw and self.bytecode_cache is not None and isinstance(self.autoescape, bool):
            return cast(
                "CodeType", _remember(key, self._through_bytecode_cache(key, source, compile_it))
            )
        return cast("str | CodeType", _remember(key, compile_it()))

    def _through_bytecode_cache(
        self, key: tuple[Any, ...], source: str, compile_it: Callable[[], CodeType]
    ) -> CodeType:
        """The code from the environment's bytecode cache, which Jinja keeps for the files a
        loader loads, and here also holds the path names and hooks compiled from strings,
        so that the next process need not compile them either."""
        assert self.bytecode_cache is not None
        name = "stackwise-string:" + hashlib.sha256(repr(key).encode()).hexdigest()
        bucket = self.bytecode_cache.get_bucket(self, name, None, source)
        if bucket.code is None:
            bucket.code = compile_it()
            self.bytecode_cache.set_bucket(bucket)
        return bucket.code

    def _has_syntax(self, source: str) -> bool:
        starts = (self.block_start_string, self.variable_start_string, self.comment_start_string)
        prefixes = (self.line_statement_prefix, self.line_comment_prefix)
        return any(mark in source for mark in starts + prefixes if mark)

    def _settings(self) -> tuple[Any, ...]:
        return (
            tuple(f"{cls.__module__}.{cls.__qualname__}" for cls in type(self).__mro__),
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
            f"{self.undefined.__module__}.{self.undefined.__qualname__}",
            tuple(sorted(self.extensions)),
            tuple(sorted(self.filters)),
            tuple(sorted(self.tests)),
        )


_COMPILED: dict[tuple[Any, ...], Any] = {}


def _remember(key: tuple[Any, ...], code: Any) -> Any:
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
