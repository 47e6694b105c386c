"""A computed pairwise-covering set of option combinations.

Every pair of values of any two options that some valid combination can hold appears in
at least one chosen combination. The seeds (defaults, all on, all off) come first; then,
greedily, the valid combination that covers the most pairs not yet covered, the earliest in
a fixed order on ties, so the set is the same on every run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

Combination = dict[str, str]


def _pairs(keys: Sequence[str], combo: Mapping[str, str]) -> frozenset[tuple[str, str, str, str]]:
    return frozenset((a, combo[a], b, combo[b]) for a, b in itertools.combinations(keys, 2))


def pairwise(
    options: Mapping[str, Sequence[str]],
    valid: Callable[[Mapping[str, str]], bool] = lambda _: True,
    seeds: Sequence[Mapping[str, str]] = (),
) -> list[Combination]:
    keys = list(options)
    candidates = [
        combo
        for values in itertools.product(*(options[k] for k in keys))
        if valid(combo := dict(zip(keys, values, strict=True)))
    ]
    candidate_pairs = [_pairs(keys, combo) for combo in candidates]
    uncovered = frozenset().union(*candidate_pairs)
    chosen: list[Combination] = []
    for seed in seeds:
        combo = dict(seed)
        if not valid(combo):
            raise ValueError(f"seed combination is not valid: {combo}")
        chosen.append(combo)
        uncovered -= _pairs(keys, combo)
    while uncovered:
        best = max(range(len(candidates)), key=lambda i: (len(candidate_pairs[i] & uncovered), -i))
        chosen.append(candidates[best])
        uncovered -= candidate_pairs[best]
    return chosen


def uncovered_pairs(
    options: Mapping[str, Sequence[str]],
    valid: Callable[[Mapping[str, str]], bool],
    chosen: Sequence[Mapping[str, str]],
) -> set[tuple[str, str, str, str]]:
    """Pairs some valid combination holds that no chosen one does (empty when covering)."""
    keys = list(options)
    every = set().union(
        *(
            _pairs(keys, dict(zip(keys, values, strict=True)))
            for values in itertools.product(*(options[k] for k in keys))
            if valid(dict(zip(keys, values, strict=True)))
        )
    )
    return every - set().union(*(_pairs(keys, combo) for combo in chosen))
