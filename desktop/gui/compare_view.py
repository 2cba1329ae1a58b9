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
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

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
        for b in (self.compare_button, self.lock_button, self.swap_button, self.close_right_button):
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
        for b in (self.compare_button, self.lock_button, self.swap_button, self.close_right_button):
            b.setVisible(both)
        self.set_active(self.active)
        self._update_caption()

    def _update_caption(self) -> None:
        both = all(p.has_document() for p in self.panes)
        if both:
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
            if self.compare_mode:
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
