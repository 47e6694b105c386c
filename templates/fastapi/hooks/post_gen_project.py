"""Remove the files that the chosen options leave out, as the template's manifest lists them.

Each ``[[files]]`` table of ``stackwise.toml`` names paths (``{package}`` is the package
directory, named like the project's) and when they are kept: ``when`` is a table of
``option = [values]`` that must all hold, or a list of such tables of which one must hold.
Directories that the removals leave empty go too. Only the answers' choices are compared,
never free text. This file is the same in every stackwise template.
"""

import shutil
import tomllib
from pathlib import Path

ANSWERS = {
{%- for key, value in cookiecutter.items() if not key.startswith("_") and value is string %}
    {{ key|pystr }}: {{ value|pystr }},
{%- endfor %}
}
MANIFEST = Path({{ cookiecutter._repo_dir|pystr }}) / "stackwise.toml"


def holds(when: dict[str, list[str]] | list[dict[str, list[str]]]) -> bool:
    if isinstance(when, list):
        return any(holds(each) for each in when)
    return all(ANSWERS.get(option) in values for option, values in when.items())


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    for parent in path.parents:
        if parent == Path(".") or not parent.is_dir() or any(parent.iterdir()):
            break
        parent.rmdir()


def main() -> None:
    package = Path.cwd().name
    with open(MANIFEST, "rb") as handle:
        owned = tomllib.load(handle).get("files", [])
    for files in owned:
        if not holds(files["when"]):
            for pattern in files["paths"]:
                remove(Path(pattern.format(package=package)))


if __name__ == "__main__":
    main()
