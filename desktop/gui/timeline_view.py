"""Matching articles per month or year as bars (issue 17), painted with QPainter (kept simple and
exact to test offscreen: the bar under a point is plain arithmetic). Counts come from
service.timeline; clicking a bar or dragging over several sets `date:A..B` in the query."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

_DATE_TERM = re.compile(r"(?:^|\s)(?:date|日期)[:：]\S*")


def with_date_filter(query: str, start: str, end: str) -> str:
    """The query with its date: filter (if any) replaced by date:start..end (date:start for one bucket)."""
    rest = _DATE_TERM.sub(" ", query).strip()
    term = f"date:{start}" if start == end else f"date:{start}..{end}"
    return f"{rest} {term}".strip()


class TimelineView(QWidget):
    """Bars of (bucket, count); emits queryChanged(new query) when a span is chosen."""

    queryChanged = Signal(str)
    MARGIN = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buckets: list[tuple[str, int]] = []
        self.query = ""
        self._press: int | None = None
        self._hover: tuple[int, int] | None = None
        self.setMinimumHeight(140)
        self.setMouseTracking(True)

    def set_timeline(self, query: str, timeline: dict[str, Any]) -> None:
        self.query = query
        self.buckets = list(timeline.get("buckets", []))
        self.setToolTip(self.tr("Articles without a date: {n}").format(n=timeline.get("undated", 0)))
        self.update()

    def bar_at(self, x: float) -> int | None:
        if not self.buckets:
            return None
        width = (self.width() - 2 * self.MARGIN) / len(self.buckets)
        i = int((x - self.MARGIN) // width) if width > 0 else -1
        return i if 0 <= i < len(self.buckets) else None

    def bar_rect(self, i: int) -> QRectF:
        top = max((n for _, n in self.buckets), default=1) or 1
        width = (self.width() - 2 * self.MARGIN) / len(self.buckets)
        h = (self.height() - 2 * self.MARGIN) * self.buckets[i][1] / top
        return QRectF(self.MARGIN + i * width + 1, self.height() - self.MARGIN - h, max(1.0, width - 2), h)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = self.bar_at(event.position().x())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        end = self.bar_at(event.position().x())
        if self._press is None or end is None:
            self._press = None
            return
        a, b = sorted((self._press, end))
        self._press = None
        self.queryChanged.emit(with_date_filter(self.query, self.buckets[a][0], self.buckets[b][0]))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if not self.buckets:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dated articles"))
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = max(1, len(self.buckets) // 8)
        for i, (key, n) in enumerate(self.buckets):
            r = self.bar_rect(i)
            p.fillRect(r, QColor("#3b78c2"))
            if i % step == 0:
                p.drawText(QPointF(r.left(), self.height() - 6), key)
        p.end()
