"""The README's rules table, made from the rules file."""

from __future__ import annotations

from stackwise.recommend.rules import RuleSet

BEGIN = "<!-- rules-table:begin -->"
END = "<!-- rules-table:end -->"


def _condition(when: dict[str, tuple[str, ...]]) -> str:
    return " and ".join(
        f"{key} {'∋' if key == 'needs' else '='} {' or '.join(values)}"
        for key, values in when.items()
    )


def rules_table(rules: RuleSet) -> str:
    lines = [
        "| rule | when | favours | weight | seed table: row |",
        "|---|---|---|---|---|",
    ]
    for rule in rules.rules:
        name = rules.frameworks[rule.favours].name
        source = f"{rule.source.document}, {rule.source.table}: {rule.source.row}"
        lines.append(
            f"| `{rule.id}` | {_condition(dict(rule.when))} | {name} | {rule.weight} | "
            f"{source.replace('|', '&#124;')} |"
        )
    return "\n".join([BEGIN, *lines, END])
