"""Matching articles per month or year as bars (issue 17), painted with QPainter (kept simple and
exact to test offscreen: the bar under a point is plain arithmetic). Counts come from
service.timeline; clicking a bar or dragging over several sets `date:A..B` in the query."""

from __future__ import annotations

import math
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
    MAX_BAR = 56.0

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
        bar = min(max(1.0, width - 2), self.MAX_BAR)  # wide slots: a slim bar centred in its slot
        return QRectF(self.MARGIN + i * width + (width - bar) / 2, self.height() - self.MARGIN - h, bar, h)

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
        text = self.palette().text().color()
        if not self.buckets:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dated articles"))
            p.end()
            return
        slot = (self.width() - 2 * self.MARGIN) / len(self.buckets)
        fm = p.fontMetrics()
        label_w = max(fm.horizontalAdvance(key) for key, _ in self.buckets) + 10
        step = max(1, math.ceil(label_w / slot)) if slot > 0 else 1
        base = self.height() - self.MARGIN
        p.setPen(QColor("#b8c4d2"))
        p.drawLine(QPointF(self.MARGIN, base + 0.5), QPointF(self.width() - self.MARGIN, base + 0.5))
        for i, (key, n) in enumerate(self.buckets):
            r = self.bar_rect(i)
            p.fillRect(r, QColor("#3b78c2"))
            p.setPen(text)
            if fm.horizontalAdvance(str(n)) + 4 <= slot:
                p.drawText(QRectF(r.center().x() - slot / 2, r.top() - fm.height() - 2, slot, fm.height()),
                           Qt.AlignmentFlag.AlignCenter, str(n))
            if i % step == 0:
                p.drawText(QRectF(r.center().x() - label_w / 2, base + 2, label_w, self.MARGIN - 2),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, key)
        p.end()
