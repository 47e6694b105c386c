"""Generation is all or nothing, deterministic, and reproducible from .stackwise.json.

The library is tested here directly; the same failures through the command are in
test_cli_safety.py.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stackwise.answers.resolve import Plan, make_plan
from stackwise.answers.sources import RawAnswers, collect
from stackwise.errors import TargetExistsError, TemplateError, WriteError
from stackwise.project.create import RECORD_NAME, Generated, generate
from stackwise.recommend.rules import load_rules
from stackwise.render import cookiecutter as render_module
from stackwise.template import registry
from support.cli import tree


def plan_for(framework: str = "flask", **options: str) -> Plan:
    raw = RawAnswers(options={"framework": framework, "project_name": "Demo App", **options})
    return make_plan(raw, load_rules(), name_default=None)


@pytest.mark.parametrize("framework", ["flask", "fastapi", "django"])
def test_the_record_regenerates_the_project_byte_for_byte(framework: str, tmp_path: Path) -> None:
    first = generate(plan_for(framework, description="Sells {{ things }}"), tmp_path / "one")

    raw = collect(first.project_dir / RECORD_NAME)
    again = generate(make_plan(raw, load_rules(), name_default=None), tmp_path / "two")

    assert tree(first.project_dir) == tree(again.project_dir)
    record = json.loads((first.project_dir / RECORD_NAME).read_text("utf-8"))
    assert record["framework"] == framework
    assert record["description"] == "Sells {{ things }}"


def test_files_lists_every_file_written(tmp_path: Path) -> None:
    result = generate(plan_for(), tmp_path)

    assert list(result.files) == list(tree(result.project_dir))


def _copy_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "templates"
    shutil.copytree(registry.templates_root() / "flask", root / "flask")
    monkeypatch.setattr(registry, "templates_root", lambda: root)
    return root / "flask" / "{{cookiecutter.project_slug}}"


def test_a_template_error_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _copy_template(tmp_path, monkeypatch)
    (project / "zz_broken.py").write_text("{{ cookiecutter.no_such_key }}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    with pytest.raises(TemplateError, match="template flask failed"):
        generate(plan_for(), out)

    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (KeyboardInterrupt(), KeyboardInterrupt),
        (OSError(errno.ENOSPC, "No space left on device"), WriteError),
    ],
    ids=["interrupt", "disk-full"],
)
def test_an_interruption_or_write_error_mid_way_leaves_nothing_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    expected: type[BaseException],
) -> None:
    import cookiecutter.generate

    real = cookiecutter.generate.generate_file
    calls = []

    def fail_on_third(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise failure
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cookiecutter.generate, "generate_file", fail_on_third)
    out = tmp_path / "out"
    out.mkdir()

    with pytest.raises(expected):
        generate(plan_for(), out)

    assert len(calls) == 3
    assert list(out.iterdir()) == []


def test_a_failure_removes_the_output_directories_it_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _copy_template(tmp_path, monkeypatch)
    (project / "zz_broken.py").write_text("{{ cookiecutter.no_such_key }}\n", encoding="utf-8")
    (tmp_path / "out").mkdir()

    with pytest.raises(TemplateError):
        generate(plan_for(), tmp_path / "out" / "new" / "deeper")

    assert list((tmp_path / "out").iterdir()) == []


def test_generation_is_deterministic(tmp_path: Path) -> None:
    plan = plan_for("django", description="Same every time")

    first = generate(plan, tmp_path / "one")
    second = generate(plan, tmp_path / "two")

    assert tree(first.project_dir) == tree(second.project_dir)


def test_a_target_that_appears_during_generation_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_render = render_module.render

    def render_then_someone_else_writes(*args: object) -> Path:
        result = real_render(*args)  # type: ignore[arg-type]
        (tmp_path / "demo_app").mkdir()
        (tmp_path / "demo_app" / "theirs.txt").write_text("theirs", encoding="utf-8")
        return result

    monkeypatch.setattr(render_module, "render", render_then_someone_else_writes)

    with pytest.raises(TargetExistsError):
        generate(plan_for(), tmp_path)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo_app"]
    assert [p.name for p in (tmp_path / "demo_app").iterdir()] == ["theirs.txt"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "demo_app").write_text("a file", encoding="utf-8")

    with pytest.raises(TargetExistsError, match="already exists"):
        generate(plan_for(), tmp_path)


def test_a_template_whose_keys_differ_from_the_options_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _copy_template(tmp_path, monkeypatch)
    config = project.parent / "cookiecutter.json"
    data = json.loads(config.read_text("utf-8"))
    data["colour"] = "red"
    config.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(TemplateError, match=r"keys do not match the options: \['colour'\]"):
        generate(plan_for(), tmp_path / "out")


def _compiled_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A template as ``pip install .`` leaves it: ``__pycache__`` beside its .py files."""
    import compileall

    project = _copy_template(tmp_path, monkeypatch)
    compileall.compile_dir(str(project), quiet=2)
    assert list(project.rglob("__pycache__/*.pyc"))
    return project


def _no_bytecode(result: Generated) -> None:
    assert not [f for f in result.files if "__pycache__" in f or f.endswith(".pyc")]
    assert not list(result.project_dir.rglob("__pycache__"))


