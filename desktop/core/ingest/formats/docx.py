"""Word .docx through python-docx (MIT): paragraphs and headings in order, tables' cells row by
row, and the core properties' title. The ZIP container is checked first (truncated
files, zip bombs). An explicit page break starts a new page."""

from __future__ import annotations

import io
from pathlib import Path

from desktop.core.ingest.formats.common import (
    Extracted,
    ReadContext,
    fold_compat,
    join_pages,
    open_zip,
    read_bytes,
    safe_copy,
    skip,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p) -> tuple[str, bool]:
    """A paragraph's text and whether an explicit page break comes before the rest of it."""
    parts: list[str] = []
    page_break = False
    for node in p._p.iter():
        tag = node.tag
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            if node.get(_W + "type") == "page":
                page_break = True
                parts.append("\f")
            else:
                parts.append("\n")
    return "".join(parts), page_break


def read(path: Path, ctx: ReadContext) -> Extracted:
    data = read_bytes(path, ctx.limits.max_file_bytes)
    with open_zip(path, data, ctx.limits, "Word") as zf:
        if "word/document.xml" not in set(zf.namelist()):
            raise skip(path, "不是有效的 Word（.docx）文件（缺少正文部分），已跳过")
        safe = safe_copy(path, zf, ctx.limits, "Word")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(safe))
    except Exception as exc:
        raise skip(path, "Word 文件已损坏或不完整，无法读取，已跳过") from exc
    pages: list[list[str]] = [[]]
    try:
        for block in document.element.body.iterchildren():
            if block.tag == _W + "p":
                text, _ = _paragraph_text(Paragraph(block, document))
                chunks = text.split("\f")
                for j, chunk in enumerate(chunks):
                    if j:
                        pages.append([])
                    if chunk.strip():
                        pages[-1].append(chunk.strip())
            elif block.tag == _W + "tbl":
                for row in Table(block, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        value = " ".join(t for t in (c.text.strip() for c in cell.paragraphs) if t)
                        if value and value not in cells:  # merged cells repeat their text
                            cells.append(value)
                    if cells:
                        pages[-1].append("\t".join(cells))
        props = document.core_properties
        title = (props.title or "").strip() or None  # (its dates are the file's, often a template's: not used)
    except Exception as exc:
        raise skip(path, "Word 文件内容已损坏，无法读取，已跳过") from exc
    page_texts = [fold_compat("\n".join(p)) for p in pages]
    if len(page_texts) > 1 and not page_texts[-1].strip():
        page_texts.pop()
    if not any(t.strip() for t in page_texts):
        raise skip(path, "Word 文件中没有文字，已跳过")
    text, ranges = join_pages(page_texts)
    return Extracted(
        text=text, data=data, encoding="docx", format="docx",
        pages=ranges if len(ranges) > 1 else [],
        title=title,
    )
