"""The reader pane's outline: the opening, each section and each question, which the user clicks
to jump and which compare mode aligns on (`anchors`, keys from `reader_text.anchors_of`)."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from .outline_delegate import WrappingDelegate
from .reader_text import match_anchor

KEY_ROLE = Qt.ItemDataRole.UserRole
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1


class ReaderOutlineMixin:
    """Mixed into ReaderPane (uses its document, anchors and text). Its strings keep the
    ReaderPane translation context."""

    def _make_outline(self, page: QWidget) -> QTreeWidget:
        outline = QTreeWidget(page)
        outline.setHeaderHidden(True)
        outline.setIndentation(12)
        # entries wrap onto more lines instead of being cut off (the splitter widens the outline too)
        outline.setUniformRowHeights(False)
        outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # by pixel: with tall wrapped items, scrolling by item can leave the one scrolled to half hidden
        outline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        outline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        outline.setItemDelegate(WrappingDelegate(outline))
        outline.itemClicked.connect(self._on_outline_clicked)
        outline.itemActivated.connect(self._on_outline_clicked)
        return outline

    def _render_outline(self) -> None:
        self.outline.clear()
        m = self.doc.meta
        top: dict[int, QTreeWidgetItem] = {}
        head = QTreeWidgetItem([QCoreApplication.translate("ReaderPane", "Opening")])
        head.setData(0, KEY_ROLE, ("head",))
        head.setData(0, OFFSET_ROLE, 0)
        self.outline.addTopLevelItem(head)
        bold = QFont(self.outline.font())
        bold.setBold(True)
        for i, s in enumerate(m.sections):
            item = QTreeWidgetItem([f"{s.label}  {s.subtitle}".strip()])
            item.setToolTip(0, f"{s.label} {s.subtitle}")
            item.setFont(0, bold)
            item.setData(0, KEY_ROLE, ("section", s.label, i))
            item.setData(0, OFFSET_ROLE, s.start)
            self.outline.addTopLevelItem(item)
            top[i] = item
        for key, offset in self._anchors:
            if key[0] != "question":
                continue
            turn = next(t for t in m.turns if t.start == offset and t.kind == "question")
            words = self.doc.text[turn.start:turn.end].strip()
            head_len = len(turn.speaker) + 1 if words.startswith(turn.speaker) else 0
            words = words[head_len:].lstrip(":： ")
            label = QCoreApplication.translate("ReaderPane", "Q{n} {words}").format(n=key[2], words=words)
            item = QTreeWidgetItem([label])
            item.setToolTip(0, words)
            item.setData(0, KEY_ROLE, key)
            item.setData(0, OFFSET_ROLE, turn.start)
            parent = top.get(turn.section) if turn.section is not None else None
            if parent is not None:
                parent.addChild(item)
            else:
                self.outline.addTopLevelItem(item)
        self.outline.expandAll()
        self.outline.setVisible(len(self._anchors) > 1)  # nothing to outline in a plain article

    def anchors(self) -> list[tuple[tuple, int]]:
        return list(self._anchors)

    def anchor_at(self, offset: int) -> tuple:
        """The key of the section or question holding a cleaned offset."""
        starts = [o for _, o in self._anchors]
        return self._anchors[max(0, bisect.bisect_right(starts, offset) - 1)][0]

    def goto_key(self, key: tuple) -> bool:
        """Bring the section or question matching `key` to the top (compare mode)."""
        i = match_anchor(key, self._anchors)
        if i is None:
            return False
        self.scroll_to(self._anchors[i][1], where="top")
        self._select_outline(self._anchors[i][0])
        return True

    def _on_outline_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        offset = item.data(0, OFFSET_ROLE)
        if offset is None:
            return
        self.scroll_to(int(offset), where="top")
        self.activated.emit()
        self.outline_chosen.emit(item.data(0, KEY_ROLE))

    def _select_outline(self, key: tuple) -> None:
        it = self._find_item(key)
        if it is not None:
            self.outline.blockSignals(True)
            self.outline.setCurrentItem(it)
            self.outline.blockSignals(False)

    def _find_item(self, key: tuple) -> QTreeWidgetItem | None:
        stack = [self.outline.topLevelItem(i) for i in range(self.outline.topLevelItemCount())]
        while stack:
            it = stack.pop(0)
            if it.data(0, KEY_ROLE) == key:
                return it
            stack[:0] = [it.child(i) for i in range(it.childCount())]
        return None
