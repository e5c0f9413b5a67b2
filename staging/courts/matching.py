"""Reading the court a registration list names ("EL PASO SPC", "Harlingen, TX", "Corte de
Inmigración de El Paso") as one court of the directory.

The court where a case is pending is where the change of address is filed, so a wrong guess
sends the form to the wrong court. A name is matched only when exactly one court fits it at the
first level that finds any (the court's own names, then its city, then a close spelling); a name
that fits several ("Houston", "Los Angeles") or none is left for a person to pick.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process

from staging.courts.directory import TERRITORIES, Court, CourtDirectory
from staging.people.contact import us_state_code
from staging.registration.problems import FieldProblem
from staging.text import fold

# Words around a court's name in English and Spanish that do not tell one court from another.
_FILLER = frozenset(
    {
        "immigration",
        "court",
        "courts",
        "the",
        "of",
        "in",
        "at",
        "eoir",
        "ic",
        "corte",
        "cortes",
        "tribunal",
        "juzgado",
        "inmigracion",
        "migratoria",
        "migracion",
        "de",
        "del",
        "en",
    }
)
# Words saying the court hears detained people's cases, or naming the place they are held in
# ("Otay Mesa Detention Center"): only a detention court then fits.
_DETAINED = frozenset(
    {
        "detained",
        "detention",
        "detenidos",
        "detenido",
        "detenidas",
        "detencion",
        "spc",
        "processing",
        "center",
        "centre",
        "centro",
        "facility",
        "ice",
    }
)
_SPC = re.compile(r"\bservice processing center\b|\bcentro de procesamiento\b")
# A court's branch name without its street kind: "Houston (S. Gessner Road)" is "S. Gessner".
_STREET_KINDS = frozenset({"street", "road", "drive", "boulevard", "avenue", "st", "rd", "blvd"})
_BRANCH = re.compile(r"^(?P<base>.+?)(?:\s+-\s+|\s*\((?P<paren>[^)]*)\))\s*(?P<rest>.*)$")
# How close a misspelling must be (rapidfuzz ratio, 0-100) to be read as a court's name.
CLOSE_SPELLING = 85


def match_court(directory: CourtDirectory, text: str) -> Court | None:
    """The one court `text` names, or None when it names none or several."""
    queries = list(_queries(text))
    if not queries:
        return None
    index = _index(directory)
    for level in (index.names, index.cities):
        for words, state, detained in queries:
            found = _fitting(level.get(words.replace(" ", ""), ()), state, detained)
            if found:
                return found[0] if len(found) == 1 else None
    for words, state, detained in queries:
        close = process.extract(
            words.replace(" ", ""),
            list(index.names),
            scorer=fuzz.ratio,
            score_cutoff=CLOSE_SPELLING,
            limit=None,
        )
        found = _fitting(
            {court for name, _, _ in close for court in index.names[name]}, state, detained
        )
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _fitting(courts: Iterable[Court], state: str | None, detained: bool) -> list[Court]:
    return sorted(
        {
            court
            for court in courts
            if (state is None or court.state == state) and (court.detained_only or not detained)
        },
        key=lambda court: court.key,
    )


def _words(text: str) -> list[str]:
    folded = _SPC.sub("spc", fold(text))
    return [word for word in folded.split() if word not in _FILLER and not word.isdigit()]


def _queries(text: str) -> Iterator[tuple[str, str | None, bool]]:
    """(words, state, detained) readings of a name, the plainest first.

    As written; without the words saying "detained" (then only detention courts fit); and each
    of those without a state at its end ("Harlingen, TX": only courts in that state fit).
    """
    words = _words(text)
    if not words:
        return
    readings = [(words, False)]
    if any(word in _DETAINED for word in words):
        readings.append(([word for word in words if word not in _DETAINED], True))
    for kept, detained in readings:
        if kept:
            yield " ".join(kept), None, detained
    for kept, detained in readings:
        for size in (1, 2, 3):
            if len(kept) > size and (state := _state(kept[-size:])) is not None:
                yield " ".join(kept[:-size]), state, detained


def _state(words: list[str]) -> str | None:
    text = " ".join(words)
    if text.upper() in TERRITORIES:
        return text.upper()
    try:
        return us_state_code(text)
    except FieldProblem:
        return None


class _Index:
    """A directory's courts by each of their names and by city, spaces removed."""

    def __init__(self, directory: CourtDirectory) -> None:
        self.names: dict[str, set[Court]] = defaultdict(set)
        self.cities: dict[str, set[Court]] = defaultdict(set)
        for court in directory.courts:
            for name in _names(court):
                self.names[name.replace(" ", "")].add(court)
            self.cities[" ".join(_words(court.city)).replace(" ", "")].add(court)


@functools.lru_cache(maxsize=4)
def _index(directory: CourtDirectory) -> _Index:
    return _Index(directory)


def _names(court: Court) -> set[str]:
    """Every way a list names the court: its name, key and form name, and for a court with
    a branch ("Houston - S. Gessner Road") the city and branch alone or together."""
    names = set()
    for written in (court.name, court.key.replace("-", " "), court.form_name):
        if not written:
            continue
        names.add(" ".join(_words(written)))
        branch = _BRANCH.match(written.replace(" Immigration Court", ""))
        if branch is None:
            continue
        base = " ".join(_words(branch["base"]))
        rest = " ".join(_words(" ".join(filter(None, (branch["paren"], branch["rest"])))))
        short = " ".join(word for word in rest.split() if word not in _STREET_KINDS)
        names.add(base)
        if not set(rest.split()) <= _DETAINED:  # "Miami Krome (Detained)" is not "Detained"
            names.update({rest, short, f"{base} {rest}", f"{base} {short}"})
    return {name for name in names if name.strip()}
