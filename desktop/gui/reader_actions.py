"""The reader pane's actions on the text: bookmarking a passage, copying it with its citation,
the text's context menu, and asking for a corrected date (the window stores it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu


class ReaderActionsMixin:
    """Mixed into ReaderPane (uses its document, selection and signals). Its strings keep the
    ReaderPane translation context."""

    def request_bookmark(self) -> None:
        rng = self.selection_range()
        if rng is None:
            self.message.emit(QCoreApplication.translate(
                "ReaderPane", "Select a passage first, then press Ctrl+D (or bookmark the whole document)."))
            return
        self.bookmark_requested.emit(*rng)

    def citation(self, offset: int | None = None) -> str:
        from desktop.core.service import Excerpt

        m = self.doc.meta
        section = self.doc.section_at(offset) if offset is not None else None
        label = " ".join(p for p in (section.label, section.subtitle) if p) if section else None
        return Excerpt(text="", title=m.title, person=m.person, city=m.city, series=m.series,
                       series_no=m.series_no, section=label, path=self.doc.path, date=m.date).citation()

    def copy_with_citation(self) -> None:
        rng = self.selection_range()
        if self.doc is None or rng is None:
            self.message.emit(QCoreApplication.translate("ReaderPane", "Select a passage to copy."))
            return
        text = self.doc.text[rng[0]:rng[1]]
        QGuiApplication.clipboard().setText(f"{text}\n——{self.citation(rng[0])}")
        self.message.emit(QCoreApplication.translate("ReaderPane", "Copied with its citation."))

    def _on_text_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        has = self.selection_range() is not None
        copy = menu.addAction(QCoreApplication.translate("ReaderPane", "Copy"))
        copy.setEnabled(has)
        cite = menu.addAction(QCoreApplication.translate("ReaderPane", "Copy with citation"))
        cite.setEnabled(has)
        excerpt = menu.addAction(QCoreApplication.translate("ReaderPane", "Bookmark passage…"))
        excerpt.setEnabled(has)
        whole = menu.addAction(QCoreApplication.translate("ReaderPane", "Bookmark whole document"))
        menu.addSeparator()
        date = menu.addAction(QCoreApplication.translate("ReaderPane", "Correct the date…"))
        date.setEnabled(self.doc is not None)
        select_all = menu.addAction(QCoreApplication.translate("ReaderPane", "Select all"))
        chosen = menu.exec(self.text.viewport().mapToGlobal(pos))
        if chosen is date:
            self.ask_date()
        elif chosen is copy:
            self.text.copy()
        elif chosen is cite:
            self.copy_with_citation()
        elif chosen is excerpt:
            self.request_bookmark()
        elif chosen is whole:
            self.bookmark_requested.emit(-1, -1)
        elif chosen is select_all:
            self.text.selectAll()

    # ---- corrections ----
    def ask_date(self) -> None:
        """Ask for the document's publication date; the window stores it (it survives re-indexing)."""
        if self.doc is None:
            return
        from PySide6.QtWidgets import QInputDialog

        current = self.doc.meta.date or ""
        text, ok = QInputDialog.getText(
            self, QCoreApplication.translate("ReaderPane", "Correct the date"),
            QCoreApplication.translate(
                "ReaderPane", "Publication date (2024, 2024-10 or 2024-10-06; empty: the date found in the file):"),
            text=current)
        if ok:
            self.correct_date(text)

    def correct_date(self, text: str) -> None:
        if self.doc is not None:
            self.date_correction_requested.emit(self.doc.id, text.strip())
