"""Reading an exported file back as plain text, whatever its format, to check what it cites."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path


def read_back(path: Path, fmt: str) -> str:
    if fmt == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return "\n".join("\t".join(row) for row in csv.reader(f, dialect="excel"))
    if fmt == "html":
        return html.unescape(path.read_text(encoding="utf-8"))
    if fmt == "json":
        return "\n".join(_strings(json.loads(path.read_text(encoding="utf-8"))))
    return path.read_text(encoding="utf-8")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
