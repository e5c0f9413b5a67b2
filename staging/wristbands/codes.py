"""The code on a wristband or ID card: an opaque id a USB scanner can type and a desk can trust.

A band code is ``SD`` + 10 random Crockford base-32 characters + 1 check character, e.g.
``SD4K7QM2X9RC7`` (printed for people as ``SD 4K7Q M2X9 RC7``). Why this shape:

- **Nothing personal inside.** The code is random; only the site's database knows whose it is, so a
  photo of a band or a lost card tells nobody a name or an A-number.
- **Letters and digits only, upper case.** Scanners "type" the payload as key presses. Letters and
  digits sit on the same keys in US and Spanish (ES/LatAm) layouts, punctuation such as ``-`` does
  not, so a scanner configured for the wrong layout still types the right code. Upper-case
  alphanumerics also keep the QR code in its dense alphanumeric mode (version 1, 21 × 21 modules).
- **Forgiving to type, strict to accept.** Crockford's alphabet has no I, L, O or U; when a person
  types the printed code, case, spaces and hyphens are ignored and I/L are read as 1, O as 0. The
  check character then has to agree, so a mistyped or misread code is refused instead of finding
  somebody else.
- **Told apart from other ids.** The ``SD`` prefix lets the scan field tell a band from an A-number
  (8–9 digits) or a registration id without asking the person at the desk.

The check character is Crockford's mod-37 check symbol (https://www.crockford.com/base32.html): the
value of the 10 data characters read as a base-32 number, modulo 37. Because 37 is prime and does
not divide 32 or 31, it changes under any single substitution and any adjacent transposition,
including one that swaps the last data character with the check character. Crockford writes the
check values 32–36 with ``* ~ $ = U``, which are not safe to scan or type; :func:`new_band_code`
therefore only draws codes whose check value is 0–31, so every code is written in the 32 plain
symbols (at a cost of 0.2 bits of the 50 random bits).
"""

from __future__ import annotations

import secrets

BAND_PREFIX = "SD"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
DATA_LENGTH = 10
CODE_LENGTH = len(BAND_PREFIX) + DATA_LENGTH + 1
MIN_RANDOM_BYTES = 8

_CHECK_MODULUS = 37
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# What a person may type for a symbol: Crockford decodes I and L as 1 and O as 0.
_TYPING_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0", " ": None, "-": None})
# Quotients q with 37*q + 31 < 32**10, so that data = 37*q + check fits in 10 characters.
_QUOTIENTS = (len(ALPHABET) ** DATA_LENGTH - len(ALPHABET)) // _CHECK_MODULUS + 1


def new_band_code(rng_bytes: bytes | None = None) -> str:
    """A fresh band code; ``rng_bytes`` (at least 8 bytes) makes it reproducible in tests.

    The data is built as ``37*q + check`` with a random check value below 32 and a random
    quotient, which is the same as drawing uniformly among the codes whose check symbol is a
    plain character — no retry loop, so a given ``rng_bytes`` always gives one code.
    """
    randomness = secrets.token_bytes(16) if rng_bytes is None else rng_bytes
    if len(randomness) < MIN_RANDOM_BYTES:
        raise ValueError(f"a band code needs at least {MIN_RANDOM_BYTES} random bytes")
    number = int.from_bytes(randomness, "big")
    check = number % len(ALPHABET)
    quotient = (number // len(ALPHABET)) % _QUOTIENTS
    data = _encode(_CHECK_MODULUS * quotient + check, DATA_LENGTH)
    return BAND_PREFIX + data + ALPHABET[check]


def normalize_band_code(text: str) -> str | None:
    """The canonical code for what a scanner or a person typed, or None if it is not one.

    None means "not a band code": wrong prefix, wrong length, a character outside the
    alphabet, or a check character that does not agree with the data.
    """
    candidate = text.strip().upper().translate(_TYPING_ALIASES)
    if len(candidate) != CODE_LENGTH or not candidate.startswith(BAND_PREFIX):
        return None
    body = candidate[len(BAND_PREFIX) :]
    if any(symbol not in _VALUE for symbol in body):
        return None
    data, check = body[:-1], body[-1]
    if _decode(data) % _CHECK_MODULUS != _VALUE[check]:
        return None
    return candidate


def format_band_code(code: str) -> str:
    """The code as printed for people to read aloud or type: ``SD 4K7Q M2X9 RC7``.

    Groups of four are easier to copy than 13 characters in a row; the spaces are ignored when
    the code is typed back.
    """
    canonical = normalize_band_code(code)
    if canonical is None:
        raise ValueError(f"not a valid band code: {code!r}")
    body = canonical[len(BAND_PREFIX) :]
    groups = [body[start : start + 4] for start in range(0, len(body), 4)]
    return " ".join([BAND_PREFIX, *groups])


def _encode(number: int, length: int) -> str:
    symbols = []
    for _ in range(length):
        number, value = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[value])
    return "".join(reversed(symbols))


def _decode(symbols: str) -> int:
    number = 0
    for symbol in symbols:
        number = number * len(ALPHABET) + _VALUE[symbol]
    return number
