"""An article's publication date and where it came from (issue 17).

Sources, strongest first (``choose``):

1. ``user``: the user's correction (service.correct(key, date=...)); survives re-indexing.
2. ``name`` when it gives a full date: the file name or its folders (``xwlb_20241006_02.txt``,
   ``2024/10/06/…``, ``20241006-…``, ``2024-10-06…``). An archive named by issue date knows the
   date; the first date written in a text is often the date of an event it reports (on the corpus,
   528 of the 612 articles with both disagreed: "习近平同志2022年10月16日在…" in a report of
   2022-10-25, "1921年7月23日" in a 2026 retrospective).
3. ``text``: a full date written in the article ("2024年10月6日").
4. ``metadata``: the file's own metadata (HTML's published time, PDF's creation date, EPUB's
   dc:date), as the format reader gives it. For HTML the metadata outranks the text and the name: a
   web page's text is full of navigation and "related article" dates, its published-time tag names
   the article.
5. ``name`` with only a year or a month (``2024/10/…``).

A date without a year found in the text ("10月6日" -> "--10-06") is kept only when no other
source gives one with a year. Dates are ISO: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that
much is known. Impossible dates (2024-02-30, month 13) and numbers that are not dates (a year outside
1900..2099, an eight-digit serial number) are rejected.
"""

from __future__ import annotations

import datetime as _dt
import re

SOURCES = ("user", "text", "metadata", "name")
MIN_YEAR, MAX_YEAR = 1900, 2099

_DATE_FULL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_PART = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")

# In a file or folder name: 20241006, 2024-10-06, 2024_10_06, 2024.10.06 (not inside a longer number).
_NAME_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_NAME_SEPARATED = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_NAME_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{1,2})(?![\d])")
_YEAR = re.compile(r"^((?:19|20)\d{2})$")
_MONTH_OR_DAY = re.compile(r"^(\d{1,2})$")

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def valid(y: int, mo: int | None = None, d: int | None = None) -> bool:
    """Whether year (and month, day) make a real calendar date within MIN_YEAR..MAX_YEAR."""
    if not MIN_YEAR <= y <= MAX_YEAR:
        return False
    if mo is None:
        return d is None
    if not 1 <= mo <= 12:
        return False
    if d is None:
        return True
    try:
        _dt.date(y, mo, d)
    except ValueError:
        return False
    return True


def iso(y: int, mo: int | None = None, d: int | None = None) -> str:
    return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if d else "")


def normalize(value: str | None) -> str | None:
    """A user's date as ISO ("2024-3-5", "2024/03/05", "2024年3月5日", "2024-03", "2024"), or None when
    empty; raises ValueError for anything else (impossible dates too)."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?", text)
    if not m:
        raise ValueError(text)
    y, mo, d = (int(g) if g else None for g in m.groups())
    if not valid(y, mo, d):
        raise ValueError(text)
    return iso(y, mo, d)


def from_text(text: str) -> str | None:
    """The first full date written in the text ("2024-12-29"), else a date without a year ("--12-29")."""
    for m in _DATE_FULL.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if valid(y, mo, d):
            return iso(y, mo, d)
    for m in _DATE_PART.finditer(text):
        mo, d = (int(g) for g in m.groups())
        if valid(2000, mo, d):  # a leap year: 2月29日 is possible
            return f"--{mo:02d}-{d:02d}"
    return None


def from_path(path: str) -> str | None:
    """The date a file's name or its folders give, or None. The file name is looked at first, then
    the folders from the nearest: ``…/2024/10/06/a.txt`` and ``…/2024-10/a.txt`` count too."""
    parts = [p for p in re.split(r"[\\/]+", str(path)) if p]
    if not parts:
        return None
    name = parts[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    for m in list(_NAME_FULL.finditer(stem)) + list(_NAME_SEPARATED.finditer(stem)):
        groups = m.groups()
        y, mo, d = (int(groups[0]), int(groups[-2]), int(groups[-1]))
        if valid(y, mo, d):
            return iso(y, mo, d)
    folders = parts[:-1]
    # year/month/day folders, nearest first: …/2024/10/06/, …/2024/10/
    for i in range(len(folders) - 1, -1, -1):
        if _YEAR.match(folders[i]):
            y = int(folders[i])
            mo = int(folders[i + 1]) if i + 1 < len(folders) and _MONTH_OR_DAY.match(folders[i + 1]) else None
            d = int(folders[i + 2]) if mo and i + 2 < len(folders) and _MONTH_OR_DAY.match(folders[i + 2]) else None
            if d is not None and not valid(y, mo, d):
                d = None
            if mo is not None and not valid(y, mo):
                mo = d = None
            if valid(y, mo, d):
                return iso(y, mo, d)
    for folder in reversed(folders):  # a folder named like a dated file: 20241006, 2024-10-06, 2024-10
        for m in list(_NAME_FULL.finditer(folder)) + list(_NAME_SEPARATED.finditer(folder)):
            groups = m.groups()
            y, mo, d = (int(groups[0]), int(groups[-2]), int(groups[-1]))
            if valid(y, mo, d):
                return iso(y, mo, d)
        m = _NAME_MONTH.fullmatch(folder)
        if m and valid(int(m.group(1)), int(m.group(2))):
            return iso(int(m.group(1)), int(m.group(2)))
    return None


def choose(*, user: str | None = None, text: str | None = None, metadata: str | None = None,
           name: str | None = None, metadata_first: bool = False) -> tuple[str | None, str | None]:
    """(date, source) by the precedence in the module's docstring. metadata_first: the file's
    metadata outranks the text (HTML)."""
    if user:
        return user, "user"
    has_year = text is not None and not text.startswith("--")
    full_name = name is not None and len(name) == 10
    order = [("metadata", metadata), ("text", text)] if metadata_first else [("text", text), ("metadata", metadata)]
    if full_name and not (metadata_first and metadata):
        order.insert(0, ("name", name))
    for source, value in order + [("name", name)]:
        if value and (source != "text" or has_year):
            return value, source
    if text:
        return text, "text"
    return None, None


def year_month_day(date: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month or None, day or None) of an ISO date, or None for no date or one without a year."""
    m = ISO.match(date or "")
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    return y, mo, d
