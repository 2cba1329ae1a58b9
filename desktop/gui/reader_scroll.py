"""The reader pane's scrolling: where a cleaned offset lies, bringing one into view, and the
position the view is at (an anchor and how far past it), which compare mode and the session keep."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from .reader_text import match_anchor


class ReaderScrollMixin:
    """Mixed into ReaderPane (uses its text, anchors and offset mapping)."""

    def y_of(self, offset: int) -> int:
        """The document y of a cleaned offset (the scroll bar's units)."""
        cur = QTextCursor(self.text.document())
        cur.setPosition(self._qt_range(offset, offset)[0])
        return self.text.cursorRect(cur).top() + self.text.verticalScrollBar().value()

    def top_offset(self) -> int:
        cur = self.text.cursorForPosition(QPoint(20, 4))
        return self._cleaned_offset(self._u16.py(cur.position()))

    def scroll_to(self, offset: int, where: str = "top") -> None:
        bar = self.text.verticalScrollBar()
        y = self.y_of(offset)
        if where == "center":
            y -= self.text.viewport().height() // 3
        bar.setValue(max(0, y))
        if bar.value() > 0:  # never a line cut in half at the top: start at a line's top
            first = self.text.cursorRect(self.text.cursorForPosition(QPoint(4, 1))).top()
            if first < 0:
                bar.setValue(max(0, bar.value() + first))

    def reveal_current(self) -> None:
        """Bring the current hit (or the marked passage) into view again, after the layout changed
        (the pane was just shown or resized)."""
        if self.passage is not None:
            self.scroll_to(self.passage[0], where="center")
        elif 0 <= self.hit < len(self.spans):
            self.scroll_to(self.spans[self.hit][0], where="center")

    def position(self) -> tuple[tuple, float]:
        """Where the view is: the anchor at the top and how far past it (0..1)."""
        ys = self._anchor_ys()
        top = self.text.verticalScrollBar().value()
        k = max(0, bisect.bisect_right(ys, top) - 1)
        end = ys[k + 1] if k + 1 < len(ys) else self.text.document().size().height()
        frac = (top - ys[k]) / (end - ys[k]) if end > ys[k] else 0.0
        return self._anchors[k][0], min(max(frac, 0.0), 1.0)

    def set_position(self, key: tuple, frac: float) -> bool:
        i = match_anchor(key, self._anchors)
        if i is None:
            return False
        ys = self._anchor_ys()
        end = ys[i + 1] if i + 1 < len(ys) else self.text.document().size().height()
        self.text.verticalScrollBar().setValue(int(ys[i] + frac * (end - ys[i])))
        return True

    def _anchor_ys(self) -> list[int]:
        return [self.y_of(offset) if offset else 0 for _, offset in self._anchors]

    def scroll_fraction(self) -> float:
        bar = self.text.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 0.0

    def set_scroll_fraction(self, frac: float) -> None:
        bar = self.text.verticalScrollBar()
        bar.setValue(int(frac * bar.maximum()))

    def _on_text_scrolled(self, _value: int) -> None:
        self._update_page()
        self.scrolled.emit()
