"""Excerpts (bookmarked passages or search hits) written out with their sources, grouped by city.

Formats: md, txt, html, docx, pdf, csv, json. Every excerpt carries its citation (title, person,
city, series and number, section, source file, date). A file is written to a temporary name in
the target folder and renamed into place, so a failed export leaves nothing behind; every failure
is an ExportError with a plain reason.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from desktop.core.errors import UserInputError
from desktop.core.excerpts.export.excerpt import (  # noqa: F401
    Excerpt,
    excerpts_from_bookmarks,
    excerpts_from_hits,
    group_by_city,
    passage_around,
)
from desktop.core.excerpts.export.files import atomic_write, check_target
from desktop.core.excerpts.export.pdf import PDF_FONT_HELP, find_cjk_font, pdf_bytes  # noqa: F401
from desktop.core.excerpts.export.tables import CSV_FIELDS, csv_text  # noqa: F401
from desktop.core.excerpts.export.text_formats import (
    html_page,
    json_text,
    markdown_text,
    plain_text,
)
from desktop.core.excerpts.export.word import (  # noqa: F401
    DOCX_EAST_ASIAN_FONT,
    DOCX_LATIN_FONT,
    docx_bytes,
)

CITATION_STYLES = ("plain", "gbt7714")
FORMATS = ("md", "txt", "html", "docx", "pdf", "csv", "json")

# Words written into the exported files (the archive is Chinese); a client may pass its own.
LABELS: dict[str, str] = {
    "unknown_city": "未注明城市",
    "source": "来源文件",
    "note": "备注",
    "tags": "标签",
    "orphan": "（原文中已找不到这段文字，以下为收藏时的摘录）",
    "exported": "导出时间",
    "count": "条摘录",
}


_SURROGATE = re.compile("[\ud800-\udfff]+")


def _printable(text: str) -> str:
    """A file name that is not UTF-8 written readably: its undecodable bytes as \\xNN."""
    return _SURROGATE.sub(
        lambda m: os.fsencode(m.group()).decode("utf-8", "backslashreplace")
        if all(0xDC80 <= ord(c) <= 0xDCFF for c in m.group()) else m.group().encode("utf-8", "backslashreplace").decode("ascii"),
        text)


def _without_surrogates(ex: Excerpt) -> Excerpt:
    changes = {f.name: _printable(v) for f in dataclasses.fields(ex)
               if isinstance(v := getattr(ex, f.name), str) and _SURROGATE.search(v)}
    if isinstance(ex.tags, list) and any(_SURROGATE.search(t) for t in ex.tags):
        changes["tags"] = [_printable(t) for t in ex.tags]
    return dataclasses.replace(ex, **changes) if changes else ex


def export(
    excerpts: Sequence[Excerpt],
    fmt: str,
    out_path: Path | str,
    *,
    title: str = "摘录",
    city_order: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    pdf_font: Path | str | None = None,
    citation_style: str = "plain",
    full_paths: bool = False,
) -> Path:
    """Write the excerpts to out_path in fmt; returns the path written. citation_style: "plain" or
    "gbt7714" (GB/T 7714-2015, 作者. 题名[N]. 报纸名, 2024-12-29(版次).); full_paths: cite the file by
    its full path instead of its name."""
    if citation_style not in CITATION_STYLES:
        raise UserInputError(f"Unknown citation style {citation_style!r}: use one of {', '.join(CITATION_STYLES)}.")
    excerpts = [replace(ex, citation_style=citation_style, full_path=full_paths) for ex in excerpts]
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserInputError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    words = {**LABELS, **(labels or {})}
    # every format is UTF-8 (or XML, or a PDF's text): no lone surrogates from odd file names
    groups = group_by_city([_without_surrogates(ex) for ex in excerpts], city_order)
    path = Path(out_path)
    check_target(path)
    if fmt == "pdf":
        data = pdf_bytes(groups, title, words, pdf_font)
    elif fmt == "docx":
        data = docx_bytes(groups, title, words)
    elif fmt == "csv":
        data = csv_text(groups).encode("utf-8-sig")
    else:
        render = {"md": markdown_text, "txt": plain_text, "html": html_page, "json": json_text}[fmt]
        data = render(groups, title, words).encode("utf-8")
    atomic_write(path, data)
    return path
