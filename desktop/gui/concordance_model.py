"""The concordance rows as a virtual table: the row source (service.concordance) holds every hit;
contexts are fetched in chunks as the view scrolls (canFetchMore / fetchMore)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

COLUMNS = ("left", "hit", "right", "title", "city", "date")
SORT_KEYS = {0: "left", 2: "right", 3: "title", 4: "city", 5: "date"}
CHUNK = 200


class ConcordanceModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.conc: Any = None
        self._rows: list[dict[str, Any]] = []
        self.headers = list(COLUMNS)

    def set_concordance(self, conc: Any, first: list[dict[str, Any]] | None = None) -> None:
        self.beginResetModel()
        self.conc = conc
        self._rows = list(first) if first is not None else (conc.rows(0, CHUNK) if conc is not None else [])
        self.endResetModel()

    def resort(self, key: str, first: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(first)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.conc is not None and len(self._rows) < self.conc.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        lo = len(self._rows)
        more = self.conc.rows(lo, lo + CHUNK)
        if not more:
            return
        self.beginInsertRows(QModelIndex(), lo, lo + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(col)
            return " ".join(str(value).split()) if col in ("left", "right", "hit") and value else (value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == "left":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == "hit":
                return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['title']} · {row.get('city') or ''} {row.get('date') or ''}"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
