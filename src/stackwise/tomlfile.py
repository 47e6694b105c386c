"""Reading the TOML files stackwise is given (rules, manifests) as one-line errors."""

from __future__ import annotations

import os
import tomllib
from typing import Any

from stackwise.errors import StackwiseError


def read_toml(path: str | os.PathLike[str], error: type[StackwiseError]) -> dict[str, Any]:
    """The file's table; a file that cannot be read or parsed is ``error``, naming it."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None
