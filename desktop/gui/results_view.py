"""The results list: each hit drawn as rich text (title, city, person, match count, snippets).

Keys: Up/Down move, Enter opens in the left pane, Ctrl+Enter in the right one; double-click
opens left; the context menu offers both.

Signals: open_requested(object hit, int side) — side 0 is the left pane, 1 the right.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from . import style
from .results_model import HIT_ROLE, HTML_ROLE

PAD_X, PAD_Y = 10, 7


class HitDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._doc = QTextDocument()
        self._doc.setDefaultFont(style.ui_font(10))
        self._doc.setDocumentMargin(0)

    def _layout(self, index: QModelIndex, width: int) -> QTextDocument:
        self._doc.setHtml(index.data(HTML_ROLE) or "")
        self._doc.setTextWidth(max(80, width - 2 * PAD_X))
        return self._doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = self._view.viewport().width()
        doc = self._layout(index, width)
        return QSize(width, int(doc.size().height()) + 2 * PAD_Y + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, QColor("#dbe8f6"))
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), QColor(style.ACCENT))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f6f3ee"))
        painter.setPen(QColor("#ebe7df"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        doc = self._layout(index, rect.width())
        painter.translate(rect.x() + PAD_X, rect.y() + PAD_Y)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class ResultsView(QListView):
    open_requested = Signal(object, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setItemDelegate(HitDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.doubleClicked.connect(lambda index: self._open(index, 0))

    def current_hit(self):
        index = self.currentIndex()
        return index.data(HIT_ROLE) if index.isValid() else None

    def select_first(self) -> None:
        if self.model() is not None and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, 0))

    def _open(self, index: QModelIndex, side: int) -> None:
        if index.isValid() and index.data(HIT_ROLE) is not None:  # not the variants' heading row
            self.open_requested.emit(index.data(HIT_ROLE), side)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._open(self.currentIndex(), 1 if ctrl else 0)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space and hasattr(self.model(), "toggle_versions"):  # a story's versions
            self.toggle_versions(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def has_versions(self, row: int) -> bool:
        model = self.model()
        return hasattr(model, "version_count") and model.version_count(row) > 0

    def toggle_versions(self, row: int) -> None:
        """Open or close the other versions of the story at row, keeping that story current."""
        lead = self.model().hit(row)
        if self.model().toggle_versions(row):
            rows = [i for i in range(self.model().rowCount()) if self.model().hit(i) is lead]
            self.setCurrentIndex(self.model().index(rows[0] if rows else 0, 0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        left = menu.addAction(self.tr("Open on the left"))
        right = menu.addAction(self.tr("Open on the right"))
        versions = None
        if self.has_versions(index.row()):
            menu.addSeparator()
            versions = menu.addAction(self.tr("Show or hide the other versions (Space)"))
        chosen = menu.exec(self.viewport().mapToGlobal(pos))
        if chosen is not None and chosen is versions:
            self.toggle_versions(index.row())
        elif chosen is left:
            self._open(index, 0)
        elif chosen is right:
            self._open(index, 1)
