"""Concordance rows to CSV (UTF-8 with BOM, so Excel opens it) and XLSX, one row per hit; every cell
through tables.spreadsheet_cell, so text that looks like a formula is never evaluated. Any excerpt
format (Markdown, text, HTML, Word, PDF, JSON) takes the rows as excerpts: each hit in its context,
cited by its article, date and page, escaped as every export is."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from desktop.core.errors import ExportError
from desktop.core.excerpts.export.excerpt import Excerpt
from desktop.core.excerpts.export.files import atomic_write, check_target
from desktop.core.excerpts.export.tables import spreadsheet_cell

EXCERPT_SUFFIXES = (".md", ".txt", ".html", ".docx", ".pdf", ".json")
COLUMNS = ("left", "hit", "right", "title", "city", "date", "page", "id", "path", "start", "end")


def _cells(row: dict[str, Any]) -> list[Any]:
    return [spreadsheet_cell(_flat(row.get(c))) for c in COLUMNS]


def _flat(value: Any) -> Any:
    return value.replace("\r", " ").replace("\n", " ") if isinstance(value, str) else value


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_cells(row))
    return ("\ufeff" + buf.getvalue()).encode("utf-8", "replace")


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("concordance")
    right = book.add_format({"align": "right"})
    sheet.write_row(0, 0, COLUMNS)
    for i, row in enumerate(rows, start=1):
        cells = _cells(row)
        for j, v in enumerate(cells):
            if isinstance(v, str):
                sheet.write_string(i, j, v, right if j == 0 else None)
            elif v is None or v == "":
                sheet.write_blank(i, j, None)
            else:
                sheet.write_number(i, j, v)
    sheet.set_column(0, 0, 40)
    sheet.set_column(2, 2, 40)
    sheet.set_column(3, 3, 30)
    book.close()
    return buf.getvalue()


def export_rows(rows: list[dict[str, Any]], path: str | Path) -> Path:
    """Write rows to path; the format from its suffix (.csv or .xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in EXCERPT_SUFFIXES:
        from desktop.core.excerpts.export import export

        return export([as_excerpt(r) for r in rows], suffix[1:], path, title="语境索引")
    if suffix not in (".csv", ".xlsx"):
        raise ExportError(f"不支持的导出格式: {suffix or path.name}（可用 .csv、.xlsx、.md、.txt、.html、.docx、.pdf 或 .json）")
    check_target(path)
    atomic_write(path, csv_bytes(rows) if suffix == ".csv" else xlsx_bytes(rows))
    return path


def as_excerpt(row: dict[str, Any]) -> Excerpt:
    """One concordance row as an excerpt: the hit with its left and right context, and its source."""
    return Excerpt(text=f"…{row.get('left', '')}{row.get('hit', '')}{row.get('right', '')}…",
                   title=row.get("title") or "", city=row.get("city"), date=row.get("date"),
                   path=row.get("path") or "", doc_id=row.get("id") or "", start=row.get("start"),
                   end=row.get("end"), page=row.get("page"))
