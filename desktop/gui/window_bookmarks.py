"""The main window's bookmarking: the bookmark dialog, opening a bookmark, the export dialog."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from .workers import describe_error, run_task

log = logging.getLogger(__name__)


class BookmarksMixin:
    """Mixed into MainWindow (uses its widgets and services). Its strings keep the MainWindow
    translation context: tr() at run time takes the instance's class name."""

    # ---- bookmarks ----
    def request_bookmark(self, side: int, start: int, end: int) -> None:
        pane = self.compare.pane(side)
        doc, svc = pane.doc, self.svc
        if doc is None or svc is None:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Open a document first."), 4000)
            return
        from .bookmark_dialog import BookmarkDialog

        whole = start < 0
        quote = doc.meta.title if whole else doc.text[start:end]
        citation = pane.citation(None if whole else start)
        cities = [c.city for c in self.archive.get("cities", [])]
        dlg = BookmarkDialog(quote, citation, doc.meta.city, cities, parent=self)
        if whole:
            dlg.setWindowTitle(QCoreApplication.translate("MainWindow", "Bookmark whole document"))
        self.bookmark_dialog = dlg

        def done(result: int) -> None:
            self.bookmark_dialog = None
            self.activateWindow()  # give the keyboard back to the window (offscreen has no window manager)
            if result != BookmarkDialog.DialogCode.Accepted:
                return
            city, note = dlg.values()
            if whole:
                job = lambda: svc.bookmarks.add_document(doc, city=city, note=note)
            else:
                job = lambda: svc.bookmarks.add_passage(doc, start, end, city=city, note=note)
            run_task(
                job,
                self._on_bookmark_saved,
                lambda exc: self.report_error(
                    QCoreApplication.translate("MainWindow", "Bookmark"), describe_error(exc)
                ),
                pool_name="write",
            )

        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(done)
        dlg.open()

    def _on_bookmark_saved(self, bookmark: Any) -> None:
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Bookmarked under {city}").format(
                city=bookmark.city or QCoreApplication.translate("MainWindow", "No city")
            ),
            5000,
        )
        self.bookmarks_panel.refresh()
        self.bookmark_added.emit(bookmark)

    def open_bookmark(self, bookmark: Any, side: int = -1) -> None:
        """Show a bookmark's passage: in the pane already showing its document (never a second copy
        beside it), else in `side`, else in the active pane."""
        passage = None
        if bookmark.kind == "passage" and bookmark.status != "orphan" and bookmark.start is not None:
            passage = (bookmark.start, bookmark.end)
        showing = [
            i for i in (0, 1) if self.compare.pane(i).doc is not None and self.compare.pane(i).doc.id == bookmark.doc_id
        ]
        if side < 0 and showing:
            side = showing[0]
        elif side < 0:
            side = self.compare.active if self.compare.pane(1).has_document() else 0
        self.open_document(bookmark.doc_id, side, passage)

    def _update_bookmarks_tab(self) -> None:
        n = len(self.bookmarks_panel.bookmarks())
        self.sidebar.setTabText(
            1,
            QCoreApplication.translate("MainWindow", "Bookmarks ({n})").format(n=n)
            if n
            else QCoreApplication.translate("MainWindow", "Bookmarks"),
        )

    def show_export(self, selected: list[Any] | None = None) -> None:
        if self.svc is None:
            return
        from .export_dialog import ExportDialog

        if selected is None:
            selected = self.bookmarks_panel.selected()
        hits = [h for h in (self.result.hits if self.result is not None and self.result.query else [])]
        dlg = ExportDialog(
            self.svc,
            selected=selected,
            bookmarks=self.bookmarks_panel.bookmarks(),
            hits=hits,
            query=self.search_panel.query(),
            city_order=self.bookmarks_panel.city_order(),
            parent=self,
        )
        dlg.saved.connect(
            lambda path: self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Exported to {path}").format(path=path), 8000
            )
        )
        self.export_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._on_export_dialog_finished)
        dlg.open()

    def _on_export_dialog_finished(self, _result: int) -> None:
        self.export_dialog = None
        self.activateWindow()
