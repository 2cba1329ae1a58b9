"""A reader pane: one document with its metadata, its outline and its text, hits highlighted.

The text is the cleaned text by default, the original OCR text one toggle away; every offset the
pane gives or takes is a cleaned-text offset (as the engine and the bookmarks use), mapped to
what is shown through `Document.original_range` and to Qt's UTF-16 positions. The pane is composed
of mixins, one module each: reader_hits (offsets, highlights, F3), reader_scroll (scrolling and the
position kept), reader_outline, reader_pages (第 N 页, the page image) and reader_actions (the text's
menu: bookmarks, copying, the date correction).

Signals:
  activated()                 the user clicked or focused into this pane
  outline_chosen(object key)  a section or question was chosen in the outline (see `anchors`)
  scrolled()                  the text scrolled
  bookmark_requested(int, int)  bookmark this cleaned range; (-1, -1) for the whole document
  message(str)                something to show in the status bar
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import display_date

from . import style
from .reader_actions import ReaderActionsMixin
from .reader_hits import ReaderHitsMixin
from .reader_outline import ReaderOutlineMixin
from .reader_pages import ReaderPagesMixin
from .reader_scroll import ReaderScrollMixin
from .reader_text import RICH_LIMIT, Utf16, anchors_of, display_original, style_document
from .results_model import series_text


class ReaderPane(ReaderHitsMixin, ReaderScrollMixin, ReaderOutlineMixin, ReaderPagesMixin, ReaderActionsMixin,
                 QWidget):
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
        self._make_page_widgets(page)  # 第 3 / 12 页 and the page's image
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for w in (self.prev_button, self.hit_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.page_box)
        for w in (self.excerpt_button, self.doc_button, self.smaller_button, self.larger_button, self.more_button):
            bar.addWidget(w)

        self.outline = self._make_outline(page)

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

    def _render_text(self) -> None:
        self._display = display_original(self.doc.original) if self.show_original else self.doc.text
        self._u16 = Utf16(self._display)
        self.text.setPlainText(self._display)
        if len(self._display) <= RICH_LIMIT:
            style_document(self.text.document(), self.doc, self._qt_range)
        self._apply_highlights()

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
