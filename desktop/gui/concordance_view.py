"""The Concordance tab: every hit of a query in context (KWIC), sortable by header, counts by city
and by month beside it; double-click opens the reader at the hit; export to CSV or XLSX."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSpinBox, QSplitter, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from desktop.gui.concordance_model import CHUNK, SORT_KEYS, ConcordanceModel
from desktop.gui.workers import describe_error, run_task


class _ElideLeft(QStyledItemDelegate):
    """The left context keeps the characters next to the hit when the column is narrow."""

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ConcordanceView(QWidget):
    open_requested = Signal(str, int, int)  # document id, start, end (cleaned text)
    finished = Signal()

    def __init__(self, service_getter, parent=None):
        super().__init__(parent)
        self._svc = service_getter
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Query, e.g. 工会"))
        self.width_box = QSpinBox(self)
        self.width_box.setRange(5, 200)
        self.width_box.setValue(30)
        self.width_box.setPrefix(self.tr("Context: "))
        self.run_button = QPushButton(self.tr("Concordance"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.status = QLabel(self)
        top = QHBoxLayout()
        for w in (self.query, self.width_box, self.run_button, self.export_button):
            top.addWidget(w)
        self.model = ConcordanceModel(self)
        self.model.headers = [self.tr("Left"), self.tr("Hit"), self.tr("Right"), self.tr("Title"), self.tr("City"), self.tr("Date")]
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionsClickable(True)
        head.sectionClicked.connect(self._on_header)
        for col, w in enumerate((260, 60, 260, 200, 70, 90)):
            self.table.setColumnWidth(col, w)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._left_delegate = _ElideLeft(self.table)
        self.table.setItemDelegateForColumn(0, self._left_delegate)
        self.counts = QPlainTextEdit(self)
        self.counts.setReadOnly(True)
        self.counts.setMaximumWidth(220)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(self.counts)
        split.setStretchFactor(0, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(split, 1)
        box.addWidget(self.status)
        self.query.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.width_box.editingFinished.connect(lambda: self.run() if self.model.conc is not None else None)
        self.export_button.clicked.connect(self._ask_export)
        self.table.doubleClicked.connect(self._on_double_click)
        self.sort_key = "right"

    def run(self, query: str | None = None) -> None:
        svc = self._svc()
        if query is not None:
            self.query.setText(query)
        text = self.query.text().strip()
        if svc is None or not text:
            return
        width, key = self.width_box.value(), self.sort_key
        self.status.setText(self.tr("Searching…"))

        def work():
            conc = svc.concordance(text, width=width, sort=key)
            return conc, conc.rows(0, CHUNK), conc.by_city(), conc.by_month()

        run_task(work, self._on_done, self._on_error)

    def _on_done(self, result) -> None:
        conc, first, cities, months = result
        self.model.set_concordance(conc, first)
        lines = [self.tr("By city")] + [f"{c or '—'}\t{n}" for c, n in cities.items()]
        lines += ["", self.tr("By month")] + [f"{m or '—'}\t{n}" for m, n in months.items()]
        self.counts.setPlainText("\n".join(lines))
        self.status.setText(conc.message if conc.message and not conc.total
                            else self.tr("{n} hits in {d} documents").format(n=conc.total, d=len(conc.per_doc)))
        self.finished.emit()

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText(describe_error(exc))
        self.finished.emit()

    def _on_header(self, section: int) -> None:
        key = SORT_KEYS.get(section)
        conc = self.model.conc
        if key is None or conc is None:
            return
        self.sort_key = key

        def work():
            conc.sort_by(key)
            return conc.rows(0, CHUNK)

        run_task(work, lambda first: (self.model.resort(key, first), self.finished.emit()), self._on_error)

    def _on_double_click(self, index) -> None:
        if index.isValid():
            row = self.model.row(index.row())
            self.open_requested.emit(row["id"], row["start"], row["end"])

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export concordance"), "concordance.csv",
                                              self.tr("CSV (*.csv);;Excel (*.xlsx);;Markdown (*.md);;Word (*.docx);;PDF (*.pdf);;HTML (*.html);;Text (*.txt)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> Any:
        conc, svc = self.model.conc, self._svc()
        if conc is None or svc is None:
            return None
        try:
            out = svc.export_concordance(conc.rows(0, None), path)
        except Exception as exc:  # a plain message, never a traceback
            self.status.setText(describe_error(exc))
            return None
        self.status.setText(self.tr("Wrote {n} rows to {path}").format(n=conc.total, path=str(out)))
        return out
