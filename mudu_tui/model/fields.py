"""The checks a key of ``index.yaml`` can carry, and :class:`Field`, one key of the schema.

Each check takes the loaded value and returns None when it is valid, else the rest of a
sentence saying what is wrong (``'lat' must be a number``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from typing import Any, NamedTuple

Check = Callable[[Any], "str | None"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

#: How precisely an event is dated: as many parts as ``YYYY-MM-DD`` has.
PRECISIONS = ("year", "month", "day")

#: The script variants a curated name (``forms``) may be given for.
FORM_VARIANTS = ("simplified", "traditional", "taiwan", "hongkong")


def close_matches(word: str, options: Collection[str], n: int = 1) -> list[str]:
    """The ``n`` options nearest to ``word``, for a did-you-mean."""
    # difflib only when a did-you-mean is needed: opening a cached pack never needs it.
    import difflib

    return difflib.get_close_matches(word, list(options), n=n)


def text(value: Any) -> str | None:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def text_list(value: Any) -> str | None:
    """A list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return "must be a list of non-empty strings"
    return None


def text_or_list(value: Any) -> str | None:
    """A non-empty string or a list of them."""
    if text(value) is None or text_list(value) is None:
        return None
    return "must be a string or a list of strings"


def mapping(value: Any) -> str | None:
    """A mapping of keys (each key is checked elsewhere)."""
    return None if isinstance(value, dict) else "must be a mapping of keys"


def shows(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only marks, format characters
    (zero-width space, joiners), controls and spaces."""
    import unicodedata

    return any(unicodedata.category(ch)[0] not in "MCZ" for ch in text)


def name(value: Any) -> str | None:
    """A non-empty string with a visible character (a name that highlights nothing is no name)."""
    if (error := text(value)) is not None:
        return error
    if not shows(value):
        return "must have a visible character (not only zero-width or combining ones)"
    return None


def name_list(value: Any) -> str | None:
    """A list of names."""
    if (error := text_list(value)) is not None:
        return error
    hidden = next((v for v in value if not shows(v)), None)
    return None if hidden is None else f"has {hidden!r}, which has no visible character"


def number(value: Any) -> str | None:
    """An int or a float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    return None


def number_within(low: float, high: float) -> Check:
    """A check that the value is a finite number from ``low`` to ``high``."""

    def check(value: Any) -> str | None:
        if (error := number(value)) is not None:
            return error
        # NaN fails both comparisons; infinities and huge integers fail one.
        if not (low <= value <= high):
            return f"must be a finite number from {low:g} to {high:g}"
        return None

    return check


#: The largest figure the reader takes: far beyond any count or sum an article gives, and
#: well inside what a float holds (10**400 overflowed the chart).
MAX_FIGURE = 1e15


def whole(value: Any) -> str | None:
    """An int (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    return None


def year(value: Any) -> str | None:
    """A year from 1 to 9999."""
    if (error := whole(value)) is not None:
        return error
    return None if 1 <= value <= 9999 else "must be a year from 1 to 9999"


def boolean(value: Any) -> str | None:
    """true or false."""
    return None if isinstance(value, bool) else "must be true or false"


def listing(value: Any) -> str | None:
    """A list (its entries are checked one by one elsewhere)."""
    return None if isinstance(value, list) else "must be a list"


def date(value: Any) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may already have made a date or an int)."""
    if isinstance(value, dt.date):
        return None
    if isinstance(value, int) and 1000 <= value <= 9999:
        return None
    if not isinstance(value, str) or not (m := _DATE.match(value)):
        return "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        return f"is not a valid date ({exc})"
    return None


def normalise_date(value: Any) -> str:
    """A valid date value as text: ``2023``, ``2023-07``, ``2023-07-06``."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def one_of(options: Collection[str]) -> Check:
    """A check that the value is one of ``options`` (with a did-you-mean)."""

    def check(value: Any) -> str | None:
        if value in options:
            return None
        near = close_matches(str(value), options, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        return f"must be one of {', '.join(options)}{hint}"

    return check


def forms(value: Any) -> str | None:
    """A mapping of script variants to curated names."""
    if not isinstance(value, dict) or not all(
        k in FORM_VARIANTS and isinstance(v, str) and shows(v) for k, v in value.items()
    ):
        return f"must map {'/'.join(FORM_VARIANTS)} to names"
    return None


class Field(NamedTuple):
    """One key of the schema: its check, whether required, and what ids it may refer to."""

    check: Check
    required: bool = False
    refers: tuple[str, ...] = ()  # kinds whose ids it may name (a list of ids if many=True)
    many: bool = False
