"""The page end to end in Debian's chromium, driven by Playwright; fails if chromium is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from stackwise import api
from support.browser import CHROMIUM, CHROMIUM_ARGS, app_in_thread
from support.serve import new_tree, zip_tree

SHARE = "building=web-app&needs=auth,admin&project_name=Shop"
NAMES = {"flask": "Flask", "fastapi": "FastAPI", "django": "Django"}
#: What the page puts between a citation's document, table and row.
SEP = " \u203a "


def reason_lines(answers: dict[str, object]) -> list[str]:
    """The reasons as the page shows them, from the API's recommendation."""
    return [
        f"+{r['weight']} {NAMES[r['favours']]}: {r['reason']} "
        f"{r['source']['document']}{SEP}{r['source']['table']}{SEP}“{r['source']['row']}”"
        for r in api.recommend(answers).to_dict()["reasons"]
    ]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def base() -> Iterator[str]:
    with app_in_thread() as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def test_a_share_link_fills_the_form_shows_the_reasons_and_downloads(
    page: Page, base: str, tmp_path: Path
) -> None:
    page.goto(f"{base}/?{SHARE}")
    page.wait_for_selector("body[data-ready]")

    expect(page.locator("#q-building")).to_have_value("web-app")
    expect(page.locator("#q-needs-auth")).to_be_checked()
    expect(page.locator("#q-needs-admin")).to_be_checked()
    expect(page.locator("#q-needs-html")).not_to_be_checked()
    expect(page.locator("#q-project_name")).to_have_value("Shop")
    expect(page.locator("#winner")).to_have_text("Use Django; runner-up: Flask.")
    expect(page.locator("#scores > li")).to_have_text(["Django10", "Flask0", "FastAPI0"])
    shown = reason_lines({"building": "web-app", "needs": ["auth", "admin"]})
    assert shown[0] == (
        "+4 Django: A full-featured web application with user auth and admin is the scenario "
        f"the seed recommends Django for. framework-comparison.md{SEP}When to Use Each "
        f"Framework{SEP}“Full-featured web application with user auth and admin”"
    )
    expect(page.locator("#reasons > li")).to_have_text(shown)
    expect(page.locator("#command")).to_have_value(
        "stackwise new --no-input --building web-app --need admin --need auth "
        "--framework django --name Shop -o ."
    )
    expect(page.locator("#share")).to_have_value(
        f"{base}/?building=web-app&needs=admin,auth&project_name=Shop"
    )

    with page.expect_download() as caught:
        page.locator("#download").click()
    download = caught.value
    assert download.suggested_filename == "shop.zip"
    args = ["--building", "web-app", "--need", "auth", "--need", "admin", "--name", "Shop"]
    assert zip_tree(Path(download.path()).read_bytes()) == new_tree(args, tmp_path)


def test_changing_an_answer_changes_the_reasons_and_the_link(page: Page, base: str) -> None:
    page.goto(f"{base}/?{SHARE}")
    page.wait_for_selector("body[data-ready]")

    page.locator("#q-needs-admin").uncheck()
    page.locator("#q-needs-auth").uncheck()
    page.locator("#q-building").select_option("async-api")

    expect(page.locator("#winner")).to_have_text("Use FastAPI; runner-up: Flask.")
    expect(page.locator("#reasons > li")).to_have_text(reason_lines({"building": "async-api"}))
    assert page.url == f"{base}/?building=async-api&project_name=Shop"
    expect(page.locator("#download")).to_have_attribute(
        "href", "/starter.zip?building=async-api&project_name=Shop"
    )


def test_options_that_do_not_apply_say_why(page: Page, base: str) -> None:
    page.goto(f"{base}/?framework=flask&database=none")
    page.wait_for_selector("body[data-ready]")

    expect(page.locator("#q-auth-note")).to_have_text(
        "Does not apply: auth=yes needs a database, but database=none."
    )
    expect(page.locator("#q-auth option[value=yes]")).to_be_disabled()
    page.locator("#q-framework").select_option("django")
    expect(page.locator("#q-database-note")).to_have_text(
        "Does not apply: database=none is not available for Django."
    )
    expect(page.locator("#errors li").first).to_have_text(
        "database=none is not available for Django (the chosen framework): set "
        "database=sqlite or postgresql, or choose --framework flask or fastapi"
    )
    expect(page.locator("#download")).to_have_attribute("aria-disabled", "true")


def test_every_control_is_labelled_and_the_first_load_is_small(page: Page, base: str) -> None:
    sizes: list[int] = []
    problems: list[str] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{base}/")
    page.wait_for_selector("body[data-ready]")

    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea, button')]
            .filter((c) => !(c.labels && c.labels.length) && !c.textContent.trim())
            .map((c) => c.id || c.outerHTML)"""
    )
    assert unlabelled == []
    assert page.locator("input, select, textarea, button").count() > 40
    assert sum(sizes) < 100_000
    assert problems == []  # no script error, no resource the policy refused
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()


def test_a_served_template_asks_its_own_questions_and_downloads_what_new_writes(
    page: Page, tmp_path: Path
) -> None:
    from stackwise.cli.from_template import Wanted, served_template

    plain = str(Path(__file__).parent / "fixtures" / "templates" / "plain")
    with app_in_thread(served_template(Wanted(plain, None, None))) as url:
        page.goto(f"{url}/?name=shop")
        page.wait_for_selector("body[data-ready]")

        expect(page.locator("#sel")).to_be_hidden()
        expect(page.locator("#result")).to_be_hidden()
        expect(page.locator("#q-name")).to_have_value("shop")
        page.select_option("#q-flavour", "chocolate")
        expect(page.locator("#command")).to_have_value(
            f"stackwise new --no-input --template {plain} --set name=shop "
            "--set flavour=chocolate -o ."
        )
        expect(page.locator("#files button")).to_have_text([".stackwise.json", "README.md"])
        with page.expect_download() as download:
            page.click("#download")
        saved = tmp_path / "starter.zip"
        download.value.save_as(saved)

    written = new_tree(
        ["--template", plain, "--set", "name=shop", "--set", "flavour=chocolate"], tmp_path / "new"
    )
    assert zip_tree(saved.read_bytes()) == written
