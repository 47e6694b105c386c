"""The recommendation: a pure function of the selection answers and the rules.

No I/O and no framework logic here; the rules file holds all of it. The result carries every
rule that fired so that each point of the decision can name its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from stackwise.recommend.rules import BUILTIN, Rule, RuleSet


@dataclass(frozen=True)
class Selection:
    """What the user told us about the project; every answer is optional."""

    building: str | None = None
    needs: frozenset[str] = field(default_factory=frozenset)
    size: str | None = None
    experience: str | None = None
    priority: str | None = None

    def as_conditions(self) -> dict[str, str | frozenset[str] | None]:
        return {
            "building": self.building,
            "needs": self.needs,
            "size": self.size,
            "experience": self.experience,
            "priority": self.priority,
        }

    def to_dict(self) -> dict[str, Any]:
        """The answers as an answers file would hold them, unanswered ones left out."""
        data: dict[str, Any] = {k: v for k, v in self.as_conditions().items() if v}
        if self.needs:
            data["needs"] = sorted(self.needs)
        return data


@dataclass(frozen=True)
class Recommendation:
    winner: str
    runner_up: str
    ranking: tuple[str, ...]
    scores: Mapping[str, int]
    fired: tuple[Rule, ...]
    tradeoffs: tuple[str, ...]
    names: Mapping[str, str]
    decided_by_tie_break: bool
    #: The rules file it came from: ``builtin``, or the path of an organisation's file.
    rules: str = BUILTIN

    def reasons_for(self, framework: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.fired if rule.favours == framework)

    def to_dict(self) -> dict[str, Any]:
        """The recommendation as the JSON object ``recommend --json`` prints."""
        return {
            "framework": self.winner,
            "name": self.names[self.winner],
            "runner_up": self.runner_up,
            "scores": {fw: self.scores[fw] for fw in self.ranking},
            "decided_by_tie_break": self.decided_by_tie_break,
            "reasons": [rule_to_dict(rule) for rule in self.fired],
            "tradeoffs": list(self.tradeoffs),
            "rules": self.rules,
        }


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "favours": rule.favours,
        "weight": rule.weight,
        "reason": rule.reason,
        "source": {
            "document": rule.source.document,
            "table": rule.source.table,
            "row": rule.source.row,
        },
    }


def recommend(selection: Selection, rules: RuleSet) -> Recommendation:
    """Sum the weights of the rules that fire; the highest total wins, ties by ``tie_break``."""
    answers = selection.as_conditions()
    fired = tuple(rule for rule in rules.rules if rule.matches(answers))
    scores = _totals(fired, rules.tie_break)
    ranking = tuple(
        sorted(rules.tie_break, key=lambda fw: (-scores[fw], rules.tie_break.index(fw)))
    )
    winner, runner_up = ranking[0], ranking[1]
    return Recommendation(
        winner=winner,
        runner_up=runner_up,
        ranking=ranking,
        scores=scores,
        fired=tuple(sorted(fired, key=lambda r: (ranking.index(r.favours), -r.weight))),
        tradeoffs=rules.frameworks[winner].tradeoffs,
        names={key: fw.name for key, fw in rules.frameworks.items()},
        decided_by_tie_break=scores[winner] == scores[runner_up],
        rules=rules.origin,
    )


def _totals(fired: Iterable[Rule], frameworks: Iterable[str]) -> dict[str, int]:
    scores = dict.fromkeys(frameworks, 0)
    for rule in fired:
        scores[rule.favours] += rule.weight
    return scores
