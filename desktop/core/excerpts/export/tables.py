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


def csv_text(groups: list[tuple[str, list[Excerpt]]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow(CSV_FIELDS)
    for city, items in groups:
        for ex in items:
            row = {**asdict(ex), "city": city, "citation": ex.citation()}
            row["tags"] = "、".join(ex.tags)
            row["orphan"] = "yes" if ex.orphan else ""
            writer.writerow(["" if row[f] is None else row[f] for f in CSV_FIELDS])
    return buf.getvalue()


# -- DOCX -----------------------------------------------------------------------------------------
