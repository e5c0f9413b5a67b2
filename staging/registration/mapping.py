"""What a person said about a list's layout: which column is which field, and what its words mean.

Automatic rules (`columns.map_headers`) recognise our headers, their aliases, KoboToolbox/ODK
group paths and form metadata; a `ColumnMapping` says the rest — a column no rule can guess
("¿Cuál es su número A?" in a Kobo export with labels), a column to leave out, the list's own
words for a case status or a sex, the flag behind a Kobo `select_multiple` choice. A confirmed
mapping is kept as a profile (`profiles`) and applied again to the next file of that layout.

Everything here is checked before a single row is read: a mapping onto a field, a status or a
flag the site does not have is refused whole, with every mistake named at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Sex
from staging.people.fields import PERSON_FIELDS, names
from staging.registration.parsing import fold_word
from staging.registration.problems import ImportFileError

# A source column mapped onto this is left out on purpose (not "unknown").
IGNORE = ""
FIELDS: tuple[str, ...] = names(PERSON_FIELDS)
# The fields whose cells are words from a closed list, and the codes those words may mean.
WORD_CODES: dict[str, frozenset[str]] = {
    "case_status": frozenset(status.value for status in CaseStatus),
    "sex": frozenset(sex.value for sex in Sex),
    # "" leaves a choice out: a Kobo choice such as "ninguna" (none) means no flag.
    "vulnerabilities": frozenset({*VULNERABILITY_FLAGS, IGNORE}),
}
FLAG_CODES = WORD_CODES["vulnerabilities"]


@dataclass(frozen=True)
class ColumnMapping:
    """A person's decisions about one layout; what they leave unsaid, the rules decide.

    `columns`: source header → person field, or IGNORE. `choices`: a Kobo `select_multiple`
    split into one 0/1 column per choice: source header → vulnerability flag, or IGNORE.
    `words`: field → {the list's word, folded → our code}.
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.columns or self.choices or any(self.words.values()))

    def with_columns(self, columns: Mapping[str, str]) -> ColumnMapping:
        """This mapping with some columns decided again (the command line's `--map`)."""
        return ColumnMapping({**self.columns, **columns}, self.choices, self.words)

    def with_words(self, words: Mapping[str, Mapping[str, str]]) -> ColumnMapping:
        """This mapping with some of the list's words decided again (the command line's
        `--word`)."""
        merged = {name: dict(known) for name, known in self.words.items()}
        for name, more in words.items():
            merged.setdefault(name, {}).update(folded_words(more.items()))
        return ColumnMapping(self.columns, self.choices, merged)

    def as_json(self) -> str:
        return json.dumps(
            {"columns": self.columns, "choices": self.choices, "words": self.words},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data: dict[str, Any] = json.loads(text)
        return cls(
            dict(data.get("columns", {})),
            dict(data.get("choices", {})),
            {name: dict(words) for name, words in data.get("words", {}).items()},
        )


def folded_words(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The list's words as the mapping keeps them: folded, so "Pendiente " is "pendiente"."""
    return {fold_word(word): code for word, code in pairs if fold_word(word)}


class MappingError(ImportFileError):
    """A mapping that cannot be applied: nothing is read with it."""

    @classmethod
    def of(cls, problems: list[tuple[str, str]]) -> MappingError:
        return cls(
            "The column mapping cannot be used: " + "; ".join(en for en, _ in problems) + ".",
            "La correspondencia de columnas no se puede usar: "
            + "; ".join(es for _, es in problems)
            + ".",
        )


def mapping_problems(mapping: ColumnMapping) -> list[tuple[str, str]]:
    """What is wrong with a mapping whatever the file (English, Spanish), every problem at once."""
    problems: list[tuple[str, str]] = []
    for header, name in mapping.columns.items():
        if name != IGNORE and name not in FIELDS:
            problems.append(
                (
                    f"'{header}' is mapped onto '{name}', which is not a field of a person",
                    f"'{header}' se asignó a '{name}', que no es un dato de una persona",
                )
            )
    for header, flag in mapping.choices.items():
        if flag not in FLAG_CODES:
            problems.append(
                (
                    f"the choice column '{header}' is mapped onto '{flag}', "
                    "which is not a vulnerability flag of this site",
                    f"la columna de opción '{header}' se asignó a '{flag}', "
                    "que no es una vulnerabilidad de este sitio",
                )
            )
    for name, words in mapping.words.items():
        codes = WORD_CODES.get(name)
        if codes is None:
            problems.append(
                (
                    f"'{name}' takes no list of words (only {', '.join(WORD_CODES)})",
                    f"'{name}' no admite una lista de palabras (solo {', '.join(WORD_CODES)})",
                )
            )
            continue
        for word, code in words.items():
            if code not in codes:
                known = ", ".join(sorted(code for code in codes if code))
                problems.append(
                    (
                        f"the word '{word}' of {name} is mapped onto '{code}', "
                        f"which is not one of: {known}",
                        f"la palabra '{word}' de {name} se asignó a '{code}', "
                        f"que no es ninguno de: {known}",
                    )
                )
    return problems


def check_mapping(mapping: ColumnMapping) -> None:
    """Refuse a mapping onto a field, a status, a sex or a flag this site does not have."""
    problems = mapping_problems(mapping)
    if problems:
        raise MappingError.of(problems)


def parse_word_options(options: Iterable[str]) -> dict[str, dict[str, str]]:
    """`--word "case_status:Pendiente de audiencia=pending"` as typed on the command line."""
    words: dict[str, dict[str, str]] = {}
    for option in options:
        name, colon, rest = option.partition(":")
        word, equals, code = rest.rpartition("=")
        if not colon or not equals or not name.strip() or not word.strip():
            raise MappingError(
                f"--word {option!r}: write it as FIELD:WORD=CODE, e.g. "
                '"case_status:Pendiente de audiencia=pending"',
                f"--word {option!r}: escríbalo como CAMPO:PALABRA=CÓDIGO, p. ej. "
                '"case_status:Pendiente de audiencia=pending"',
            )
        words.setdefault(name.strip(), {})[word.strip()] = code.strip()
    return words


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """`--map "source=field"` as typed on the command line ("source=" leaves a column out)."""
    columns: dict[str, str] = {}
    for option in options:
        source, equals, name = option.rpartition("=")
        if not equals or not source.strip():
            raise MappingError(
                f"--map {option!r}: write it as SOURCE=FIELD, e.g. "
                '"datos_personales/nombres=given_names"',
                f"--map {option!r}: escríbalo como ORIGEN=CAMPO, p. ej. "
                '"datos_personales/nombres=given_names"',
            )
        columns[source.strip()] = name.strip()
    return columns
