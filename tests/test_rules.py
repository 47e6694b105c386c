"""The rules file: it covers every seed row, and its loader refuses anything malformed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackwise.errors import RulesError
from stackwise.recommend.rules import DEFAULT_RULES, load_rules
from support.seeds import seed_rows

RULES = load_rules()


def test_every_seed_row_is_covered_by_a_rule_or_exempted_with_a_reason() -> None:
    cited = {(r.source.document, r.source.table, r.source.row) for r in RULES.rules}
    exempt = {(s.document, s.table, s.row) for s in RULES.unused_rows}
    missing = [
        (doc, table, row)
        for (doc, table), rows in seed_rows().items()
        for row in rows
        if (doc, table, row) not in cited | exempt
    ]
    assert missing == []


def test_every_citation_names_a_real_seed_row() -> None:
    rows = seed_rows()
    for source in [r.source for r in RULES.rules] + list(RULES.unused_rows):
        assert source.row in rows[(source.document, source.table)], source


def test_trade_offs_are_the_seed_cons() -> None:
    cons = seed_rows()[("framework-comparison.md", "Pros and Cons Summary")]
    for framework in RULES.frameworks.values():
        expected = [c.split(": ", 1)[1] for c in cons if c.startswith(f"{framework.name} Cons:")]
        assert list(framework.tradeoffs) == expected


def test_rule_ids_are_unique_and_every_framework_can_win_by_some_rule() -> None:
    assert len({r.id for r in RULES.rules}) == len(RULES.rules)
    assert {r.favours for r in RULES.rules} == {"flask", "fastapi", "django"}


VALID = """
schema = 1
tie_break = ["flask", "fastapi", "django"]
[frameworks.flask]
name = "Flask"
tradeoffs = []
[frameworks.fastapi]
name = "FastAPI"
tradeoffs = []
[frameworks.django]
name = "Django"
tradeoffs = []
[[rules]]
id = "one"
when = { building = "small-api" }
favours = "flask"
weight = 1
reason = "Because."
source = { document = "d.md", table = "T", row = "R" }
"""

RULE_SPLIT = VALID.index("[[rules]]")


def _with_rule(rule_text: str) -> str:
    return VALID[:RULE_SPLIT] + rule_text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            VALID.replace("weight = 1", 'weight = 1\ncolour = "red"'),
            "rule 'one': unknown key 'colour'",
            id="unknown-rule-key",
        ),
        pytest.param(
            VALID.replace('building = "small-api"', 'budget = "low"'),
            "rule 'one': unknown answer 'budget'",
            id="unknown-answer",
        ),
        pytest.param(
            VALID.replace('building = "small-api"', 'building = "game"'),
            "rule 'one': unknown value 'game' for building",
            id="unknown-value",
        ),
        pytest.param(
            VALID.replace('favours = "flask"', 'favours = "rails"'),
            "rule 'one': unknown framework 'rails'",
            id="unknown-framework",
        ),
        pytest.param(
            VALID.replace("weight = 1", "weight = 0"),
            "rule 'one': weight must be a positive whole number",
            id="zero-weight",
        ),
        pytest.param(
            VALID.replace("weight = 1", 'weight = "1"'),
            "rule 'one': weight must be a positive whole number",
            id="string-weight",
        ),
        pytest.param(
            VALID.replace('reason = "Because."\n', ""),
            "rule 'one': missing key 'reason'",
            id="missing-reason",
        ),
        pytest.param(
            VALID.replace('row = "R"', 'row = "R", page = 2'),
            "rule 'one': unknown key 'page'",
            id="unknown-source-key",
        ),
        pytest.param(
            VALID.replace('when = { building = "small-api" }', "when = {}"),
            "rule 'one': when must be a non-empty table",
            id="empty-condition",
        ),
        pytest.param(VALID + VALID[RULE_SPLIT:], "rule 'one': duplicate id", id="duplicate-id"),
        pytest.param(VALID.replace('id = "one"\n', ""), "rule #1: missing key 'id'", id="no-id"),
        pytest.param(
            VALID.replace('"flask", "fastapi", "django"]', '"flask", "flask", "django"]'),
            "tie_break: must list each of",
            id="bad-tie-break",
        ),
        pytest.param(
            VALID.replace("schema = 1", "schema = 2"), "schema: unsupported schema 2", id="schema"
        ),
        pytest.param(
            VALID + "\n[extra]\nx = 1\n", "top level: unknown key 'extra'", id="unknown-top-level"
        ),
        pytest.param(
            VALID.replace('name = "Flask"', 'name = "Flask"\nlogo = "x"'),
            "frameworks.flask: unknown key 'logo'",
            id="unknown-framework-key",
        ),
        pytest.param(
            "rules = []\n" + _with_rule(""), "rules: expected a non-empty array", id="empty-rules"
        ),
        pytest.param(_with_rule(""), "top level: missing key 'rules'", id="no-rules"),
        pytest.param(VALID.replace("[[rules]]", "[[rules]\n"), "not valid TOML", id="bad-toml"),
    ],
)
def test_malformed_rules_fail_naming_file_and_rule(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(RulesError) as caught:
        load_rules(path)

    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_the_minimal_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(VALID, encoding="utf-8")

    rules = load_rules(path)

    assert [r.id for r in rules.rules] == ["one"]
    assert rules.rules[0].when == {"building": ("small-api",)}


def test_a_missing_rules_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"missing\.toml: cannot read"):
        load_rules(tmp_path / "missing.toml")


def test_the_shipped_file_is_the_default() -> None:
    assert Path(DEFAULT_RULES).name == "rules.toml"
    assert Path(DEFAULT_RULES).is_file()


def test_a_rules_file_edited_after_loading_loads_as_edited(tmp_path: Path) -> None:
    """Loaded rules are kept for a long-running server, but only for that version of the file."""
    path = tmp_path / "rules.toml"
    path.write_text(VALID, encoding="utf-8")
    first = load_rules(path)

    path.write_text(VALID.replace('id = "one"', 'id = "renamed"'), encoding="utf-8")
    edited = load_rules(path)
    path.write_text(VALID.replace('id = "one"', 'id = "broken'), encoding="utf-8")

    assert [r.id for r in first.rules] == ["one"]
    assert [r.id for r in edited.rules] == ["renamed"]
    with pytest.raises(RulesError, match=r"rules\.toml: "):
        load_rules(path)
