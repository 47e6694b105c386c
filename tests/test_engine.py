"""The engine: one case per "When to Use" scenario and per feature row, and its invariants."""

from __future__ import annotations

import itertools

import pytest

from stackwise.answers.vocabulary import BY_KEY
from stackwise.recommend.engine import Selection, recommend
from stackwise.recommend.rules import load_rules

RULES = load_rules()


def sel(building: str | None = None, *needs: str, **others: str) -> Selection:
    return Selection(building=building, needs=frozenset(needs), **others)


# (selection, winner, runner-up, a rule that must have fired)
SCENARIOS = [
    pytest.param(sel("small-api"), "flask", "fastapi", "scenario-small-api", id="small-rest-api"),
    pytest.param(sel("async-api"), "fastapi", "flask", "scenario-async-api", id="async-api"),
    pytest.param(
        sel("async-api", "api-docs"),
        "fastapi",
        "flask",
        "api-documentation",
        id="async-api-with-docs",
    ),
    pytest.param(
        sel("web-app", "auth", "admin"),
        "django",
        "flask",
        "scenario-web-app",
        id="web-app-with-auth-and-admin",
    ),
    pytest.param(sel("realtime"), "fastapi", "django", "scenario-realtime-fastapi", id="realtime"),
    pytest.param(
        sel("realtime"),
        "fastapi",
        "django",
        "scenario-realtime-django",
        id="realtime-django-channels-runner-up",
    ),
    pytest.param(
        sel("learning", experience="beginner"),
        "flask",
        "django",
        "scenario-learning-flask",
        id="beginners-learning",
    ),
    pytest.param(
        sel("learning"),
        "flask",
        "django",
        "scenario-learning-django",
        id="learning-django-runner-up",
    ),
    pytest.param(sel("prototype"), "flask", "fastapi", "flask-pro-prototypes", id="prototype"),
]

# One case per row of "Key Feature Comparison" (framework-comparison.md): the need alone.
FEATURES = [
    pytest.param(sel(None, "typing"), "fastapi", "routing-typed", id="routing-typed"),
    pytest.param(sel(None, "database"), "django", "built-in-orm", id="built-in-orm"),
    pytest.param(sel(None, "html"), "flask", "templating-jinja2", id="templating-engine"),
    pytest.param(sel(None, "admin"), "django", "admin-panel", id="admin-panel"),
    pytest.param(sel(None, "auth"), "django", "authentication-system", id="authentication"),
    pytest.param(sel(None, "validation"), "fastapi", "request-validation", id="request-validation"),
    pytest.param(sel(None, "async"), "fastapi", "async-support", id="async-support"),
    pytest.param(sel(None, "api-docs"), "fastapi", "api-documentation", id="api-documentation"),
    pytest.param(sel("small-api"), "flask", "rest-framework-native", id="rest-framework"),
    pytest.param(sel(None, "api-docs"), "fastapi", "openapi-docs", id="swagger-openapi"),
    pytest.param(sel(None, "websockets"), "fastapi", "realtime-apis-ideal", id="real-time-apis"),
    pytest.param(sel(priority="performance"), "fastapi", "response-time", id="response-time"),
    pytest.param(sel(priority="control"), "flask", "choose-flask-control", id="control"),
    pytest.param(sel(priority="batteries"), "django", "choose-django-batteries", id="batteries"),
    pytest.param(sel(size="large"), "django", "best-for-large", id="large"),
    pytest.param(sel(size="small"), "flask", "best-for-small-medium", id="small"),
    pytest.param(sel(experience="beginner"), "flask", "learning-curve", id="learning-curve"),
]


@pytest.mark.parametrize(("selection", "winner", "runner_up", "rule_id"), SCENARIOS)
def test_when_to_use_scenarios(
    selection: Selection, winner: str, runner_up: str, rule_id: str
) -> None:
    rec = recommend(selection, RULES)

    assert (rec.winner, rec.runner_up) == (winner, runner_up)
    assert rule_id in {r.id for r in rec.fired}


@pytest.mark.parametrize(("selection", "winner", "rule_id"), FEATURES)
def test_feature_rows(selection: Selection, winner: str, rule_id: str) -> None:
    rec = recommend(selection, RULES)

    assert rec.winner == winner
    assert rule_id in {r.id for r in rec.fired}


def test_no_answers_fire_no_rule_and_the_tie_break_order_decides() -> None:
    rec = recommend(Selection(), RULES)

    assert rec.fired == ()
    assert rec.ranking == RULES.tie_break == ("flask", "fastapi", "django")
    assert rec.decided_by_tie_break
    assert rec.tradeoffs == ("No built-in tools (ORM, auth, etc.)", "Limited async support")


def test_an_explicit_scenario_outweighs_size_alone() -> None:
    rec = recommend(sel("async-api", size="large"), RULES)

    assert rec.winner == "fastapi"


def test_a_tie_between_two_frameworks_goes_to_the_earlier_in_tie_break() -> None:
    rec = recommend(sel(None, "html"), RULES)

    assert rec.scores["flask"] == rec.scores["django"]
    assert (rec.winner, rec.runner_up) == ("flask", "django")
    assert rec.decided_by_tie_break


def _all_selections() -> list[Selection]:
    scalar = [(None, *BY_KEY[k].choices) for k in ("building", "size", "experience", "priority")]
    needs = [frozenset(), *(frozenset({n}) for n in BY_KEY["needs"].choices)]
    return [
        Selection(building=b, needs=n, size=s, experience=e, priority=p)
        for b, s, e, p in itertools.product(*scalar)
        for n in needs
    ]


def test_scores_are_the_sums_of_fired_weights_for_every_selection() -> None:
    for selection in _all_selections()[::7]:
        rec = recommend(selection, RULES)
        for fw in ("flask", "fastapi", "django"):
            assert rec.scores[fw] == sum(r.weight for r in rec.fired if r.favours == fw)
        assert rec.scores[rec.winner] >= rec.scores[rec.runner_up]
        assert rec.ranking[:2] == (rec.winner, rec.runner_up)
        assert rec.tradeoffs == RULES.frameworks[rec.winner].tradeoffs


def test_the_engine_is_deterministic() -> None:
    selection = sel("web-app", "async", "auth", size="medium", priority="performance")

    assert recommend(selection, RULES) == recommend(selection, RULES)


def test_json_form_lists_scores_in_ranking_order_and_every_reason() -> None:
    rec = recommend(sel("web-app", "admin"), RULES)
    data = rec.to_dict()

    assert data["framework"] == "django"
    assert list(data["scores"]) == list(rec.ranking)
    assert [r["id"] for r in data["reasons"]] == [r.id for r in rec.fired]
    assert data["reasons"][0]["source"] == {
        "document": "framework-comparison.md",
        "table": "When to Use Each Framework",
        "row": "Full-featured web application with user auth and admin",
    }
