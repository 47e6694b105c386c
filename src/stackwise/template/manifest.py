"""A template's manifest, ``stackwise.toml``: its options as data, read by a strict loader.

The manifest says which framework the template is for, its version, and each option:

```toml
[template]
framework = "flask"          # or "" for a template of no framework
version = 1                  # a whole number, raised when the options change

[options.database]           # in the order they are asked
question = "Database"        # the words of the question
help = "..."                 # one line of help
type = "choice"              # choice | yes-no | text
choices = ["sqlite", "postgresql", "none"]
default = "sqlite"           # a choice; "yes"/"no"; or text (may be "")
requires = { database = ["sqlite", "postgresql"] }   # yes only when these hold
derived_from = "project_name"    # text: the default comes from that option
check = "slug"               # text: project_name | slug | email | version | text (the default)
flag = "--name"              # the command-line flag, where there is one besides --set

[options.database.choice_help]
sqlite = "..."               # a line of help per choice

[[files]]                    # the paths an option owns: kept when `when` holds
when = { database = ["sqlite", "postgresql"] }   # all of these, or a list of tables: any
paths = ["migrations", "{package}/models.py"]    # {package}: the package directory

[[migrations]]               # what an older record's answers become, for update
version = 2                  # the template version that made the change
rename = { old_key = "new_key" }
drop = ["removed_key"]
```

Every defect is a ``TemplateError`` naming the file and the key, found when the manifest
is read, before anything is asked or rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from stackwise.errors import TemplateError
from stackwise.tomlfile import read_toml

MANIFEST_NAME = "stackwise.toml"
TYPES = ("choice", "yes-no", "text")
CHECKS = ("text", "project_name", "slug", "email", "version")
YES_NO = ("yes", "no")
OPTION_KEYS = {
    "question", "help", "type", "choices", "default", "requires", "derived_from", "check",
    "flag", "choice_help",
}  # fmt: skip


class Option(NamedTuple):
    key: str
    question: str
    help: str
    type: str
    choices: tuple[str, ...] = ()
    default: str | None = None
    requires: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    derived_from: str | None = None
    check: str = "text"
    flag: str = ""
    choice_help: Mapping[str, str] = MappingProxyType({})


class Migration(NamedTuple):
    version: int
    rename: Mapping[str, str] = MappingProxyType({})
    drop: tuple[str, ...] = ()


#: ``option = [values]`` that must all hold; a tuple of such: one of them must.
Condition = Mapping[str, tuple[str, ...]]


class Owned(NamedTuple):
    """Paths an option owns, kept when ``when`` holds (the template's hook removes them
    otherwise); ``when`` is one condition or several, of which one must hold."""

    when: tuple[Condition, ...]
    paths: tuple[str, ...]


class Manifest(NamedTuple):
    path: Path
    framework: str
    version: int
    options: tuple[Option, ...]
    files: tuple[Owned, ...] = ()
    migrations: tuple[Migration, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)


class _Reader:
    """Checks one manifest; every message names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> TemplateError:
        return TemplateError(f"{self.path}: {where}: {problem}")

    def table(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a table")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(
                f"{where}.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})"
            )
        return value

    def text(self, value: Any, where: str, *, empty: bool = False) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(
                where, "must be a non-empty string" if not empty else "must be a string"
            )
        return value

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(where, "must be a non-empty list of strings")
        if len(set(value)) != len(value):
            raise self.fail(where, "lists a value twice")
        return tuple(value)

    def option(self, key: str, data: Any) -> Option:
        where = f"options.{key}"
        data = self.table(data, where, OPTION_KEYS)
        for required in ("question", "help", "type"):
            if required not in data:
                raise self.fail(f"{where}.{required}", "missing")
        kind = data["type"]
        if kind not in TYPES:
            raise self.fail(f"{where}.type", f"unknown type {kind!r} (allowed: {', '.join(TYPES)})")
        choices: tuple[str, ...] = YES_NO if kind == "yes-no" else ()
        if kind == "choice":
            choices = self.strings(data.get("choices"), f"{where}.choices")
        elif "choices" in data:
            raise self.fail(f"{where}.choices", f"only a choice option has choices, not {kind}")
        default = data.get("default")
        if default is not None:
            default = self.text(default, f"{where}.default", empty=True)
            if choices and default not in choices:
                raise self.fail(
                    f"{where}.default", f"{default!r} is not one of {', '.join(choices)}"
                )
        elif choices:
            raise self.fail(f"{where}.default", "missing (a choice option needs a default)")
        check = data.get("check", "text")
        if check not in CHECKS or ("check" in data and kind != "text"):
            raise self.fail(f"{where}.check", f"a text option's check: one of {', '.join(CHECKS)}")
        helps = self.table(data.get("choice_help", {}), f"{where}.choice_help", set(choices))
        requires = self.table(
            data.get("requires", {}), f"{where}.requires", set(data.get("requires", {}))
        )
        return Option(
            key=key,
            question=self.text(data["question"], f"{where}.question"),
            help=self.text(data["help"], f"{where}.help"),
            type=kind,
            choices=choices,
            default=default,
            requires={k: self.strings(v, f"{where}.requires.{k}") for k, v in requires.items()},
            derived_from=self.text(data["derived_from"], f"{where}.derived_from")
            if "derived_from" in data
            else None,
            check=check,
            flag=self.text(data["flag"], f"{where}.flag") if "flag" in data else "",
            choice_help={k: self.text(v, f"{where}.choice_help.{k}") for k, v in helps.items()},
        )

    def cross_check(self, options: tuple[Option, ...]) -> None:
        """What an option refers to must exist: the option it derives from, what it requires."""
        by_key = {option.key: option for option in options}
        for option in options:
            where = f"options.{option.key}"
            if option.derived_from is not None and option.derived_from not in by_key:
                raise self.fail(f"{where}.derived_from", f"no option {option.derived_from!r}")
            for other, values in option.requires.items():
                if other not in by_key:
                    raise self.fail(f"{where}.requires.{other}", f"no option {other!r}")
                odd = [v for v in values if v not in by_key[other].choices]
                if odd:
                    raise self.fail(
                        f"{where}.requires.{other}", f"{odd[0]!r} is not one of its choices"
                    )

    def migration(self, index: int, data: Any, keys: tuple[str, ...]) -> Migration:
        where = f"migrations[{index}]"
        data = self.table(data, where, {"version", "rename", "drop"})
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.fail(f"{where}.version", "must be a whole number, 1 or more")
        rename = self.table(data.get("rename", {}), f"{where}.rename", set(data.get("rename", {})))
        for old, new in rename.items():
            if new not in keys:
                raise self.fail(f"{where}.rename.{old}", f"renames to {new!r}, which is no option")
        drop = self.strings(data["drop"], f"{where}.drop") if "drop" in data else ()
        return Migration(version, dict(rename), drop)

    def condition(self, data: Any, where: str, options: Mapping[str, Option]) -> Condition:
        data = self.table(data, where, set(options))
        found = {key: self.strings(values, f"{where}.{key}") for key, values in data.items()}
        for key, values in found.items():
            odd = [v for v in values if v not in options[key].choices]
            if odd:
                raise self.fail(f"{where}.{key}", f"{odd[0]!r} is not one of its choices")
        return found

    def owned(self, index: int, data: Any, options: Mapping[str, Option]) -> Owned:
        where = f"files[{index}]"
        data = self.table(data, where, {"when", "paths"})
        if "when" not in data or "paths" not in data:
            raise self.fail(where, "needs both when and paths")
        when = data["when"]
        tables = when if isinstance(when, list) and when else [when]
        paths = self.strings(data["paths"], f"{where}.paths")
        for path in paths:
            if path.startswith("/") or ".." in path.split("/"):
                raise self.fail(f"{where}.paths", f"{path!r} must stay inside the project")
        conditions = tuple(self.condition(t, f"{where}.when", options) for t in tables)
        return Owned(conditions, paths)

    def manifest(self, data: dict[str, Any]) -> Manifest:
        self.table(data, "manifest", {"template", "options", "files", "migrations"})
        template = self.table(data.get("template"), "template", {"framework", "version"})
        framework = self.text(template.get("framework", ""), "template.framework", empty=True)
        version = template.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self.fail("template.version", "must be a whole number, 1 or more")
        options_data = data.get("options")
        if not isinstance(options_data, dict) or not options_data:
            raise self.fail("options", "expected a table of options")
        options = tuple(self.option(key, value) for key, value in options_data.items())
        self.cross_check(options)
        keys = tuple(option.key for option in options)
        migrations = data.get("migrations", [])
        if not isinstance(migrations, list):
            raise self.fail("migrations", "expected an array of tables")
        found = tuple(self.migration(i, m, keys) for i, m in enumerate(migrations))
        files = data.get("files", [])
        if not isinstance(files, list):
            raise self.fail("files", "expected an array of tables")
        by_key = {option.key: option for option in options}
        owned = tuple(self.owned(i, f, by_key) for i, f in enumerate(files))
        return Manifest(self.path, framework, version, options, owned, found)


def load_manifest(template: Path) -> Manifest:
    """Read and check ``template/stackwise.toml``."""
    path = template / MANIFEST_NAME
    return _Reader(path).manifest(read_toml(path, TemplateError))
