"""The library API: every problem with its key, and the same results as the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stackwise import __version__, api
from stackwise.cli.commands import main
from stackwise.errors import Problems, StackwiseError, TargetExistsError, UsageProblem
from support.cli import tree

SLUG_SHAPE = "(a lowercase letter, then lowercase letters, digits or _)"


def problems_of(answers: dict[str, object], **kwargs: object) -> list[tuple[str | None, str]]:
    with pytest.raises(Problems) as caught:
        api.resolve(answers, **kwargs)  # type: ignore[arg-type]
    return [(problem.key, str(problem)) for problem in caught.value.problems]


def test_every_bad_answer_is_reported_with_its_key() -> None:
    answers = {
        "building": "game",
        "colour": "blue",
        "database": "mysql",
        "version": "one",
        "author_email": "zoe",
        "needs": "admin",
        "project_slug": "Shop",
    }

    assert problems_of(answers) == [
        (
            "building",
            "invalid value for building: 'game' (allowed: small-api, async-api, web-app, "
            "realtime, learning, prototype)",
        ),
        (
            "colour",
            "unknown key 'colour' (allowed: building, needs, size, experience, "
            "priority, framework, project_name, project_slug, description, author_name, "
            "author_email, version, license, python_version, database, auth, admin, api_docs, "
            "html, realtime, tasks, email, sentry, docker, ci)",
        ),
        (
            "database",
            "invalid value for database: 'mysql' (allowed: sqlite, postgresql, none)",
        ),
        ("version", "invalid value for version: 'one' (a PEP 440 version such as 0.1.0)"),
        (
            "author_email",
            "invalid value for author_email: 'zoe' (an address like name@example.com)",
        ),
        (
            "needs",
            "wrong type for needs: text (expected a list of: database, admin, auth, html, "
            "api-docs, validation, async, websockets, typing)",
        ),
        ("project_slug", f"invalid value for project_slug: 'Shop' {SLUG_SHAPE}"),
    ]


def test_problems_of_combination_and_name_are_all_reported_too() -> None:
    answers = {"framework": "django", "database": "none", "auth": "yes", "admin": "yes"}

    assert problems_of(answers, name_default=None) == [
        ("project_name", "missing project name: pass --name NAME (or --no-input)"),
        (
            "database",
            "database=none is not available for Django (the chosen framework): set "
            "database=sqlite or postgresql, or choose --framework flask or fastapi",
        ),
        (
            "auth",
            "auth=yes needs a database, but database=none: set database=sqlite or "
            "postgresql, or auth=no",
        ),
        (
            "admin",
            "admin=yes needs a database, but database=none: set database=sqlite or "
            "postgresql, or admin=no",
        ),
    ]


@pytest.mark.parametrize(
    ("error", "code"),
    [(Problems([UsageProblem("x", "k")]), 2), (UsageProblem("x"), 2), (TargetExistsError("x"), 1)],
)
def test_each_error_carries_its_exit_status(error: StackwiseError, code: int) -> None:
    assert error.exit_code == code


def test_the_command_line_shows_the_first_problem_only(runner: CliRunner) -> None:
    args = ["new", "--no-input", "--set", "database=mysql", "--set", "docker=maybe"]

    result = runner.invoke(main, args)

    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: invalid value for database: 'mysql' (allowed: sqlite, postgresql, none)\n"
    )


def test_questions_and_recommend_are_what_the_command_prints(runner: CliRunner) -> None:
    questions = json.loads(runner.invoke(main, ["questions", "--json"]).stdout)
    recommended = runner.invoke(main, ["recommend", "--json", "--building", "async-api"])

    assert api.questions() == questions["questions"]
    assert api.recommend({"building": "async-api"}).to_dict() == json.loads(recommended.stdout)


def test_render_create_and_preview_give_the_same_files(tmp_path: Path) -> None:
    plan = api.resolve({"framework": "fastapi", "project_name": "Orders"}, identity={})
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    rendered = api.render(plan, scratch)
    created = api.create(plan, tmp_path / "out")
    previewed = api.preview(plan, tmp_path / "elsewhere")

    assert rendered.project_dir == scratch / "orders"
    assert tree(rendered.project_dir) == tree(created.project_dir)
    assert rendered.files == created.files == previewed.files
    assert not (tmp_path / "elsewhere").exists()
    with pytest.raises(TargetExistsError):
        api.create(plan, tmp_path / "out")


def test_the_record_names_the_template_and_its_hash(tmp_path: Path) -> None:
    from stackwise.template.cache import content_hash
    from stackwise.template.registry import templates_root

    plan = api.resolve({"framework": "django", "project_name": "Shop"}, identity={})
    project = api.create(plan, tmp_path).project_dir

    record = json.loads((project / ".stackwise.json").read_text("utf-8"))

    assert record["_stackwise"] == {
        "schema": 2,
        "version": __version__,
        "template": {
            "source": "builtin:django",
            "ref": None,
            "commit": None,
            "directory": None,
            "hash": content_hash(templates_root() / "django"),
        },
    }
    assert {k: v for k, v in record.items() if k != "_stackwise"} == plan.answers()


def test_a_template_edit_changes_its_hash(tmp_path: Path) -> None:
    import shutil

    from stackwise.template.cache import content_hash
    from stackwise.template.registry import templates_root

    copy = tmp_path / "flask"
    shutil.copytree(templates_root() / "flask", copy)
    before = content_hash(copy)
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    unchanged = content_hash(copy)
    (copy / "cookiecutter.json").write_text("{}", "utf-8")

    assert unchanged == before != content_hash(copy)


def test_a_record_written_by_stackwise_0_1_0_still_remakes_the_project(
    runner: CliRunner, tmp_path: Path
) -> None:
    plan = api.resolve({"framework": "flask", "project_name": "Shop"}, identity={})
    made = api.create(plan, tmp_path / "new").project_dir
    old_record = tmp_path / "old.json"
    old_record.write_text(
        json.dumps({**plan.answers(), "stackwise_version": "0.1.0"}, indent=2), "utf-8"
    )

    result = runner.invoke(
        main, ["new", "--no-input", "--answers", str(old_record), "-o", str(tmp_path / "again")]
    )

    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "again" / "shop") == tree(made)


def test_renders_from_several_threads_give_what_one_at_a_time_gives(tmp_path: Path) -> None:
    """As a threaded server renders: cookiecutter changes process-wide state while it works."""
    from concurrent.futures import ThreadPoolExecutor

    plans = [
        api.resolve({"framework": fw, "project_name": f"App {n}"}, identity={})
        for n, fw in enumerate(["flask", "fastapi", "django"] * 2)
    ]

    def render(index: int) -> dict[str, bytes]:
        scratch = tmp_path / f"t{index}"
        scratch.mkdir()
        return tree(api.render(plans[index], scratch).project_dir)

    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(render, range(len(plans))))
    alone = [
        tree(api.create(plan, tmp_path / f"alone{i}").project_dir) for i, plan in enumerate(plans)
    ]

    assert together == alone
