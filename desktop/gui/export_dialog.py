"""Export excerpts (chosen bookmarks, all bookmarks, or the current search's hits) to a file.

A format chooser (md, txt, html, docx, pdf, csv, json), a title, a preview of the text, and
Save. The work runs off the GUI thread; a failure is shown in plain words and leaves no file.

Signals: saved(str path), failed(str message).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ArchiveError

from . import style
from .file_dialogs import save_file
from .workers import describe_error, run_task

FORMATS = ("md", "txt", "html", "docx", "pdf", "csv", "json")


def load_docs(service: Any):
    cache: dict[str, Any] = {}

    def doc(doc_id: str):
        if doc_id not in cache:
            try:
                cache[doc_id] = service.document(doc_id)
            except (ArchiveError, OSError):  # gone since: the excerpt keeps its saved quote
                cache[doc_id] = None
        return cache[doc_id]

    return doc


class ExportDialog(QDialog):
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, service: Any, *, selected: list[Any], bookmarks: list[Any], hits: list[Any],
                 query: str = "", city_order: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export excerpts"))
        self.resize(720, 620)
        self.service = service
        self.city_order = city_order or []
        self._generation = 0
        self._sources: list[tuple[str, list[Any], str]] = []
        if selected:
            self._sources.append(("bookmarks", selected, self.tr("Selected bookmarks ({n})").format(n=len(selected))))
        if bookmarks:
            self._sources.append(("bookmarks", bookmarks, self.tr("All bookmarks ({n})").format(n=len(bookmarks))))
        if hits:
            self._sources.append(("hits", hits, self.tr("Search results for “{q}” ({n})").format(q=query, n=len(hits))))

        self.source = QComboBox(self)
        for _kind, _items, label in self._sources:
            self.source.addItem(label)
        self.format = QComboBox(self)
        names = {"md": "Markdown (.md)", "txt": self.tr("Plain text (.txt)"), "html": "HTML (.html)",
                 "docx": "Word (.docx)", "pdf": "PDF (.pdf)", "csv": self.tr("CSV for spreadsheets (.csv)"),
                 "json": "JSON (.json)"}
        for fmt in FORMATS:
            self.format.addItem(names[fmt], fmt)
        self.title = QLineEdit(self)
        self.title.setText(self.tr("Excerpts") if not (hits and not bookmarks)
                           else self.tr("Excerpts: {q}").format(q=query))
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setFont(style.ui_font(10))
        self.preview_note = QLabel(self)
        self.preview_note.setObjectName("summary")
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save_to(self.path.text().strip()))
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)

        self.citation = QComboBox(self)
        self.citation.addItem(self.tr("Title, person, paper, date, page"), "plain")
        self.citation.addItem(self.tr("GB/T 7714-2015 (作者. 题名[N]. 报纸名, 日期(版次).)"), "gbt7714")
        self.citation.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.full_paths = QCheckBox(self.tr("Cite files by their full path (not only the file name)"), self)
        self.full_paths.toggled.connect(lambda _on: self.update_preview())

        form = QFormLayout()
        form.addRow(self.tr("Excerpts from"), self.source)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Citations"), self.citation)
        form.addRow("", self.full_paths)
        form.addRow(self.tr("Save to"), path_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

        self.source.currentIndexChanged.connect(self.update_preview)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.title.editingFinished.connect(self.update_preview)
        self._on_format_changed()
        if not self._sources:
            self.save_button.setEnabled(False)
            self.preview.setPlainText(self.tr("Nothing to export yet: bookmark passages or run a search first."))

    # ---- building ----
    def fmt(self) -> str:
        return self.format.currentData()

    def _excerpt_builder(self):
        """A function (safe to run off the GUI thread) building the chosen excerpts."""
        kind, items, _label = self._sources[self.source.currentIndex()]
        service = self.service

        def build() -> list[Any]:
            from desktop.core.service import excerpts_from_bookmarks, excerpts_from_hits

            docs = load_docs(service)
            if kind == "hits":
                return excerpts_from_hits(items, docs)
            return excerpts_from_bookmarks(items, docs)

        return build

    def _on_format_changed(self) -> None:
        fmt = self.fmt()
        current = self.path.text().strip()
        if current:
            self.path.setText(str(Path(current).with_suffix("." + fmt)))
        else:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            if not folder or not Path(folder).is_dir():
                folder = str(Path.home())
            name = self.title.text().strip() or "excerpts"
            self.path.setText(str(Path(folder) / f"{_safe_name(name)}.{fmt}"))
        if fmt == "txt":
            note = self.tr("Preview (plain text)")
        elif fmt == "md":
            note = self.tr("Preview (Markdown)")
        else:
            note = self.tr("Preview (Markdown; the {fmt} file carries the same text and citations)").format(
                fmt=fmt.upper())
        self.preview_note.setText(note)
        self.update_preview()

    def update_preview(self) -> None:
        if not self._sources:
            return
        self._generation += 1
        gen = self._generation
        shown = "txt" if self.fmt() == "txt" else "md"
        title = self.title.text().strip() or self.tr("Excerpts")
        order = self.city_order
        excerpts_of = self._excerpt_builder()
        cite = self.citation_options()

        def build() -> str:
            from desktop.core.service import export

            excerpts = excerpts_of()
            with tempfile.TemporaryDirectory() as tmp:
                out = export(excerpts, shown, Path(tmp) / f"preview.{shown}", title=title, city_order=order, **cite)
                return out.read_text(encoding="utf-8")

        def show(text: str) -> None:
            if gen == self._generation:  # a newer preview is on its way otherwise
                self.preview.setPlainText(text)

        run_task(build, show, lambda exc: show(describe_error(exc)))

    def citation_options(self) -> dict[str, Any]:
        return {"citation_style": self.citation.currentData(), "full_paths": self.full_paths.isChecked()}

    # ---- saving ----
    def choose_path(self) -> None:
        fmt = self.fmt()
        path = save_file(self, self.tr("Export to"), self.path.text(), f"*.{fmt}")
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.path.setText(path)

    def save_to(self, path: str) -> None:
        if not self._sources:
            return
        if not path:
            self.choose_path()
            path = self.path.text().strip()
            if not path:
                return
        fmt = self.fmt()
        title = self.title.text().strip() or self.tr("Excerpts")
        order = self.city_order
        excerpts_of = self._excerpt_builder()
        cite = self.citation_options()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def write() -> str:
            from desktop.core.service import export

            return str(export(excerpts_of(), fmt, path, title=title, city_order=order, **cite))

        run_task(write, self._on_saved, self._on_failed, pool_name="write")

    def _on_saved(self, path: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Saved to {path}").format(path=path))
        self.saved.emit(path)

    def _on_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        message = describe_error(exc)
        self.status.setText(self.tr("Not saved: {reason}").format(reason=message))
        self.failed.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export failed"),
                          self.tr("The file was not saved.\n\n{reason}").format(reason=message),
                          QMessageBox.StandardButton.Ok, self)
        box.open()


def _safe_name(name: str) -> str:
    bad = '<>:"/\\|?*\n\r\t'
    cleaned = "".join("_" if ch in bad else ch for ch in name).strip(" .")
    return cleaned[:80] or "excerpts"
