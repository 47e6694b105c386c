"""The user's config file: default answers, template aliases, trusted sources, rules.

It is ``$STACKWISE_CONFIG`` if set, else ``$XDG_CONFIG_HOME/stackwise/config.toml``
(``~/.config/stackwise/config.toml``); a missing file is an empty config. The format:

```toml
trusted = ["gh:acme/skeleton"]      # sources whose hooks run without --trust
rules = "~/acme/rules.toml"         # an organisation's selection rules

[defaults]                          # answers used where no flag, --set or file gives one
author_name = "Ada Lovelace"
license = "Apache-2.0"

[templates]                         # --template acme-service
acme-service = "gh:acme/skeleton"
acme-api = { source = "gh:acme/skeleton", checkout = "v2", directory = "api" }
acme = "https://git.acme.example/{0}.git"    # --template acme:skeleton
```

The loader is strict: a file that is no TOML, an unknown key or a value of the wrong type
is a ``ConfigError`` naming the file and the key (exit 2), found before anything runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from stackwise.errors import UsageProblem

ENV_VAR = "STACKWISE_CONFIG"
KEYS = ("defaults", "templates", "trusted", "rules")
ALIAS_KEYS = ("source", "checkout", "directory")


class ConfigError(UsageProblem):
    """A config file that does not follow the config format."""


class Alias(NamedTuple):
    source: str
    checkout: str | None = None
    directory: str | None = None


class Config(NamedTuple):
    path: Path
    defaults: Mapping[str, Any]
    templates: Mapping[str, Alias]
    trusted: tuple[str, ...] = ()
    #: The organisation's rules file, checked to exist.
    rules_file: Path | None = None

    def alias(self, source: str, checkout: str | None, directory: str | None) -> Alias:
        """SOURCE as its alias stands for it; a flag given beside an alias wins over it.

        An alias whose source holds ``{0}`` is an abbreviation, as in cookiecutter's config:
        ``acme = "https://git.acme.example/{0}.git"`` makes ``acme:skeleton`` that URL.
        """
        found = self.templates.get(source)
        if found is None:
            prefix, sep, rest = source.partition(":")
            pattern = self.templates.get(prefix) if sep else None
            if pattern is None or "{0}" not in pattern.source:
                return Alias(source, checkout, directory)
            found = pattern._replace(source=pattern.source.replace("{0}", rest))
        return Alias(found.source, checkout or found.checkout, directory or found.directory)

    def trusts(self, *sources: str) -> bool:
        return any(source in self.trusted for source in sources)


def config_path() -> Path:
    given = os.environ.get(ENV_VAR)
    if given:
        return Path(given).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base, "stackwise", "config.toml")


def load_config(path: Path | None = None) -> Config:
    """The config file's settings; no file (where none was named) is the empty config."""
    from stackwise.tomlfile import read_toml

    path = path or config_path()
    if not path.exists() and ENV_VAR not in os.environ:
        return Config(path, {}, {})
    return _Reader(path).config(read_toml(path, ConfigError))


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: {key}: {problem}", key)

    def config(self, data: dict[str, Any]) -> Config:
        for key in data:
            if key not in KEYS:
                raise self.fail(key, f"unknown key (allowed: {', '.join(KEYS)})")
        defaults = self.table(data.get("defaults", {}), "defaults")
        for key, value in defaults.items():
            if not isinstance(value, str | bool):
                raise self.fail(f"defaults.{key}", "must be text or true/false")
        templates = self.table(data.get("templates", {}), "templates")
        aliases = {name: self.alias(name, value) for name, value in templates.items()}
        trusted = data.get("trusted", [])
        if not isinstance(trusted, list) or not all(isinstance(t, str) for t in trusted):
            raise self.fail("trusted", "must be a list of template sources")
        return Config(self.path, defaults, aliases, tuple(trusted), self.rules(data.get("rules")))

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        return value

    def alias(self, name: str, value: Any) -> Alias:
        where = f"templates.{name}"
        if isinstance(value, str):
            value = {"source": value}
        table = self.table(value, where)
        for key, item in table.items():
            if key not in ALIAS_KEYS:
                raise self.fail(f"{where}.{key}", f"unknown key (allowed: {', '.join(ALIAS_KEYS)})")
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{where}.{key}", "must be non-empty text")
        if "source" not in table:
            raise self.fail(f"{where}.source", "missing")
        return Alias(table["source"], table.get("checkout"), table.get("directory"))

    def rules(self, value: Any) -> Path | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail("rules", "must be the path of a rules file")
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = self.path.parent / path
        if not path.is_file():
            raise self.fail("rules", f"no such file {path}")
        return path
