"""A reader pane: one document with its metadata, its outline and its text, hits highlighted.

The text is the cleaned text by default, the original OCR text one toggle away; every offset the
pane gives or takes is a cleaned-text offset (as the engine and the bookmarks use), mapped to
what is shown through `Document.original_range` and to Qt's UTF-16 positions.

Signals:
  activated()                 the user clicked or focused into this pane
  outline_chosen(object key)  a section or question was chosen in the outline (see `anchors`)
  scrolled()                  the text scrolled
  bookmark_requested(int, int)  bookmark this cleaned range; (-1, -1) for the whole document
  message(str)                something to show in the status bar
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import display_date

from . import style
from .outline_delegate import WrappingDelegate
from .reader_text import RICH_LIMIT, Utf16, anchors_of, display_original, match_anchor, style_document
from .results_model import series_text

KEY_ROLE = Qt.ItemDataRole.UserRole
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_MARKED = 4000  # hits highlighted at once (all are still reachable with F3)


class ReaderPane(QWidget):
    activated = Signal()
    outline_chosen = Signal(object)
    scrolled = Signal()
    bookmark_requested = Signal(int, int)
    message = Signal(str)
    page_image_loaded = Signal(int)
    date_correction_requested = Signal(str, str)  # document id, the date typed ("" clears it)

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.doc: Any = None
        self.query = ""
        self.spans: list[tuple[int, int]] = []
        self.hit = -1
        self.passage: tuple[int, int] | None = None
        # marks owned by someone else (the compare view's diff): (start, end, format) in cleaned-text
        # offsets, drawn with every redraw of the pane's own highlights until set_extra_marks([])
        self.extra_marks: list[tuple[int, int, QTextCharFormat]] = []
        self.show_original = False
        self._u16 = Utf16("")
        self._display = ""
        self._anchors: list[tuple[tuple, int]] = []
        self._font_size = 11.5

        self.stack = QStackedWidget(self)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setText(self.tr("Double-click a result to read it here. Ctrl+Enter opens another one on the "
                                   "right, to read the two side by side.") if side == 0 else
                           self.tr("Ctrl+Enter or the context menu opens a result here, to compare it "
                                   "with the left one."))
        self.stack.addWidget(self.empty)

        page = QWidget(self)
        self.header = QLabel(page)
        self.header.setObjectName("docHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.prev_button = self._button("◀", self.tr("Previous hit (Shift+F3)"), self.prev_hit)
        self.next_button = self._button("▶", self.tr("Next hit (F3)"), self.next_hit)
        self.hit_label = QLabel(page)
        self.hit_label.setObjectName("hitLabel")
        self.smaller_button = self._button("A−", self.tr("Smaller text (Ctrl+-)"), lambda: self.zoom(-1))
        self.larger_button = self._button("A+", self.tr("Larger text (Ctrl+=)"), lambda: self.zoom(1))
        self.excerpt_button = self._button(self.tr("Excerpt"), self.tr("Bookmark the selected passage (Ctrl+D)"),
                                           self.request_bookmark)
        self.doc_button = self._button(self.tr("Bookmark"), self.tr("Bookmark the whole document"),
                                       lambda: self.bookmark_requested.emit(-1, -1))
        self.more_button = QToolButton(self)
        self.more_button.setText("⋯")
        self.more_button.setToolTip(self.tr("More"))
        self.more_button.setAutoRaise(True)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.original_action = more.addAction(self.tr("Show the original OCR text"))
        self.original_action.setCheckable(True)
        self.original_action.toggled.connect(self.set_original)
        more.addAction(self.tr("Copy with citation"), self.copy_with_citation)
        more.addAction(self.tr("Bookmark whole document"), lambda: self.bookmark_requested.emit(-1, -1))
        self.page_action = more.addAction(self.tr("Show the page image beside the text"))
        self.page_action.setCheckable(True)
        self.page_action.toggled.connect(self.set_page_image_shown)
        self.more_button.setMenu(more)
        # pages (PDF, EPUB, scans): 第 3 / 12 页, follows the scrolling, jumps when changed
        self.page_box = QSpinBox(page)
        self.page_box.setPrefix(self.tr("Page "))
        self.page_box.setMinimum(1)
        self.page_box.setToolTip(self.tr("The page at the top of the text; change it to go to another page"))
        self.page_box.valueChanged.connect(self._on_page_box_changed)
        self.page_box.setVisible(False)
        self.page_image = QLabel(page)
        self.page_image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_image.setObjectName("pageImage")
        self.page_scroll = QScrollArea(page)
        self.page_scroll.setWidget(self.page_image)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setVisible(False)
        self.image_loader: Any = None  # set by the window: (doc_id, page, done(bytes|None)) -> None
        self._image_page: int | None = None
        self._page_syncing = False
        self._requested_page: int | None = None
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for w in (self.prev_button, self.hit_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.page_box)
        for w in (self.excerpt_button, self.doc_button, self.smaller_button, self.larger_button, self.more_button):
            bar.addWidget(w)

        self.outline = QTreeWidget(page)
        self.outline.setHeaderHidden(True)
        self.outline.setIndentation(12)
        # entries wrap onto more lines instead of being cut off (the splitter widens the outline too)
        self.outline.setUniformRowHeights(False)
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # by pixel: with tall wrapped items, scrolling by item can leave the one scrolled to half hidden
        self.outline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.outline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outline.setItemDelegate(WrappingDelegate(self.outline))
        self.outline.itemClicked.connect(self._on_outline_clicked)
        self.outline.itemActivated.connect(self._on_outline_clicked)

        self.text = QTextBrowser(page)
        self.text.setOpenLinks(False)
        self.text.setUndoRedoEnabled(False)
        self.text.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.text.document().setDocumentMargin(14)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._on_text_menu)
        self.text.verticalScrollBar().valueChanged.connect(self._on_text_scrolled)

        self.body = QSplitter(Qt.Orientation.Horizontal, page)
        self.body.addWidget(self.outline)
        self.body.addWidget(self.text)
        self.body.addWidget(self.page_scroll)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([150, 500])
        self.body.setCollapsible(1, False)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        for watched in (self.text, self.text.viewport(), self.outline, self.outline.viewport(), self.header):
            watched.installEventFilter(self)
        self.set_font_size(self._font_size)
        self._update_hit_label()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # ---- showing a document ----
    def has_document(self) -> bool:
        return self.doc is not None

    def clear(self) -> None:
        self.doc = None
        self.spans = []
        self.extra_marks = []
        self.hit = -1
        self.text.clear()
        self.outline.clear()
        self.page_box.setVisible(False)
        self.page_scroll.setVisible(False)
        self.stack.setCurrentIndex(0)
        self._update_hit_label()

    def set_document(self, doc: Any, spans: list[tuple[int, int]] | None = None, query: str = "",
                     *, first_hit: bool = True) -> None:
        self.doc = doc
        self.query = query
        self.spans = sorted(spans or [])
        self.hit = -1
        self.passage = None
        self.extra_marks = []  # their offsets were for the previous document
        self._anchors = anchors_of(doc)
        self._render_header()
        self._render_outline()
        self._render_text()
        self._render_pages()
        self.stack.setCurrentIndex(1)
        self._update_hit_label()
        if first_hit and self.spans:
            self.goto_hit(0)
        else:
            self.text.verticalScrollBar().setValue(0)

    def set_spans(self, spans: list[tuple[int, int]], query: str) -> None:
        """New hits for the same document (the query changed)."""
        self.spans = sorted(spans)
        self.query = query
        self.hit = -1
        self._apply_highlights()
        self._update_hit_label()

    def _render_header(self) -> None:
        from .results_model import escape_html as esc

        m = self.doc.meta
        title = esc(m.title or self.doc.path.rsplit("/", 1)[-1])
        who = " · ".join(esc(x) for x in (m.person, m.role) if x)
        facts = [m.city, series_text(m.series, m.series_no)]
        if m.reporters:
            facts.append(self.tr("Reporters: {names}").format(names="、".join(m.reporters)))
        facts.append(display_date(m.date))
        if getattr(m, "publication", None):
            facts.append(m.publication + (self.tr(", page {e}").format(e=m.edition) if m.edition else ""))
        pages = len(getattr(self.doc, "pages", None) or [])
        if pages:
            facts.append(self.tr("{n} pages").format(n=pages))
        where = " · ".join(esc(x) for x in facts if x)
        self.header.setText(
            f'<div style="font-size:12.5pt; font-weight:600; color:#1b1a18;">{title}</div>'
            + (f'<div style="color:#2d2a26; margin-top:2px;">{who}</div>' if who else "")
            + (f'<div style="color:{style.MUTED}; font-size:9pt; margin-top:1px;">{where}</div>' if where else ""))
        self.header.setToolTip(self.doc.path)

    def _render_outline(self) -> None:
        self.outline.clear()
        m = self.doc.meta
        top: dict[int, QTreeWidgetItem] = {}
        head = QTreeWidgetItem([self.tr("Opening")])
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
            item = QTreeWidgetItem([self.tr("Q{n} {words}").format(n=key[2], words=words)])
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

    def _render_text(self) -> None:
        self._display = display_original(self.doc.original) if self.show_original else self.doc.text
        self._u16 = Utf16(self._display)
        self.text.setPlainText(self._display)
        if len(self._display) <= RICH_LIMIT:
            style_document(self.text.document(), self.doc, self._qt_range)
        self._apply_highlights()

    # ---- offsets ----
    def _display_range(self, start: int, end: int) -> tuple[int, int]:
        if self.show_original and self.doc is not None:
            return self.doc.original_range(start, end)
        return start, end

    def _qt_range(self, start: int, end: int) -> tuple[int, int]:
        s, e = self._display_range(start, end)
        return self._u16.qt(s), self._u16.qt(e)

    def _cleaned_offset(self, display_offset: int) -> int:
        if not (self.show_original and self.doc is not None and self.doc.to_original):
            return display_offset
        return max(0, bisect.bisect_right(self.doc.to_original, display_offset) - 1)

    def selection_range(self) -> tuple[int, int] | None:
        """The selected passage as a cleaned-text range, trimmed of surrounding blanks."""
        if self.doc is None:
            return None
        cur = self.text.textCursor()
        if not cur.hasSelection():
            return None
        ds, de = self._u16.py(cur.selectionStart()), self._u16.py(cur.selectionEnd())
        if self.show_original:
            s = self._cleaned_offset(ds)
            e = self._cleaned_offset(max(ds, de - 1)) + 1
        else:
            s, e = ds, de
        text = self.doc.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return (s, e) if e > s else None

    def select_range(self, start: int, end: int) -> None:
        s, e = self._qt_range(start, end)
        cur = QTextCursor(self.text.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cur)

    # ---- highlights and hits ----
    def _apply_highlights(self) -> None:
        sels = []
        for i, (s, e) in enumerate(self.spans[:MAX_MARKED]):
            sels.append(self._selection(s, e, style.HIT))
        if self.passage is not None:
            sels.append(self._selection(*self.passage, style.PASSAGE))
        for s, e, fmt in self.extra_marks:
            sel = self._selection(s, e, None)
            sel.format = fmt
            sels.append(sel)
        if 0 <= self.hit < len(self.spans):
            sels.append(self._selection(*self.spans[self.hit], style.CURRENT_HIT))
        self.text.setExtraSelections(sels)

    def set_extra_marks(self, marks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Marks kept through every redraw of the highlights (hits, F3, set_spans); [] removes them."""
        self.extra_marks = list(marks)
        if self.doc is not None:
            self._apply_highlights()

    def _selection(self, start: int, end: int, color) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        s, e = self._qt_range(start, end)
        cur = QTextCursor(self.text.document())
        cur.setPosition(s)
        cur.setPosition(max(s, e), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        if color is not None:
            sel.format.setBackground(color)
        return sel

    def hit_text(self) -> str:
        if not self.spans:
            return self.tr("No hits") if self.query and self.doc is not None else ""
        if self.hit < 0:
            return self.tr("{n} hits").format(n=len(self.spans))
        return self.tr("Hit {i} of {n}").format(i=self.hit + 1, n=len(self.spans))

    def _update_hit_label(self) -> None:
        self.hit_label.setText(self.hit_text())
        for b in (self.prev_button, self.next_button):
            b.setEnabled(bool(self.spans))

    def goto_hit(self, i: int) -> None:
        if not self.spans:
            return
        self.hit = i % len(self.spans)
        s, e = self.spans[self.hit]
        self._apply_highlights()
        self.scroll_to(s, where="center")
        cur = QTextCursor(self.text.document())
        cur.setPosition(self._qt_range(s, e)[0])
        self.text.setTextCursor(cur)
        self._update_hit_label()

    def next_hit(self) -> None:
        self.goto_hit(self.hit + 1)

    def prev_hit(self) -> None:
        self.goto_hit(self.hit - 1 if self.hit >= 0 else -1)

    def show_passage(self, start: int, end: int) -> None:
        """Mark a bookmarked passage, select it and bring it into view."""
        n = len(self.doc.text) if self.doc is not None else 0
        start, end = max(0, min(start, n)), max(0, min(end, n))
        self.passage = (start, end)
        self._apply_highlights()
        self.select_range(start, end)
        self.scroll_to(start, where="center")

    # ---- scrolling ----
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

    # ---- outline ----
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

    def _on_text_scrolled(self, _value: int) -> None:
        self._update_page()
        self.scrolled.emit()

    # ---- pages ----
    def current_page(self) -> int | None:
        if self.doc is None or not getattr(self.doc, "pages", None):
            return None
        # the page at the end of the top line: a page that starts within that line is the one shown
        cur = self.text.cursorForPosition(QPoint(self.text.viewport().width() - 4, 4))
        page = self.doc.page_at(self._cleaned_offset(self._u16.py(cur.position())))
        bar = self.text.verticalScrollBar()
        if self._requested_page and bar.value() >= bar.maximum() and self._requested_page > (page or 0):
            return self._requested_page  # a last page too short to reach the top: it is on screen
        return page

    def goto_page(self, page: int) -> None:
        if self.doc is None or not getattr(self.doc, "pages", None):
            return
        start, _ = self.doc.page_range(page)
        self._requested_page = page
        self.scroll_to(start, where="top")
        self._update_page()

    def _on_page_box_changed(self, value: int) -> None:
        if not self._page_syncing:
            self.goto_page(value)

    def _update_page(self) -> None:
        page = self.current_page()
        if page is None:
            return
        if self.page_box.value() != page:
            self._page_syncing = True
            self.page_box.setValue(page)
            self._page_syncing = False
        if self.page_scroll.isVisible() and page != self._image_page:
            self._load_page_image(page)

    def _render_pages(self) -> None:
        pages = len(getattr(self.doc, "pages", None) or [])
        self._page_syncing = True
        self.page_box.setMaximum(max(1, pages))
        self.page_box.setSuffix(self.tr(" of {n}").format(n=pages))
        self.page_box.setValue(1)
        self._page_syncing = False
        self._requested_page = None
        self.page_box.setVisible(pages > 0)
        can_show = getattr(self.doc, "format", None) in ("pdf", "image") and pages > 0
        self.page_action.setEnabled(can_show)
        self._image_page = None
        if not can_show:
            self.page_scroll.setVisible(False)
        elif self.page_action.isChecked():
            self.set_page_image_shown(True)

    def set_page_image_shown(self, on: bool) -> None:
        """The page's image beside its text (PDF pages, scans), following the scrolling."""
        can = self.doc is not None and self.page_action.isEnabled()
        self.page_scroll.setVisible(bool(on and can))
        if on and can:
            self._image_page = None
            self._load_page_image(self.current_page() or 1)

    def _load_page_image(self, page: int) -> None:
        self._image_page = page
        if self.image_loader is None or self.doc is None:
            return
        doc_id = self.doc.id

        def done(data: bytes | None) -> None:
            if self.doc is None or self.doc.id != doc_id or self._image_page != page:
                return  # another page or document since
            pix = QPixmap()
            if data and pix.loadFromData(data):
                width = max(200, self.page_scroll.viewport().width() - 8)
                self.page_image.setPixmap(pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
            else:
                self.page_image.setText(self.tr("The page image cannot be shown (the file is gone or unreadable)."))
            self.page_image_loaded.emit(page)

        self.image_loader(doc_id, page, done)

    # ---- text size, original text ----
    def font_size(self) -> float:
        return self._font_size

    def set_font_size(self, size: float) -> None:
        keep = self.top_offset() if self.doc is not None else None
        self._font_size = min(max(size, 7.0), 32.0)
        self.text.setFont(style.text_font(self._font_size))
        self.text.document().setDefaultFont(style.text_font(self._font_size))
        if keep:
            self.scroll_to(keep)

    def zoom(self, step: int) -> None:
        self.set_font_size(self._font_size + step)
        self.message.emit(self.tr("Text size {size} pt").format(size=int(self._font_size)))

    def set_original(self, on: bool) -> None:
        if on == self.show_original:
            return
        self.original_action.blockSignals(True)
        self.original_action.setChecked(on)
        self.original_action.blockSignals(False)
        self.show_original = on
        if self.doc is None:
            return
        keep = self.top_offset()
        self._render_text()
        self.scroll_to(keep)
        self._update_hit_label()

    # ---- bookmarks and copying ----
    def request_bookmark(self) -> None:
        rng = self.selection_range()
        if rng is None:
            self.message.emit(self.tr("Select a passage first, then press Ctrl+D (or bookmark the whole document)."))
            return
        self.bookmark_requested.emit(*rng)

    def citation(self, offset: int | None = None) -> str:
        from desktop.core.service import Excerpt

        m = self.doc.meta
        section = self.doc.section_at(offset) if offset is not None else None
        label = " ".join(p for p in (section.label, section.subtitle) if p) if section else None
        return Excerpt(text="", title=m.title, person=m.person, city=m.city, series=m.series,
                       series_no=m.series_no, section=label, path=self.doc.path, date=m.date).citation()

    def copy_with_citation(self) -> None:
        rng = self.selection_range()
        if self.doc is None or rng is None:
            self.message.emit(self.tr("Select a passage to copy."))
            return
        text = self.doc.text[rng[0]:rng[1]]
        QGuiApplication.clipboard().setText(f"{text}\n——{self.citation(rng[0])}")
        self.message.emit(self.tr("Copied with its citation."))

    def _on_text_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        has = self.selection_range() is not None
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(has)
        cite = menu.addAction(self.tr("Copy with citation"))
        cite.setEnabled(has)
        excerpt = menu.addAction(self.tr("Bookmark passage…"))
        excerpt.setEnabled(has)
        whole = menu.addAction(self.tr("Bookmark whole document"))
        menu.addSeparator()
        date = menu.addAction(self.tr("Correct the date…"))
        date.setEnabled(self.doc is not None)
        select_all = menu.addAction(self.tr("Select all"))
        chosen = menu.exec(self.text.viewport().mapToGlobal(pos))
        if chosen is date:
            self.ask_date()
        elif chosen is copy:
            self.text.copy()
        elif chosen is cite:
            self.copy_with_citation()
        elif chosen is excerpt:
            self.request_bookmark()
        elif chosen is whole:
            self.bookmark_requested.emit(-1, -1)
        elif chosen is select_all:
            self.text.selectAll()

    # ---- corrections ----
    def ask_date(self) -> None:
        """Ask for the document's publication date; the window stores it (it survives re-indexing)."""
        if self.doc is None:
            return
        from PySide6.QtWidgets import QInputDialog

        current = self.doc.meta.date or ""
        text, ok = QInputDialog.getText(
            self, self.tr("Correct the date"),
            self.tr("Publication date (2024, 2024-10 or 2024-10-06; empty: the date found in the file):"), text=current)
        if ok:
            self.correct_date(text)

    def correct_date(self, text: str) -> None:
        if self.doc is not None:
            self.date_correction_requested.emit(self.doc.id, text.strip())

    # ---- focus ----
    def set_active(self, active: bool) -> None:
        color = style.ACCENT if active else "#e3dfd6"
        self.header.setStyleSheet(f"QLabel#docHeader {{ border: 1px solid {color}; }}")

    def focus_text(self) -> None:
        if self.doc is not None:
            self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.activated.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.activated.emit()
        return super().eventFilter(obj, event)
