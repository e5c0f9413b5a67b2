"""What a text cell may hold on its way into the site, and how it is written back out to a
spreadsheet without being run as a formula.

In: lists are typed, pasted and converted by many hands, so a cell can carry characters that
show nothing (zero-width spaces, fillers, stray controls), direction controls that make a cell
look different from what it holds, and accents in either of Unicode's two spellings. Every text
cell goes through `clean_text`, so a name looks the same wherever it is stored, compared or
printed.

Out: a spreadsheet runs a cell starting with =, +, -, @, a tab, a carriage return or a NUL as a
formula (OWASP's "CSV injection"; ASVS 1.2.10 adds NUL), even from a CSV file, so every cell we
write to one goes through `spreadsheet_safe`, which puts an apostrophe in front: spreadsheets take
it as "this is text" and do not run it. `spreadsheet_value` undoes it when such a file is read
again, so a rejects file fixed in Excel and imported again gives the values it was made from.

The rule, exactly: a cell that is zero or more apostrophes followed by one of those characters
gets one more apostrophe in front when written; a cell that is one or more apostrophes followed by
one of them loses its first apostrophe when read. Reading undoes writing for every text (a phone
"+52 664…" is written "'+52 664…" and read back "+52 664…"; a name "-" is written "'-"; a cell
"'=x" is written "''=x" and read back "'=x"). The only cells that reading changes without our
having written them are cells that start with an apostrophe followed by one of those characters;
such a cell is what spreadsheet-safe exports (ours and other programs') write, and a person never
types one on purpose: Excel itself hides a typed leading apostrophe and does not save it.
"""

from __future__ import annotations

import re
import unicodedata

from staging.registration.problems import FieldProblem, ProblemCode

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what is shown,
# so a cell could read "Ana" on screen while holding something else ("Trojan Source").
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing and mean nothing in a name, an address or a phone: controls other
# than whitespace, the soft hyphen, zero-width space, word joiner, left-to-right/right-to-left
# and Arabic letter marks, invisible operators, the byte-order mark, Hangul and Khmer fillers,
# the blank Braille cell, interlinear annotation marks and tag characters.
_INVISIBLE_CHARACTERS = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180e\u200b\u200e\u200f\u2060-\u2064\u206a-\u206f\u2800\u3164\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")
# Either kind, looked for once: most cells hold neither.
_UNUSUAL = re.compile(f"[{_INVISIBLE_CHARACTERS}\u202a-\u202e\u2066-\u2069]")
# Joiners and variation selectors are part of some scripts' and emoji's spelling inside a text,
# but join or select nothing at either end of it.
_EDGE_IGNORABLE = "\u200c\u200d" + "".join(map(chr, range(0xFE00, 0xFE10))) + " "

# Cells a spreadsheet runs as a formula start with one of these (OWASP, ASVS 1.2.10).
_FORMULA_STARTS = "=+-@\t\r\0"
_NEEDS_APOSTROPHE = re.compile(f"'*[{re.escape(_FORMULA_STARTS)}]")
_HAS_APOSTROPHE = re.compile(f"'+[{re.escape(_FORMULA_STARTS)}]")


def clean_text(value: str) -> str:
    """A text cell as stored: NFC, invisible characters removed, whitespace runs as one space.

    A cell made only of invisible characters and spaces becomes "", so a required name holding
    only a zero-width space is missing, as it looks. A direction control is refused
    (`FieldProblem` with `ProblemCode.TEXT_DIRECTION`) rather than removed: the person who wrote
    the cell should see what it really holds.
    """
    if value.isascii():  # nearly every cell: only its spaces and controls to tidy
        text = " ".join(value.split())
        return text if text.isprintable() else " ".join(_INVISIBLE.sub("", text).split())
    text = value
    if _UNUSUAL.search(text):
        if found := _DIRECTION_CONTROLS.search(text):
            raise FieldProblem(
                ProblemCode.TEXT_DIRECTION,
                f"has a character that changes the direction text is shown in"
                f" (U+{ord(found.group()):04X}), so it may not show what it holds: remove it",
                f"tiene un carácter que cambia la dirección en que se muestra el texto"
                f" (U+{ord(found.group()):04X}), así que puede no mostrar lo que contiene:"
                " quítelo",
            )
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).strip(_EDGE_IGNORABLE)


def shown(value: str) -> str:
    """A cell quoted in a message with its direction controls spelled out (U+202E), so they
    cannot reorder the message around them."""
    return _DIRECTION_CONTROLS.sub(lambda found: f"<U+{ord(found.group()):04X}>", value)


def spreadsheet_safe(text: str) -> str:
    """The cell as written to a CSV file meant for a spreadsheet: never run as a formula."""
    return "'" + text if _NEEDS_APOSTROPHE.match(text) else text


def spreadsheet_value(cell: str) -> str:
    """The text a `spreadsheet_safe` cell stands for (the module docstring gives the rule)."""
    return cell[1:] if _HAS_APOSTROPHE.match(cell) else cell


def may_hold_spreadsheet_safe(text: str) -> bool:
    """False when no cell of `text` (a whole file) can need `spreadsheet_value`: the usual case,
    which then costs one scan instead of a look at every cell."""
    return _HAS_APOSTROPHE.search(text) is not None
