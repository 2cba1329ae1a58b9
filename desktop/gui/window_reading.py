"""The main window's reading: loading a document into a pane off the GUI thread, its page images,
correcting its date, the text size and the original-text toggle for both panes."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication

from .window_search import query_spans
from .workers import describe_error, run_task


class ReadingMixin:
    """Mixed into MainWindow (uses its widgets and services). Its strings keep the MainWindow
    translation context."""

    def open_document(self, key: str, side: int = 0, passage: tuple[int, int] | None = None,
                      *, quiet: bool = False) -> None:
        """Load a document (id or path) off the GUI thread and show it in a pane; with the current
        query's hits highlighted, or with `passage` (a cleaned range) marked. quiet: no error box."""
        svc = self.svc
        if svc is None:
            return
        query = self.search_panel.query()
        if query and not quiet:
            self._on_query_committed(query)

        def load():
            doc = svc.document(key)
            return doc, query_spans(svc, doc, query)

        run_task(load, lambda r: self._on_document_loaded(side, r, query, passage),
                 None if quiet else partial(self._on_document_failed, side))

    def _load_page_image(self, doc_id: str, page: int, done: Any) -> None:
        """A page's image for a reader pane, rendered off the GUI thread (None when it cannot be)."""
        svc = self.svc
        if svc is None:
            done(None)
            return
        run_task(lambda: svc.page_image(doc_id, page), done, lambda _exc: done(None))

    def correct_date(self, side: int, doc_id: str, text: str) -> None:
        """Store the user's date for a document, then show it again and refresh the results."""
        svc = self.svc
        if svc is None:
            return

        def done(_doc: Any) -> None:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Date saved."), 4000)
            self.open_document(doc_id, side, quiet=True)
            self.search()

        def failed(exc: BaseException) -> None:
            self.report_error(QCoreApplication.translate("MainWindow", "Correct the date"), describe_error(exc))

        run_task(lambda: svc.correct(doc_id, date=text or None), done, failed)

    def _on_document_failed(self, side: int, exc: BaseException) -> None:
        message = describe_error(exc)
        self.report_error(QCoreApplication.translate("MainWindow", "Open document"), message)
        self.document_failed.emit(side, message)

    def _on_document_loaded(self, side: int, loaded: tuple[Any, list], query: str,
                            passage: tuple[int, int] | None) -> None:
        doc, spans = loaded
        pane = self.compare.pane(side)
        pane.set_document(doc, spans, query, first_hit=passage is None)
        if passage is not None:
            pane.show_passage(*passage)
        self.compare.set_active(side)
        self.compare.documents_changed()
        if side == 1 and self.splitter.sizes()[1] < 600:
            self.splitter.setSizes([380, max(600, self.width() - 380)])
        self._save_open_documents()
        # the hit stays in view once the new layout has run; then the document counts as opened
        self.compare.settle(side, lambda: self.document_opened.emit(side))

    def focus_pane(self, side: int) -> None:
        self.compare.set_active(side)
        self.compare.pane(side).focus_text()

    def zoom(self, step: int) -> None:
        size = self.compare.active_pane().font_size() + step
        for pane in self.compare.panes:
            pane.set_font_size(size)
        self.settings.font_size = size
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Text size {size} pt").format(size=int(size)), 2000)

    def _on_original_action(self, on: bool) -> None:
        for pane in self.compare.panes:
            pane.set_original(on)
