"""How alike two names are, and which names of a group are alike enough to review.

Plain functions over folded name keys (`staging.text.name_key`): the import flags possible
duplicates with `alike_pairs`, the walk-in form looks for people already registered with
`name_similarity`, and both agree because the pairs are scored the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations

from rapidfuzz import fuzz, process


def alike_pairs(
    keys: Sequence[str], marked: Sequence[bool], threshold: float
) -> list[tuple[int, int, float]]:
    """The pairs `(i, j, score)`, i < j, of name keys whose `name_similarity` is at least
    `threshold`, at least one of the two marked (just imported or changed).

    Each person is compared with the rest of the group in one rapidfuzz call, not one per
    pair: `process.extract` with `fuzz.ratio`, which is token_sort_ratio for name keys (their
    words are sorted already) without sorting every name again; and token_set_ratio, the other
    half of name_similarity, only for names sharing two words (found with one bit mask per
    word). Both with a cut-off one point below the threshold (a cut-off only skips work, and
    the point covers any rounding in it); the few pairs kept are then scored in full.
    """
    count = len(keys)
    if count < 2:
        return []
    cutoff = min(max(threshold - 1, 0), 100)
    holders: dict[str, int] = defaultdict(int)  # word → the members holding it, as bits
    words = [sorted(set(key.split())) for key in keys]
    for j, member_words in enumerate(words):
        for word in member_words:
            holders[word] |= 1 << j
    every = all(marked)
    marked_bits = sum(1 << j for j, mark in enumerate(marked) if mark)
    pairs: list[tuple[int, int, float]] = []
    for i in range(count - 1):
        first = keys[i]
        later = -1 << (i + 1)  # the members after i
        if every or marked[i]:
            allowed = later
            found = process.extract(
                first, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
            candidates = {i + 1 + j for _, _, j in found}
        else:
            allowed = later & marked_bits
            if not allowed:
                continue
            choices = {j: keys[j] for j in _members(allowed)}
            found = process.extract(
                first, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
            candidates = {j for _, _, j in found}
        sharing_two = 0
        for a, b in combinations(words[i], 2):
            sharing_two |= holders[a] & holders[b]
        for j in _members(sharing_two & allowed):
            if j not in candidates and fuzz.token_set_ratio(first, keys[j], score_cutoff=cutoff):
                candidates.add(j)
        for j in sorted(candidates):
            score = name_similarity(first, keys[j])
            if score >= threshold:
                pairs.append((i, j, score))
    return pairs


def _members(bits: int) -> Iterator[int]:
    """The positions of the set bits, lowest first."""
    while bits:
        lowest = bits & -bits
        yield lowest.bit_length() - 1
        bits ^= lowest


def name_similarity(first: str, second: str) -> float:
    """Order-free similarity of two folded names; a missing second surname still scores high."""
    score = fuzz.token_sort_ratio(first, second)
    shared = set(first.split()) & set(second.split())
    if len(shared) >= 2:
        score = max(score, fuzz.token_set_ratio(first, second))
    return score
