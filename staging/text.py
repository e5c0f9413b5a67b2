"""Folding text the way staff compare names: accents, case and word order do not matter."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents removed (Ñúñez → nunez), punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).replace("_", " ").strip()


def name_key(*parts: str) -> str:
    """The folded words of a name, sorted, so surname order does not matter."""
    return " ".join(sorted(fold(" ".join(parts)).split()))
