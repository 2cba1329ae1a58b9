"""CSV: one row per excerpt, for spreadsheets."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict

from desktop.core.excerpts.export.excerpt import Excerpt

CSV_FIELDS = (
    "city",
    "text",
    "title",
    "person",
    "series",
    "series_no",
    "section",
    "date",
    "publication",
    "edition",
    "path",
    "note",
    "tags",
    "doc_id",
    "start",
    "end",
    "page",
    "orphan",
    "citation",
)


# OWASP "CSV Injection": a cell starting with one of these is read as a formula by Excel, LibreOffice
# and Google Sheets (=HYPERLINK(...), =cmd|' /C calc'!A0, +, -, @, and a tab or carriage return
# before them). The full-width forms are included: some spreadsheets fold them.
_FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def spreadsheet_cell(value):
    """A value as a spreadsheet cell that is never evaluated: text that a spreadsheet would take for
    a formula gets a leading apostrophe (OWASP's advice; the cell shows the text as written). Every
    spreadsheet export (CSV now, any later one) writes its cells through this."""
    if value is None:
        return ""
    if isinstance(value, str):
        first = value.lstrip(" \u3000")[:1]
        if first and first in _FORMULA_START:
            return "'" + value
    return value


def csv_text(groups: list[tuple[str, list[Excerpt]]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow(CSV_FIELDS)
    for city, items in groups:
        for ex in items:
            row = {**asdict(ex), "city": city, "citation": ex.citation()}
            row["tags"] = "、".join(ex.tags)
            row["path"] = ex.source()
            row["orphan"] = "yes" if ex.orphan else ""
            writer.writerow([spreadsheet_cell(row[f]) for f in CSV_FIELDS])
    return buf.getvalue()


# -- DOCX -----------------------------------------------------------------------------------------
