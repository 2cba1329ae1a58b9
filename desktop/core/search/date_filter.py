"""`date:` filters (issue 17): date:2024, date:2024-03, date:2024-01..2024-06, date:..2023-12, date:2024-03..

A document's date is a span: "2024-03-05" one day, "2024-03" the whole month, "2024" the whole year.
A filter is a span too (its ends padded: 2024-01..2024-06 is 2024-01-01..2024-06-31 as text). A
document matches when its whole span lies inside the filter's: so a document dated only "2024"
matches date:2024 and date:2023..2024 but not date:2024-03 nor date:2024-01..2024-06 (it may be
from any month). Dates without a year ("--10-06") and undated documents match no date filter.
"""

from __future__ import annotations

import re
from typing import Callable

_END = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")


def _pad(value: str, high: bool) -> str:
    parts = value.split("-")
    parts = [parts[0]] + [p.zfill(2) for p in parts[1:]]
    fill = ["12", "31"] if high else ["01", "01"]
    return "-".join(parts + fill[len(parts) - 1 :])


def span(value: str) -> tuple[str, str] | None:
    """The (low, high) text bounds of a filter value, or None when it is not a date filter."""
    value = value.strip().replace("/", "-").replace("．", ".")
    lo, sep, hi = value.partition("..")
    if not sep:
        lo = hi = value
    if (lo and not _END.match(lo)) or (hi and not _END.match(hi)) or not (lo or hi):
        return None
    return (_pad(lo, False) if lo else "0000-00-00", _pad(hi, True) if hi else "9999-99-99")


def matcher(value: str) -> Callable[[str | None], bool]:
    """A test of a document's ISO date against a filter value (nothing passes a malformed one)."""
    bounds = span(value)
    if bounds is None:
        return lambda date: False
    lo, hi = bounds

    def test(date: str | None) -> bool:
        if not date or date.startswith("-"):
            return False
        return lo <= _pad(date, False) and _pad(date, True) <= hi

    return test


def sort_key(date: str | None) -> str:
    """Dates in order (a year-only date before its months); undated sorts as empty."""
    return "" if not date or date.startswith("-") else date
