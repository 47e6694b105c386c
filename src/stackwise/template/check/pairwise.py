"""A pairwise-covering set of option combinations, the same on every run.

Every pair of values of any two options that some valid combination can hold appears in at
least one chosen combination. The seeds (the defaults, say) come first. Then, where the
options have few enough combinations to list, the valid combination that covers the most
pairs not yet covered, the earliest in a fixed order on ties; where they have too many, one
combination at a time is built around the first uncovered pair, each further option taking
the value that covers the most, kept only if the combination can still be completed.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

V = TypeVar("V", bound=Hashable)
Combination = dict[str, V]
Pair = tuple[str, Any, str, Any]
Valid = Callable[[Mapping[str, V]], bool]

#: Beyond this many combinations, the cover is built rather than picked from a full list.
LISTED = 20_000


def _pairs(keys: Sequence[str], combo: Mapping[str, Hashable]) -> frozenset[Pair]:
    return frozenset((a, combo[a], b, combo[b]) for a, b in itertools.combinations(keys, 2))


def pairwise(
    options: Mapping[str, Sequence[V]],
    valid: Valid[V] = lambda _: True,
    seeds: Sequence[Mapping[str, V]] = (),
    *,
    listed: int = LISTED,
) -> list[Combination[V]]:
    """The seeds, then combinations until every pair a valid combination holds is covered.

    ``valid`` must also answer for a partial combination (only some keys) when the options
    have more than ``listed`` combinations: whether what is there breaks a rule.
    """
    keys = list(options)
    chosen: list[Combination[V]] = []
    for seed in seeds:
        combo = dict(seed)
        if not valid(combo):
            raise ValueError(f"seed combination is not valid: {combo}")
        chosen.append(combo)
    if len(keys) < 2:  # no pairs: each value once
        seen = {tuple(combo.items()) for combo in chosen}
        chosen += [
            combo
            for key in keys
            for value in options[key]
            if valid(combo := {key: value}) and tuple(combo.items()) not in seen
        ]
        return chosen
    if math.prod(len(options[k]) for k in keys) <= listed:
        return _picked(options, valid, chosen)
    return _built(options, valid, chosen)


def _picked(
    options: Mapping[str, Sequence[V]], valid: Valid[V], chosen: list[Combination[V]]
) -> list[Combination[V]]:
    keys = list(options)
    candidates = [
        combo
        for values in itertools.product(*(options[k] for k in keys))
        if valid(combo := dict(zip(keys, values, strict=True)))
    ]
    candidate_pairs = [_pairs(keys, combo) for combo in candidates]
    uncovered = frozenset().union(*candidate_pairs)
    for combo in chosen:
        uncovered -= _pairs(keys, combo)
    while uncovered:
        best = max(range(len(candidates)), key=lambda i: (len(candidate_pairs[i] & uncovered), -i))
        chosen.append(candidates[best])
        uncovered -= candidate_pairs[best]
    return chosen


def _built(
    options: Mapping[str, Sequence[V]], valid: Valid[V], chosen: list[Combination[V]]
) -> list[Combination[V]]:
    keys = list(options)
    uncovered = [
        pair
        for a, b in itertools.combinations(keys, 2)
        for pair in ((a, x, b, y) for x in options[a] for y in options[b])
        if _completion(options, valid, {pair[0]: pair[1], pair[2]: pair[3]}) is not None
    ]
    left = set(uncovered).difference(*(_pairs(keys, combo) for combo in chosen))
    for first in uncovered:
        if first not in left:
            continue
        combo: dict[str, V] = {first[0]: first[1], first[2]: first[3]}
        for key in keys:
            if key not in combo:
                combo[key] = _best_value(options, valid, combo, key, left)
        chosen.append(combo)
        left -= _pairs(keys, combo)
    return chosen


def _best_value(
    options: Mapping[str, Sequence[V]],
    valid: Valid[V],
    combo: Mapping[str, V],
    key: str,
    left: set[Pair],
) -> V:
    """The value of ``key`` that covers the most uncovered pairs with what ``combo`` holds
    and still lets the combination be completed; on ties, the one in the most uncovered
    pairs left for later combinations, then the earliest."""

    def gain(value: V) -> tuple[int, int]:
        pairs = ((a, combo[a], key, value) for a in combo)
        now = sum(pair in left or (key, value, pair[0], pair[1]) in left for pair in pairs)
        later = sum((a, x) == (key, value) or (b, y) == (key, value) for a, x, b, y in left)
        return now, later

    for value in sorted(options[key], key=gain, reverse=True):
        if _completion(options, valid, {**combo, key: value}) is not None:
            return value
    raise ValueError(f"no valid value of {key} completes {dict(combo)}")


def _completion(
    options: Mapping[str, Sequence[V]], valid: Valid[V], partial: Mapping[str, V]
) -> dict[str, V] | None:
    """A valid combination holding ``partial``, found depth first, or ``None``."""
    if not valid(partial):
        return None
    missing = [key for key in options if key not in partial]
    if not missing:
        return dict(partial)
    for value in options[missing[0]]:
        found = _completion(options, valid, {**partial, missing[0]: value})
        if found is not None:
            return found
    return None


def uncovered_pairs(
    options: Mapping[str, Sequence[V]],
    valid: Valid[V],
    chosen: Sequence[Mapping[str, V]],
) -> set[Pair]:
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
