"""Reading the codes a stored policy lists: a policy saved by a newer version of the app may
name codes this one does not know, and saying which is better than guessing what they meant."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from staging.errors import Refused
from staging.vocabulary import Words, label

Code = TypeVar("Code", bound=StrEnum)


def known_codes(kind: type[Code], values: Iterable[str], what: Words) -> frozenset[Code]:
    """The values as members of `kind`; refused, naming each unknown code, if any is not one."""
    listed = [str(value) for value in values]
    known = {str(member) for member in kind}
    unknown = sorted(code for code in listed if code not in known)
    if unknown:
        raise Refused(
            f"The site's policy lists {what.en} this version does not know: "
            + ", ".join(label(code, "en") for code in unknown),
            f"La política del sitio incluye {what.es} que esta versión no conoce: "
            + ", ".join(label(code, "es") for code in unknown),
        )
    return frozenset(kind(code) for code in listed)
