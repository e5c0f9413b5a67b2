"""Band codes: every code we print validates, and a slip of the hand or the scanner never does."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from staging.wristbands.codes import (
    ALPHABET,
    BAND_PREFIX,
    CODE_LENGTH,
    format_band_code,
    new_band_code,
    normalize_band_code,
)

random_bytes = st.binary(min_size=8, max_size=32)
codes = random_bytes.map(new_band_code)
# Positions after the prefix: the 10 data characters and the check character.
body_positions = st.integers(min_value=len(BAND_PREFIX), max_value=CODE_LENGTH - 1)


@given(random_bytes)
def test_every_generated_code_validates_and_is_canonical(seed: bytes) -> None:
    code = new_band_code(seed)
    assert len(code) == CODE_LENGTH
    assert code.startswith(BAND_PREFIX)
    assert set(code[len(BAND_PREFIX) :]) <= set(ALPHABET)
    assert normalize_band_code(code) == code


@given(codes, body_positions, st.sampled_from(ALPHABET))
def test_any_single_substitution_is_refused(code: str, position: int, symbol: str) -> None:
    assume(code[position] != symbol)
    mistyped = code[:position] + symbol + code[position + 1 :]
    assert normalize_band_code(mistyped) is None


@given(codes, st.integers(min_value=len(BAND_PREFIX), max_value=CODE_LENGTH - 2))
def test_any_adjacent_transposition_is_refused(code: str, position: int) -> None:
    """Including the last data character swapped with the check character."""
    first, second = code[position], code[position + 1]
    assume(first != second)
    swapped = code[:position] + second + first + code[position + 2 :]
    assert normalize_band_code(swapped) is None


@given(codes, body_positions, st.sampled_from("U*~$=-_'./ÑñÇ"))
def test_a_character_outside_the_alphabet_is_refused(code: str, position: int, symbol: str) -> None:
    """Crockford's extra check symbols and what a wrong keyboard layout types are never valid."""
    assert normalize_band_code(code[:position] + symbol + code[position + 1 :]) is None


@given(codes)
def test_what_a_person_types_is_read_back(code: str) -> None:
    """Lower case, the printed groups, hyphens, and I/L/O for 1/0 all find the same code."""
    typed = format_band_code(code).lower().replace("1", "l").replace("0", "o")
    assert normalize_band_code(typed) == code
    assert normalize_band_code(f"  {code[:5]}-{code[5:]}\r\n") == code


@given(codes)
def test_the_printed_form_has_only_letters_digits_and_spaces(code: str) -> None:
    printed = format_band_code(code)
    assert printed.replace(" ", "") == code
    assert printed.replace(" ", "").isalnum()
    assert printed.isascii()


@pytest.mark.parametrize(
    "text",
    ["", "123456789", "A123456789", "R-2021-000123", "SD", "SD0000000000", "SD000000000000"],
)
def test_other_ids_are_not_band_codes(text: str) -> None:
    assert normalize_band_code(text) is None


def test_the_same_randomness_gives_the_same_code() -> None:
    assert new_band_code(b"\x01" * 8) == new_band_code(b"\x01" * 8)
    assert new_band_code() != new_band_code()


def test_too_little_randomness_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        new_band_code(b"\x00" * 7)


def test_formatting_an_invalid_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not a valid band code"):
        format_band_code("SD00000000001")
