"""The reader pane's pages (PDF, EPUB, scans): the 第 N / M 页 box that follows the scrolling and
jumps when changed, and the page's image beside the text (PDF pages, scans)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QSpinBox, QWidget


class ReaderPagesMixin:
    """Mixed into ReaderPane (uses its document, text and page action). Its strings keep the
    ReaderPane translation context."""

    def _make_page_widgets(self, page: QWidget) -> None:
        # pages (PDF, EPUB, scans): 第 3 / 12 页, follows the scrolling, jumps when changed
        self.page_box = QSpinBox(page)
        self.page_box.setPrefix(QCoreApplication.translate("ReaderPane", "Page "))
        self.page_box.setMinimum(1)
        self.page_box.setToolTip(QCoreApplication.translate(
            "ReaderPane", "The page at the top of the text; change it to go to another page"))
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
        self.page_box.setSuffix(QCoreApplication.translate("ReaderPane", " of {n}").format(n=pages))
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
                self.page_image.setText(QCoreApplication.translate(
                    "ReaderPane", "The page image cannot be shown (the file is gone or unreadable)."))
            self.page_image_loaded.emit(page)

        self.image_loader(doc_id, page, done)
