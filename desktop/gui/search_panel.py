"""The search box (recent queries, syntax help) and the filters beside the results.

Typing searches after a short pause (debounced); Enter searches at once and remembers the query.
Filters: cities with their document counts (click to filter), person, series; the sort order.

Signals: search_requested() — the query or a filter changed (read `params()`);
query_committed(str) — the user pressed Enter or picked a recent query;
move_to_results() — Down was pressed in the box.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DEBOUNCE_MS = 150
SORTS = ("relevance", "city", "series", "date", "-date")


class SyntaxHelp(QFrame):
    """A small popup explaining the query language."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("SyntaxHelp { background: #fffdf8; border: 1px solid #c9c3b6; }")
        label = QLabel(self._html())
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setMinimumWidth(470)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(label)

    def _html(self) -> str:
        rows = [
            ("劳模工匠", self.tr("every document containing these exact characters")),
            ("劳模 工匠", self.tr("both words (AND)")),
            ("\"广东 工会\"", self.tr("an exact phrase")),
            ("劳模 OR 工匠", self.tr("either word")),
            ("工会 -茂名", self.tr("leave out documents with a word")),
            ("city:茂名 / 城市:茂名", self.tr("only one city (also person: title: series:)")),
        ]
        body = "".join(f"<tr><td style='padding:3px 12px 3px 0;'><code>{q}</code></td><td>{d}</td></tr>"
                       for q, d in rows)
        title = self.tr("Search syntax")
        tip = self.tr("Spaces and OCR breaks inside words are ignored; results update as you type.")
        return f"<b>{title}</b><table style='margin-top:6px;'>{body}</table><p style='color:#66615a;'>{tip}</p>"


class SearchPanel(QWidget):
    search_requested = Signal()
    query_committed = Signal(str)
    move_to_results = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self._last_commit: tuple[str, float] = ("", 0.0)

        self.box = QComboBox(self)
        self.box.setObjectName("searchBox")
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setMaxVisibleItems(15)
        self.box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.box.lineEdit().setPlaceholderText(self.tr("Search the full text, e.g. 劳模工匠"))
        self.box.lineEdit().setClearButtonEnabled(True)
        self.box.lineEdit().textEdited.connect(self._on_box_edited)
        self.box.lineEdit().returnPressed.connect(self._on_box_return)
        self.box.activated.connect(self._on_box_activated)
        self.box.lineEdit().installEventFilter(self)
        self.box.setToolTip(self.tr("Ctrl+F"))

        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setToolTip(self.tr("Search syntax"))
        self.help_button.clicked.connect(self.show_help)

        self.cities = QListWidget(self)
        self.cities.setObjectName("cityChips")
        self.cities.setFlow(QListView.Flow.LeftToRight)
        self.cities.setWrapping(True)
        self.cities.setResizeMode(QListView.ResizeMode.Adjust)
        self.cities.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cities.setSpacing(1)
        self.cities.setMaximumHeight(66)
        self.cities.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.cities.itemClicked.connect(self._on_cities_clicked)
        self.cities.setToolTip(self.tr("Click a city to show only its documents"))

        self.person = QComboBox(self)
        self.series = QComboBox(self)
        self.sort = QComboBox(self)
        for value, label in zip(SORTS, (self.tr("By relevance"), self.tr("By city"), self.tr("By series number"),
                                           self.tr("Oldest first"), self.tr("Newest first"))):
            self.sort.addItem(label, value)
        for combo in (self.person, self.series, self.sort):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_filter_changed)

        self.each_version = QCheckBox(self.tr("Show every version separately"), self)
        self.each_version.setToolTip(self.tr("Copies of one story (reprints, OCR runs) are one row unless this is on"))

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_requested)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 1)
        row.addWidget(self.help_button)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.person, 1)
        filters.addWidget(self.series, 1)
        filters.addWidget(self.sort, 1)
        filters.addWidget(self.each_version)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.cities)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        self.set_facets([], 0, [], [])

    # ---- reading and setting ----
    def params(self) -> dict[str, Any]:
        city_item = self.cities.currentItem()
        return {
            "query": self.box.currentText().strip(),
            "city": city_item.data(Qt.ItemDataRole.UserRole) if city_item is not None else None,
            "person": self.person.currentData(),
            "series": self.series.currentData(),
            "sort": self.sort.currentData() or "relevance",
        }

    def query(self) -> str:
        return self.box.currentText().strip()

    def set_query(self, text: str, *, search: bool = True) -> None:
        self.box.setEditText(text)
        if search:
            self._timer.stop()
            self.search_requested.emit()

    def search_now(self) -> None:
        self._timer.stop()
        self.search_requested.emit()

    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.lineEdit().selectAll()

    def set_recent(self, queries: list[str]) -> None:
        text = self.box.currentText()
        self._updating = True
        self.box.clear()
        self.box.addItems(queries)
        self.box.setEditText(text)
        self._updating = False

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def select_city(self, city: str | None) -> None:
        for i in range(self.cities.count()):
            item = self.cities.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == city:
                self.cities.setCurrentItem(item)
                self.search_now()
                return

    def set_facets(self, cities: list[Any], total: int, persons: list[tuple[str, int]],
                   series: list[tuple[str, int]]) -> None:
        """Cities (CityCount) with counts, people and series, keeping the current choices."""
        self._updating = True
        current = self.params()
        self.cities.clear()
        everything = QListWidgetItem(self.tr("All cities  {n}").format(n=total))
        everything.setData(Qt.ItemDataRole.UserRole, None)
        self.cities.addItem(everything)
        chosen = everything
        for c in cities:
            item = QListWidgetItem(f"{c.city}  {c.count}")
            item.setData(Qt.ItemDataRole.UserRole, c.city)
            self.cities.addItem(item)
            if c.city == current["city"]:
                chosen = item
        self.cities.setCurrentItem(chosen)
        for combo, values, everyone, key in ((self.person, persons, self.tr("All people"), "person"),
                                             (self.series, series, self.tr("All series"), "series")):
            combo.clear()
            combo.addItem(everyone, None)
            for value, count in values:
                combo.addItem(f"{value} ({count})", str(value))
            i = combo.findData(current[key]) if current[key] is not None else 0
            combo.setCurrentIndex(max(i, 0))
        self._updating = False

    def show_help(self) -> None:
        popup = SyntaxHelp(self)
        popup.adjustSize()
        popup.move(self.help_button.mapToGlobal(QPoint(self.help_button.width() - popup.width(),
                                                       self.help_button.height())))
        popup.show()

    # ---- events ----
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.box.lineEdit() and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and not event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.move_to_results.emit()
            return True
        return super().eventFilter(obj, event)

    def _on_box_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_box_return(self) -> None:
        # Enter on a query already in the drop-down also fires `activated`: act once
        now = time.monotonic()
        if self._last_commit[0] == self.query() and now - self._last_commit[1] < 0.3:
            return
        self._last_commit = (self.query(), now)
        self.search_now()
        if self.query():
            self.query_committed.emit(self.query())

    def _on_box_activated(self, _index: int) -> None:
        if not self._updating:
            self._on_box_return()

    def _on_cities_clicked(self, _item: QListWidgetItem) -> None:
        self.search_now()

    def _on_filter_changed(self, _index: int) -> None:
        if not self._updating:
            self.search_now()
