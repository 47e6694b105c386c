"""A computed pairwise-covering set of option combinations: stackwise's own generator, the
one ``stackwise template check`` uses (``stackwise.template.check.pairwise``).

Every pair of values of any two options that some valid combination can hold appears in
at least one chosen combination. The seeds (defaults, all on, all off) come first; then,
greedily, the valid combination that covers the most pairs not yet covered, the earliest in
a fixed order on ties, so the set is the same on every run.
"""

from __future__ import annotations

from stackwise.template.check.pairwise import Combination, pairwise, uncovered_pairs

__all__ = ["Combination", "pairwise", "uncovered_pairs"]
