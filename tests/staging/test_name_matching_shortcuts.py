"""The import's shortcuts in name matching give the same answers as the plain rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from staging.registration.name_matching import alike_pairs, name_similarity
from staging.text import fold, name_key

NAME_PART = st.text(
    alphabet=st.sampled_from("abcdeñáéíóúüÑÁ AB-'._\u0301\u0303ßİ"), min_size=0, max_size=14
)
WORDS = st.lists(st.sampled_from(["maria", "jose", "lopez", "garcia", "cruz", "ana"]), max_size=4)


@given(st.lists(st.one_of(NAME_PART, st.text(max_size=10)), min_size=1, max_size=4))
def test_name_key_folds_parts_like_the_joined_name(parts: list[str]) -> None:
    assert name_key(*parts) == " ".join(sorted(fold(" ".join(parts)).split()))


@settings(max_examples=400)
@given(WORDS, WORDS, NAME_PART, NAME_PART, st.integers(min_value=2, max_value=100))
def test_prefilter_never_drops_a_pair_at_the_threshold(
    first_words: list[str], second_words: list[str], extra: str, other: str, threshold: int
) -> None:
    """alike_pairs' cut-off skips work only: it finds exactly the pairs scoring the threshold."""
    first = name_key(" ".join(first_words), extra)
    second = name_key(" ".join(second_words), other)
    score = name_similarity(first, second)
    expected = [(0, 1, score)] if score >= threshold else []
    assert alike_pairs([first, second], [True, False], threshold) == expected
