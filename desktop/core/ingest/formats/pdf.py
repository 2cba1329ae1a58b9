"""PDF through pypdfium2 (PDFium, Apache-2.0/BSD): the text layer page by page, in PDFium's reading
order; pages without a text layer are rendered and recognised by OCR when an engine is available.
The document's Title and CreationDate are taken where set."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from desktop.core.ingest.formats.common import (
    Extracted,
    ReadContext,
    fold_compat,
    iso_date,
    join_pages,
    read_bytes,
    rejoin_lines,
    skip,
    tidy,
)

# PDFium is not thread-safe: one document operation at a time in this process.
PDFIUM_LOCK = threading.RLock()
OCR_DPI = 200  # rendering for OCR: small print of a newspaper page stays legible
MIN_TEXT_CHARS = 8  # a page with less text than this (besides spaces) counts as having no text layer
_JUNK_TITLES = ("microsoft word", "untitled", "无标题", ".doc", ".pdf", ".tmp", "slide 1")


def open_pdf(path: Path, data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise skip(path, "PDF 文件已加密（需要密码才能打开），已跳过") from exc
        raise skip(path, "PDF 文件已损坏或不完整，无法打开，已跳过") from exc
    except Exception as exc:
        raise skip(path, "PDF 文件已损坏或不完整，无法打开，已跳过") from exc


def _title(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value or len(value) > 200 or any(j in value.lower() for j in _JUNK_TITLES):
        return None
    return fold_compat(value)


def read(path: Path, ctx: ReadContext) -> Extracted:
    data = read_bytes(path, ctx.limits.max_file_bytes)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    texts: list[str] = []
    ocr_pages: list[int] = []
    notes: list[str] = []
    with PDFIUM_LOCK:
        pdf = open_pdf(path, data)
        try:
            try:
                count = len(pdf)
                meta = pdf.get_metadata_dict(skip_empty=True)
            except Exception as exc:
                raise skip(path, "PDF 文件已损坏，无法读取页面，已跳过") from exc
            if count == 0:
                raise skip(path, "PDF 文件没有页面，已跳过")
            if count > ctx.limits.max_pdf_pages:
                notes.append(f"共 {count} 页，只读取了前 {ctx.limits.max_pdf_pages} 页")
                count = ctx.limits.max_pdf_pages
            ocr_budget = ctx.limits.max_ocr_pages
            for i in range(count):
                if ctx.cancelled():
                    raise skip(path, "索引已取消，此文件下次继续")
                try:
                    page = pdf[i]
                    textpage = page.get_textpage()
                    text = textpage.get_text_range()
                    textpage.close()
                except Exception:
                    texts.append("")
                    notes.append(f"第 {i + 1} 页无法读取")
                    continue
                text = rejoin_lines(tidy(fold_compat(text)))
                if len("".join(text.split())) < MIN_TEXT_CHARS and ctx.ocr is not None:
                    if ocr_budget > 0:
                        recognised = ctx.ocr.recognize_pdf_page(page, f"{digest}:{i + 1}", OCR_DPI)
                        ocr_budget -= 1
                        if recognised.strip():
                            text = recognised
                            ocr_pages.append(i + 1)
                    elif ocr_budget == 0:
                        notes.append(f"无文字层的页面超过 {ctx.limits.max_ocr_pages} 页，其余未识别")
                        ocr_budget = -1
                page.close()
                texts.append(text)
        finally:
            pdf.close()
    if not any(t.strip() for t in texts):
        if ctx.ocr is None:
            raise skip(path, "PDF 没有文字层（可能是扫描件），未安装文字识别组件，已跳过")
        raise skip(path, "PDF 中没有可读取或识别的文字，已跳过")
    text, pages = join_pages(texts)
    return Extracted(
        text=text, data=data, encoding="pdf", format="pdf", pages=pages,
        title=_title(meta.get("Title")), date=iso_date(meta.get("CreationDate")),
        ocr_pages=ocr_pages, notes=notes,
    )


def render_page(data: bytes, page_no: int, max_side: int = 1600):
    """Page page_no (1-based) of a PDF as a PIL image whose longer side is about max_side pixels."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[page_no - 1]
            w, h = page.get_size()
            scale = max_side / max(w, h, 1)
            image = page.render(scale=scale).to_pil()
            page.close()
            return image
        finally:
            pdf.close()
