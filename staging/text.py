"""Folding text the way staff compare names: accents, case and word order do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Combining marks left after NFKD decomposition (the accents of á, ñ, ü and their kin).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case, accents removed (Ñúñez → nunez), punctuation to single spaces."""
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return _NON_WORD.sub(" ", bare).replace("_", " ").strip()


def name_key(*parts: str) -> str:
    """The folded words of a name, sorted, so surname order does not matter."""
    return " ".join(sorted([word for part in parts for word in _folded_words(part)]))


@functools.lru_cache(maxsize=65_536)
def _folded_words(part: str) -> tuple[str, ...]:
    """The words of one part of a name, folded: names repeat, so an import folds each once.

    Folding the parts one by one gives the words of folding them joined by spaces: no step of
    `fold` lets a word run across a space.
    """
    return tuple(fold(part).split())