def test_an_installed_template_is_rendered_from_a_cached_copy_without_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = _compiled_template(tmp_path, monkeypatch)

    first = generate(plan_for(), tmp_path / "first")
    copies = sorted((tmp_path / "cache" / "stackwise" / "sources").iterdir())
    second = generate(plan_for(), tmp_path / "second")

    _no_bytecode(first)
    assert [c.name.split("-")[0] for c in copies] == ["flask"]
    assert not list((copies[0] / project.name).rglob("__pycache__"))
    assert sorted((tmp_path / "cache" / "stackwise" / "sources").iterdir()) == copies
    assert tree(first.project_dir) == tree(second.project_dir)


def test_a_changed_installed_template_is_copied_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = _compiled_template(tmp_path, monkeypatch)
    generate(plan_for(), tmp_path / "before")
    readme = project / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nChanged after install.\n", "utf-8")

    after = generate(plan_for(), tmp_path / "after")

    assert (after.project_dir / "README.md").read_text("utf-8").endswith("Changed after install.\n")
    assert len(list((tmp_path / "cache" / "stackwise" / "sources").iterdir())) == 2


def test_without_a_writable_cache_bytecode_is_still_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _compiled_template(tmp_path, monkeypatch)

    result = generate(plan_for(), tmp_path / "out")

    _no_bytecode(result)
    assert (result.project_dir / "pyproject.toml").is_file()


def test_compiled_templates_are_cached_and_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cold = generate(plan_for("django"), tmp_path / "cold")
    cached = sorted((tmp_path / "cache" / "stackwise" / "templates").glob("django-*/*"))
    warm = generate(plan_for("django"), tmp_path / "warm")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cold" / "demo_app" / "manage.py"))
    uncached = generate(plan_for("django"), tmp_path / "uncached")

    assert len(cached) > 10
    assert tree(cold.project_dir) == tree(warm.project_dir) == tree(uncached.project_dir)


def test_a_template_changed_between_renders_in_one_process_renders_as_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server renders the same template many times: what it remembers of one render
    (compiled path names and hooks, which files are binary) must follow the template's edits."""
    project = _copy_template(tmp_path, monkeypatch)
    generate(plan_for(), tmp_path / "before")
    (project / "{{cookiecutter.project_slug}}.txt").write_text("{{ cookiecutter.author_name }}\n")
    binary = bytes(range(256)) * 4 + b"{{ not rendered }}"
    (project / "README.md").write_bytes(binary)
    hook = project.parent / "hooks" / "post_gen_project.py"
    hook.write_text(hook.read_text("utf-8") + '\nPath("hooked.txt").write_text("yes")\n', "utf-8")

    after = generate(plan_for(author_name="Ada"), tmp_path / "after")

    assert (after.project_dir / "demo_app.txt").read_text("utf-8") == "Ada\n"
    assert (after.project_dir / "README.md").read_bytes() == binary
    assert (after.project_dir / "hooked.txt").read_text("utf-8") == "yes"
    assert "demo_app.txt" not in tree(tmp_path / "before" / "demo_app")


@pytest.mark.parametrize("directory", ["{{ 7*7 }}", "{% if true %}x{% endif %}", "a{#b"])
def test_an_output_directory_with_template_syntax_is_written_where_asked(
    tmp_path: Path, directory: str
) -> None:
    """cookiecutter renders the path it writes under; an output directory is a name, not Jinja."""
    plain = generate(plan_for(), tmp_path / "plain")

    odd = generate(plan_for(), tmp_path / directory)

    assert odd.project_dir == tmp_path / directory / "demo_app"
    assert tree(odd.project_dir) == tree(plain.project_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plain", directory])


_COUNT_COMPILES = """
import sys
import jinja2
from pathlib import Path
from stackwise.answers.resolve import make_plan
from stackwise.answers.sources import RawAnswers
from stackwise.project.create import generate
from stackwise.recommend.rules import load_rules

compiled = []
original = jinja2.Environment.compile
def compile(self, source, *args, **kwargs):
    if "{{" in source or "{%" in source:
        compiled.append(source)
    return original(self, source, *args, **kwargs)
jinja2.Environment.compile = compile
raw = RawAnswers(options={"framework": sys.argv[1], "project_name": "Demo App"})
generate(make_plan(raw, load_rules(), name_default=None), Path(sys.argv[2]))
print(len(compiled))
"""


def test_a_warm_process_compiles_nothing_whatever_rendered_in_between(tmp_path: Path) -> None:
    """The templates share file names (README.md, pyproject.toml): their compiled code must
    not take each other's place, and neither may the path names' and hooks'."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def compiles(framework: str, run: str) -> int:
        argv = [sys.executable, "-c", _COUNT_COMPILES, framework, str(tmp_path / run)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        return int(done.stdout.split()[-1])

    cold = [compiles(framework, f"cold-{framework}") for framework in ("flask", "django")]
    warm = [compiles(framework, f"warm-{framework}") for framework in ("flask", "django")]

    assert min(cold) > 20
    assert warm == [0, 0]
