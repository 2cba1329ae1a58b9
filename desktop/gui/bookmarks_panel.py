"""The bookmarks, grouped by city with counts.

A click selects; a double click or Enter opens the passage in the reader with it highlighted (in
the pane already showing its document, else the active one; the context menu picks left or right).
Notes and the city are editable; several can be selected (a city's heading selects all of its
bookmarks), exported, or removed (with Undo, Ctrl+Z).

Signals: open_requested(object bookmark, int side: -1 where it fits best, 0 left, 1 right),
export_requested(list bookmarks), changed(), removed(int count).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .workers import describe_error, run_task

BOOKMARK_ROLE = Qt.ItemDataRole.UserRole
CITY_ROLE = Qt.ItemDataRole.UserRole + 1


class BookmarksPanel(QWidget):
    open_requested = Signal(object, int)
    export_requested = Signal(list)
    changed = Signal()
    removed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: Any = None
        self.known_cities: list[str] = []
        self._bookmarks: list[Any] = []
        self.dialog: Any = None
        self._removed: list[Any] = []  # the last removal, for Undo

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Excerpt"), self.tr("Note")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(False)
        self.tree.setColumnWidth(0, 250)
        self.tree.itemActivated.connect(self._on_tree_activated)  # double click, Enter
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_menu)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setToolTip(self.tr("Put the removed bookmarks back (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_button.setVisible(False)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.undo_remove,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, activated=self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(self.tr("Export the selected bookmarks (all if none is selected)"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.selected() or self.bookmarks()))
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.remove_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ---- data ----
    def set_service(self, service: Any) -> None:
        self.service = service
        self.refresh()

    def bookmarks(self) -> list[Any]:
        return list(self._bookmarks)

    def refresh(self) -> None:
        """Reload from the store (off the GUI thread)."""
        svc = self.service
        if svc is None:
            return
        run_task(lambda: svc.bookmarks.list(), self._show, self._on_error, pool_name="write")

    def _show(self, bookmarks: list[Any]) -> None:
        self._bookmarks = list(bookmarks)
        selected = {b.id for b in self.selected()}
        collapsed = {self.tree.topLevelItem(i).data(0, CITY_ROLE) for i in range(self.tree.topLevelItemCount())
                     if not self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        groups: dict[str, list[Any]] = {}
        for b in bookmarks:
            groups.setdefault(b.city or "", []).append(b)
        order = [c for c in groups if c] + ([""] if "" in groups else [])
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for city in order:
            items = groups[city]
            head = QTreeWidgetItem([self.tr("{city} ({n})").format(city=city or self.tr("No city"), n=len(items))])
            head.setData(0, CITY_ROLE, city)
            head.setFont(0, bold)
            head.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(head)
            for b in items:
                child = QTreeWidgetItem([self._label(b), b.note.replace("\n", " ")])
                child.setData(0, BOOKMARK_ROLE, b)
                child.setToolTip(0, self._tooltip(b))
                child.setToolTip(1, b.note)
                if b.status == "orphan":
                    child.setForeground(0, QColor("#a04000"))
                head.addChild(child)
                if b.id in selected:
                    child.setSelected(True)
            head.setExpanded(city not in collapsed)
        orphans = sum(1 for b in bookmarks if b.status == "orphan")
        text = self.tr("{n} bookmarks in {c} cities").format(n=len(bookmarks), c=len([c for c in order if c]))
        if orphans:
            text += " · " + self.tr("{n} no longer found in their documents (kept, marked ⚠)").format(n=orphans)
        if not bookmarks:
            text = self.tr("No bookmarks yet. Select a passage in the reader and press Ctrl+D.")
        self.summary.setText(text)
        self._update_buttons()
        self.changed.emit()

    def _label(self, b: Any) -> str:
        mark = "⚠ " if b.status == "orphan" else ""
        if b.kind == "document":
            return mark + self.tr("[Whole] {title}").format(title=b.doc_title)
        quote = " ".join(b.quote.split())
        return mark + (quote[:60] + "…" if len(quote) > 60 else quote)

    def _tooltip(self, b: Any) -> str:
        lines = [b.quote[:400], "", f"《{b.doc_title}》"]
        if b.status == "orphan":
            lines.append(self.tr("This passage is no longer in its document; the saved quote is kept."))
        return "\n".join(lines)

    def selected(self) -> list[Any]:
        """Selected bookmarks; a selected city heading stands for all of its bookmarks."""
        out: dict[int, Any] = {}
        for item in self.tree.selectedItems():
            b = item.data(0, BOOKMARK_ROLE)
            if b is not None:
                out[b.id] = b
            else:
                for i in range(item.childCount()):
                    child = item.child(i).data(0, BOOKMARK_ROLE)
                    out[child.id] = child
        return [b for b in self._bookmarks if b.id in out]

    def city_order(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, CITY_ROLE) for i in range(self.tree.topLevelItemCount())]

    def find_item(self, bookmark_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                b = head.child(j).data(0, BOOKMARK_ROLE)
                if b is not None and b.id == bookmark_id:
                    return head.child(j)
        return None

    # ---- actions ----
    def _update_buttons(self) -> None:
        one = [i for i in self.tree.selectedItems() if i.data(0, BOOKMARK_ROLE) is not None]
        self.edit_button.setEnabled(len(one) == 1)
        self.remove_button.setEnabled(bool(self.selected()))
        self.export_button.setEnabled(bool(self._bookmarks))

    def _on_tree_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        b = item.data(0, BOOKMARK_ROLE)
        if b is not None:
            self.open_requested.emit(b, -1)

    def edit_selected(self) -> None:
        items = [i for i in self.tree.selectedItems() if i.data(0, BOOKMARK_ROLE) is not None]
        if len(items) != 1 or self.service is None:
            return
        from .bookmark_dialog import BookmarkDialog

        b = items[0].data(0, BOOKMARK_ROLE)
        dlg = BookmarkDialog(b.quote, f"《{b.doc_title}》", b.city, self.known_cities, b.note, editing=True,
                             parent=self)
        self.dialog = dlg
        svc = self.service

        def done(result: int) -> None:
            self.dialog = None
            self.window().activateWindow()
            if result != BookmarkDialog.DialogCode.Accepted:
                return
            city, note = dlg.values()
            run_task(lambda: svc.bookmarks.update(b.id, note=note, city=city), lambda _b: self.refresh(),
                     self._on_error, pool_name="write")

        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(done)
        dlg.open()

    def remove_selected(self) -> None:
        """Remove at once; Undo (the button, Ctrl+Z) puts them back as they were."""
        chosen = self.selected()
        if not chosen or self.service is None:
            return
        svc = self.service
        ids = [b.id for b in chosen]

        def remove() -> None:
            for i in ids:
                svc.bookmarks.remove(i)

        def done(_r: Any) -> None:
            self._removed = chosen
            self.undo_button.setVisible(True)
            self.refresh()
            self.removed.emit(len(chosen))

        run_task(remove, done, self._on_error, pool_name="write")

    def undo_remove(self) -> None:
        if not self._removed or self.service is None:
            return
        svc, back = self.service, self._removed
        self._removed = []
        self.undo_button.setVisible(False)
        run_task(lambda: svc.bookmarks.restore(back), lambda _r: self.refresh(), self._on_error, pool_name="write")

    def _on_tree_menu(self, pos: QPoint) -> None:
        if not self.tree.selectedItems():
            return
        menu = QMenu(self)
        open_left = menu.addAction(self.tr("Open on the left"))
        open_right = menu.addAction(self.tr("Open on the right (compare)"))
        edit = menu.addAction(self.tr("Edit note and city…"))
        export = menu.addAction(self.tr("Export selected…"))
        remove = menu.addAction(self.tr("Remove"))
        chosen = menu.exec(self.tree.viewport().mapToGlobal(pos))
        if chosen in (open_left, open_right):
            b = self.tree.currentItem().data(0, BOOKMARK_ROLE) if self.tree.currentItem() else None
            if b is not None:
                self.open_requested.emit(b, 0 if chosen is open_left else 1)
        elif chosen is edit:
            self.edit_selected()
        elif chosen is export:
            self.export_requested.emit(self.selected())
        elif chosen is remove:
            self.remove_selected()

    def _on_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Bookmarks"), describe_error(exc))
