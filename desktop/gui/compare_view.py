"""Two reader panes side by side, with compare mode and synchronized scrolling.

Compare mode aligns the panes by section and question: choosing a section or a question in one
pane's outline brings the matching one (same section label and question number, else the same
order) to the top of the other. With the lock on, scrolling one pane scrolls the other: in
compare mode section by section and question by question, otherwise proportionally.

Signals: pane_activated(int side)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSplitter, QToolButton, QVBoxLayout, QWidget

from . import diff_highlighter as dh
from .reader_view import ReaderPane


class CompareView(QWidget):
    pane_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panes = [ReaderPane(0, self), ReaderPane(1, self)]
        self.active = 0
        self._syncing = False

        self.compare_button = QToolButton(self)
        self.compare_button.setText(self.tr("Compare mode"))
        self.compare_button.setToolTip(self.tr("Align the two documents by section and question"))
        self.compare_button.setCheckable(True)
        self.compare_button.setChecked(True)
        self.compare_button.toggled.connect(self._on_compare_toggled)
        self.lock_button = QToolButton(self)
        self.lock_button.setText(self.tr("Lock scrolling"))
        self.lock_button.setToolTip(self.tr("Scroll both panes together"))
        self.lock_button.setCheckable(True)
        self.lock_button.toggled.connect(self._on_lock_toggled)
        self.diff_button = QToolButton(self)
        self.diff_button.setText(self.tr("Differences"))
        self.diff_button.setToolTip(self.tr("Mark what differs between the two documents, character by character"))
        self.diff_button.setCheckable(True)
        self.diff_button.toggled.connect(self.set_diff)
        self.diff_result: Any = None
        self.export_diff_button = QToolButton(self)
        self.export_diff_button.setText(self.tr("Export differences…"))
        self.export_diff_button.setToolTip(self.tr("Save the marked differences as Markdown or HTML"))
        self.export_diff_button.setEnabled(False)
        self.export_diff_button.clicked.connect(self.export_diff_dialog)
        self.service: Any = None  # the ArchiveService (set by the main window): export_diff
        self.last_error = ""
        self.swap_button = QToolButton(self)
        self.swap_button.setText(self.tr("Swap"))
        self.swap_button.setToolTip(self.tr("Swap the left and right documents"))
        self.swap_button.clicked.connect(self.swap)
        self.close_right_button = QToolButton(self)
        self.close_right_button.setText(self.tr("Close right"))
        self.close_right_button.setToolTip(self.tr("Close the right pane"))
        self.close_right_button.clicked.connect(self.close_right)
        self.caption = QLabel(self)
        self.caption.setObjectName("summary")

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(self.caption, 1)
        for b in (self.compare_button, self.lock_button, self.diff_button, self.export_diff_button,
                  self.swap_button, self.close_right_button):
            bar.addWidget(b)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in self.panes:
            self.splitter.addWidget(pane)
            pane.activated.connect(lambda side=pane.side: self.set_active(side))
            pane.outline_chosen.connect(lambda key, side=pane.side: self._on_outline_chosen(side, key))
            pane.scrolled.connect(lambda side=pane.side: self._on_pane_scrolled(side))
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.set_active(0)
        self._update_caption()

    # ---- state ----
    @property
    def compare_mode(self) -> bool:
        return self.compare_button.isChecked()

    def set_compare_mode(self, on: bool) -> None:
        self.compare_button.setChecked(on)

    @property
    def locked(self) -> bool:
        return self.lock_button.isChecked()

    def set_locked(self, on: bool) -> None:
        self.lock_button.setChecked(on)

    def pane(self, side: int) -> ReaderPane:
        return self.panes[side]

    def active_pane(self) -> ReaderPane:
        return self.panes[self.active]

    def set_active(self, side: int) -> None:
        changed = side != self.active
        self.active = side
        for p in self.panes:
            p.set_active(p.side == side and self.panes[1].has_document())
        if changed:
            self.pane_activated.emit(side)

    def documents_changed(self) -> None:
        """Call after a pane got (or lost) a document: the right pane shows only with one."""
        both = all(p.has_document() for p in self.panes)
        was_hidden = self.panes[1].isHidden()
        self.panes[1].setVisible(self.panes[1].has_document())
        if was_hidden and not self.panes[1].isHidden():
            half = max(self.splitter.width(), 2) // 2
            self.splitter.setSizes([half, half])  # a newly opened right pane gets half
        for b in (self.compare_button, self.lock_button, self.diff_button, self.export_diff_button,
                  self.swap_button, self.close_right_button):
            b.setVisible(both)
        self.set_active(self.active)
        self._refresh_diff()
        self._update_caption()

    def _update_caption(self) -> None:
        both = all(p.has_document() for p in self.panes)
        if both and self.diff_result is not None:
            self.caption.setText(self.diff_summary(self.diff_result.summary()))
        elif both:
            self.caption.setText(self.tr("Two documents side by side"))
        elif self.panes[0].has_document():
            self.caption.setText(self.tr("Ctrl+Enter on a result opens it on the right"))
        else:
            self.caption.setText("")

    def swap(self) -> None:
        a, b = self.panes
        docs = [(p.doc, p.spans, p.query) for p in self.panes]
        for p, (doc, spans, query) in zip((a, b), reversed(docs)):
            if doc is None:
                p.clear()
            else:
                p.set_document(doc, spans, query)
        self.documents_changed()

    def close_right(self) -> None:
        self.panes[1].clear()
        self.set_active(0)
        self.documents_changed()

    # ---- alignment ----
    def _on_outline_chosen(self, side: int, key: tuple) -> None:
        other = self.panes[1 - side]
        if self.compare_mode and other.has_document():
            self._syncing = True
            try:
                other.goto_key(key)
            finally:
                self._syncing = False

    def align_on_hit(self, side: int = 0) -> None:
        """Bring the question (or section) holding this pane's current hit to the top of both panes."""
        pane = self.panes[side]
        if not pane.has_document():
            return
        offset = pane.spans[pane.hit][0] if 0 <= pane.hit < len(pane.spans) else pane.top_offset()
        key = pane.anchor_at(offset)
        if key[0] == "question" and key[2] == 1 and key[1]:
            # the first question sits right under its section's heading: show the heading too
            key = next((k for k, _ in pane.anchors() if k[0] == "section" and k[1] == key[1]), key)
        pane.goto_key(key)
        self._on_outline_chosen(side, key)

    def settle(self, side: int, then: Any = None) -> None:
        """A pane just got a document (and may just have been shown): once the layout has run, show
        its hit or passage again; until then the other pane's layout changes do not scroll it."""
        self._syncing = True

        def done() -> None:
            try:
                self.panes[side].reveal_current()
            finally:
                self._syncing = False
            if then is not None:
                then()

        QTimer.singleShot(0, done)

    def _on_pane_scrolled(self, side: int) -> None:
        if self._syncing or not self.locked:
            return
        source, other = self.panes[side], self.panes[1 - side]
        if not (source.has_document() and other.has_document()):
            return
        self._syncing = True
        try:
            if self.diff_result is not None:
                self._sync_by_blocks(side)
            elif self.compare_mode:
                key, frac = source.position()
                if not other.set_position(key, frac):
                    other.set_scroll_fraction(source.scroll_fraction())
            else:
                other.set_scroll_fraction(source.scroll_fraction())
        finally:
            self._syncing = False

    def _on_compare_toggled(self, on: bool) -> None:
        if on and self.locked:
            self._on_pane_scrolled(self.active)

    def _on_lock_toggled(self, on: bool) -> None:
        if on:
            self._on_pane_scrolled(self.active)

    # ---- the diff (issue 14) ----
    @property
    def diff_on(self) -> bool:
        return self.diff_button.isChecked()

    def set_diff(self, on: bool) -> None:
        """Mark the character-level differences of the two documents (and align scrolling by them)."""
        if self.diff_button.isChecked() != on:
            self.diff_button.setChecked(on)  # comes back here through toggled
            return
        self._refresh_diff()
        self._update_caption()

    def _refresh_diff(self) -> None:
        from desktop.core.service import diff_texts

        a, b = self.panes
        self.diff_result = None
        if self.diff_on and a.has_document() and b.has_document():
            self.diff_result = diff_texts(a.doc.text, b.doc.text)
        self.export_diff_button.setEnabled(self.diff_result is not None)
        for p in self.panes:  # the pane keeps them through its own redraws (F3, new hits)
            p.set_extra_marks(dh.diff_marks(self.diff_result, p.side) if self.diff_result is not None else [])
        if self.diff_result is None:
            return
        if self.locked:
            self._on_pane_scrolled(self.active)

    def export_diff_dialog(self) -> None:
        from .file_dialogs import save_file

        if self.diff_result is None:
            return
        path = save_file(self, self.tr("Export differences"), "diff.md",
                         self.tr("Markdown (*.md);;HTML (*.html)"))
        if path:
            self.export_diff_to(path)

    def export_diff_to(self, path: str) -> bool:
        """Write the current diff to path (.md or .html); a plain message box when that fails."""
        from desktop.core.errors import ArchiveError

        from .workers import describe_error

        self.last_error = ""
        if self.diff_result is None or self.service is None:
            return False
        a, b = self.panes
        try:
            self.service.export_diff(self.diff_result, path, a.doc.meta.title or a.doc.path,
                                     b.doc.meta.title or b.doc.path, self.diff_summary(self.diff_result.summary()))
        except (ArchiveError, OSError) as exc:  # ExportError too: a sentence, never a traceback
            self.last_error = describe_error(exc)
            QMessageBox(QMessageBox.Icon.Warning, self.tr("Export differences"), self.last_error,
                        QMessageBox.StandardButton.Ok, self).open()
            return False
        return True

    def diff_summary(self, s: dict) -> str:
        """相同 93%, 改动 5 处, 删去一节 (OCR and spacing counted apart)."""
        parts = [self.tr("%1% the same").replace("%1", f"{s['similarity']:.0f}"),
                 self.tr("%1 change(s)").replace("%1", str(s["edits"]))]
        if s["sections_deleted"]:
            parts.append(self.tr("%1 section(s) cut").replace("%1", str(s["sections_deleted"])))
        if s["sections_inserted"]:
            parts.append(self.tr("%1 section(s) added").replace("%1", str(s["sections_inserted"])))
        if s["ocr"]:
            parts.append(self.tr("%1 likely OCR error(s)").replace("%1", str(s["ocr"])))
        if s["space"]:
            parts.append(self.tr("%1 spacing difference(s)").replace("%1", str(s["space"])))
        return ", ".join(parts)

    def _paragraph_ys(self, pane: ReaderPane) -> tuple[list[float], float]:
        starts = dh.paragraph_starts(pane.doc.text)
        return [pane.y_of(s) for s in starts], pane.text.document().size().height()

    def _sync_by_blocks(self, side: int) -> None:
        source, other = self.panes[side], self.panes[1 - side]
        ys_src, end_src = self._paragraph_ys(source)
        ys_dst, end_dst = self._paragraph_ys(other)
        y = source.text.verticalScrollBar().value()
        z = dh.aligned_y(y, ys_src, end_src, ys_dst, end_dst, self.diff_result.blocks, side)
        other.text.verticalScrollBar().setValue(int(z))
