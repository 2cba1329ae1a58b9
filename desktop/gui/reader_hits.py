"""The reader pane's offsets and highlights: cleaned offsets <-> what is shown (the original text
maps through `Document.original_range`), the selection, the hits with F3, a bookmarked passage."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from . import style

MAX_MARKED = 4000  # hits highlighted at once (all are still reachable with F3)


class ReaderHitsMixin:
    """Mixed into ReaderPane (uses its document, text and hit label). Its strings keep the
    ReaderPane translation context."""

    # ---- offsets ----
    def _display_range(self, start: int, end: int) -> tuple[int, int]:
        if self.show_original and self.doc is not None:
            return self.doc.original_range(start, end)
        return start, end

    def _qt_range(self, start: int, end: int) -> tuple[int, int]:
        s, e = self._display_range(start, end)
        return self._u16.qt(s), self._u16.qt(e)

    def _cleaned_offset(self, display_offset: int) -> int:
        if not (self.show_original and self.doc is not None and self.doc.to_original):
            return display_offset
        return max(0, bisect.bisect_right(self.doc.to_original, display_offset) - 1)

    def selection_range(self) -> tuple[int, int] | None:
        """The selected passage as a cleaned-text range, trimmed of surrounding blanks."""
        if self.doc is None:
            return None
        cur = self.text.textCursor()
        if not cur.hasSelection():
            return None
        ds, de = self._u16.py(cur.selectionStart()), self._u16.py(cur.selectionEnd())
        if self.show_original:
            s = self._cleaned_offset(ds)
            e = self._cleaned_offset(max(ds, de - 1)) + 1
        else:
            s, e = ds, de
        text = self.doc.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return (s, e) if e > s else None

    def select_range(self, start: int, end: int) -> None:
        s, e = self._qt_range(start, end)
        cur = QTextCursor(self.text.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cur)

    # ---- highlights and hits ----
    def _apply_highlights(self) -> None:
        sels = []
        for i, (s, e) in enumerate(self.spans[:MAX_MARKED]):
            sels.append(self._selection(s, e, style.HIT))
        if self.passage is not None:
            sels.append(self._selection(*self.passage, style.PASSAGE))
        for s, e, fmt in self.extra_marks:
            sel = self._selection(s, e, None)
            sel.format = fmt
            sels.append(sel)
        if 0 <= self.hit < len(self.spans):
            sels.append(self._selection(*self.spans[self.hit], style.CURRENT_HIT))
        self.text.setExtraSelections(sels)

    def set_extra_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Marks kept through every redraw of the highlights (hits, F3, set_spans); [] removes them."""
        self.extra_marks = list(marks)
        if self.doc is not None:
            self._apply_highlights()

    def _selection(self, start: int, end: int, color) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        s, e = self._qt_range(start, end)
        cur = QTextCursor(self.text.document())
        cur.setPosition(s)
        cur.setPosition(max(s, e), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        if color is not None:
            sel.format.setBackground(color)
        return sel

    def hit_text(self) -> str:
        if not self.spans:
            return QCoreApplication.translate("ReaderPane", "No hits") if self.query and self.doc is not None else ""
        if self.hit < 0:
            return QCoreApplication.translate("ReaderPane", "{n} hits").format(n=len(self.spans))
        return QCoreApplication.translate("ReaderPane", "Hit {i} of {n}").format(i=self.hit + 1, n=len(self.spans))

    def _update_hit_label(self) -> None:
        self.hit_label.setText(self.hit_text())
        for b in (self.prev_button, self.next_button):
            b.setEnabled(bool(self.spans))

    def goto_hit(self, i: int) -> None:
        if not self.spans:
            return
        self.hit = i % len(self.spans)
        s, e = self.spans[self.hit]
        self._apply_highlights()
        self.scroll_to(s, where="center")
        cur = QTextCursor(self.text.document())
        cur.setPosition(self._qt_range(s, e)[0])
        self.text.setTextCursor(cur)
        self._update_hit_label()

    def next_hit(self) -> None:
        self.goto_hit(self.hit + 1)

    def prev_hit(self) -> None:
        self.goto_hit(self.hit - 1 if self.hit >= 0 else -1)

    def show_passage(self, start: int, end: int) -> None:
        """Mark a bookmarked passage, select it and bring it into view."""
        n = len(self.doc.text) if self.doc is not None else 0
        start, end = max(0, min(start, n)), max(0, min(end, n))
        self.passage = (start, end)
        self._apply_highlights()
        self.select_range(start, end)
        self.scroll_to(start, where="center")
