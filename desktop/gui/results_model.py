"""The search hits as a Qt list model (one row per document found)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from . import style

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_MARK = re.compile(r"【(.*?)】", re.DOTALL)
_CIRCLED = {n: chr(0x2460 + n - 1) for n in range(1, 21)}


def snippet_html(snippet: str) -> str:
    """A snippet with its 【hits】 as highlighted rich text (everything else escaped)."""
    out, pos = [], 0
    for m in _MARK.finditer(snippet):
        out.append(escape_html(snippet[pos:m.start()]))
        out.append(f'<span style="{style.SNIPPET_MARK_HTML}">{escape_html(m.group(1))}</span>')
        pos = m.end()
    out.append(escape_html(snippet[pos:]))
    return "".join(out)


def series_text(series: str | None, number: int | None) -> str:
    if number is None:
        return series or ""
    return f"{series or ''}{_CIRCLED.get(number, f' {number}')}".strip()


class HitsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []
        self._html: dict[int, str] = {}
        self.match_label = "{n} matches"

    def set_hits(self, hits: list[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._html = {}
        self.endResetModel()

    def hits(self) -> list[Any]:
        return list(self._hits)

    def hit(self, row: int) -> Any:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            if index.row() not in self._html:
                self._html[index.row()] = self._render(hit)
            return self._html[index.row()]
        return None

    def _render(self, hit: Any) -> str:
        title = escape_html(hit.title or hit.path.rsplit("/", 1)[-1])
        facts = [x for x in (hit.city, hit.person, series_text(hit.series, hit.series_no)) if x]
        meta = " · ".join(escape_html(x) for x in facts)
        if hit.matches:
            count = escape_html(self.match_label.format(n=hit.matches))
            meta += (" · " if meta else "") + f'<span style="color:{style.ACCENT};">{count}</span>'
        parts = [f'<div style="font-size:11pt; font-weight:600; color:#1b1a18;">{title}</div>',
                 f'<div style="color:{style.MUTED}; font-size:9pt; margin-top:2px;">{meta}</div>']
        for s in hit.snippets[:3]:
            parts.append(f'<div style="color:#34312c; font-size:9.5pt; margin-top:3px;">{snippet_html(s)}</div>')
        return "".join(parts)
