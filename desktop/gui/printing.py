"""Printing (Ctrl+P): the document in the active pane, or excerpts, through Qt's print dialog
(which also prints to PDF). The text is laid out by a QTextDocument in the reader's font."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from . import style

# WenQuanYi first: its glyphs come back as the right characters when a printed PDF is copied from
PRINT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Microsoft YaHei"]


def _document(html: str) -> QTextDocument:
    doc = QTextDocument()
    font = QFont(style.text_font(11))
    font.setFamilies(PRINT_FAMILIES)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet("h1 { font-size: 16pt; } p.meta { color: #555555; } p { margin-bottom: 6pt; }"
                             " p.cite { color: #555555; font-size: 9pt; }")
    doc.setHtml(html)
    return doc


def document_for_printing(doc: Any) -> QTextDocument:
    """A reader document as printed: title, who / where / when, the cleaned text by paragraph."""
    m = doc.meta
    meta = " · ".join(x for x in (m.person, m.city, m.series and f"{m.series}{m.series_no or ''}", m.date) if x)
    body = "".join(f"<p>{escape(p)}</p>" for p in doc.text.split("\n") if p.strip())
    return _document(f"<h1>{escape(m.title or '')}</h1><p class='meta'>{escape(meta)}</p>{body}")


def excerpts_for_printing(title: str, excerpts: list[Any]) -> QTextDocument:
    """Excerpts grouped by city, each with its citation (the same model the exports write)."""
    parts = [f"<h1>{escape(title)}</h1>"]
    city = object()
    for ex in sorted(excerpts, key=lambda e: e.city or "\uffff"):
        if ex.city != city:
            city = ex.city
            parts.append(f"<h2>{escape(ex.city or '')}</h2>")
        parts.append(f"<p>{escape(ex.text)}</p><p class='cite'>—— {escape(ex.citation())}</p>")
        if ex.note:
            parts.append(f"<p class='cite'>{escape(ex.note)}</p>")
    return _document("".join(parts))


def open_print_dialog(parent: QWidget, qdoc: QTextDocument, name: str) -> QPrintDialog:
    """The print dialog, window-modal; prints when accepted. Returned so a caller (or a test) can
    reach its printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    dialog = QPrintDialog(printer, parent)
    dialog.keep = (printer, qdoc)  # the dialog only points at them: they must live as long as it
    dialog.accepted.connect(lambda: qdoc.print_(dialog.printer()))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()  # (PySide's QPrintDialog.open wants a receiver; show() with modality is the same)
    return dialog
