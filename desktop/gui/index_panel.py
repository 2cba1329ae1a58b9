"""The archive: its folders, indexing progress (count, current file, Cancel) and skipped files.

Signals: add_folder_requested(), add_files_requested(), rescan_requested(),
remove_requested(str path), cancel_requested().
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class IndexPanel(QWidget):
    add_folder_requested = Signal()
    add_files_requested = Signal()
    rescan_requested = Signal()
    remove_requested = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources = QListWidget(self)
        self.sources.setMaximumHeight(110)
        self.sources.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.sources.setToolTip(self.tr("Folders and files in the archive"))
        add_folder = QPushButton(self.tr("Add folder…"), self)
        add_folder.clicked.connect(self.add_folder_requested)
        add_files = QPushButton(self.tr("Add files…"), self)
        add_files.clicked.connect(self.add_files_requested)
        self.rescan_button = QPushButton(self.tr("Re-scan"), self)
        self.rescan_button.setToolTip(self.tr("Index new and changed files in the archive's folders"))
        self.rescan_button.clicked.connect(self.rescan_requested)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected folder from the archive (the files stay on disk)"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        row = QHBoxLayout()
        for b in (add_folder, add_files, self.rescan_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        hint = QLabel(self.tr("Tip: drag files or folders onto the window to add them."), self)
        hint.setObjectName("summary")

        self.progress_box = QGroupBox(self.tr("Indexing"), self)
        self.progress = QProgressBar(self.progress_box)
        self.progress.setRange(0, 0)
        self.progress.setFormat("%v / %m")
        self.progress.setTextVisible(True)
        self.progress_label = QLabel(self.progress_box)
        self.progress_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.progress_box)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        prow = QHBoxLayout()
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.cancel_button)
        box = QVBoxLayout(self.progress_box)
        box.addLayout(prow)
        box.addWidget(self.progress_label)

        self.state = QLabel(self)
        self.state.setObjectName("warning")
        self.state.setWordWrap(True)
        self.state.setVisible(False)
        self.report = QLabel(self)
        self.report.setWordWrap(True)
        self.report.setObjectName("summary")
        self.skipped_title = QLabel(self)
        self.skipped = QTreeWidget(self)
        self.skipped.setColumnCount(2)
        self.skipped.setHeaderLabels([self.tr("Skipped file"), self.tr("Reason")])
        self.skipped.setRootIsDecorated(False)
        self.skipped.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.skipped.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.skipped.setColumnWidth(0, 220)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel(self.tr("Folders in the archive"), self))
        layout.addWidget(self.sources)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.state)
        layout.addWidget(self.report)
        layout.addWidget(self.skipped_title)
        layout.addWidget(self.skipped, 10)
        layout.addStretch(1)  # with no skipped files the free space stays below, not between the rows
        self.set_running(False)
        self.set_skipped([])

    # ---- state ----
    def set_sources(self, sources: list[str]) -> None:
        self.sources.clear()
        self.sources.addItems(sources)

    def set_running(self, running: bool) -> None:
        self.progress_box.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.rescan_button.setEnabled(not running)
        if running:
            self.progress.setRange(0, 0)
            self.progress_label.setText(self.tr("Starting…"))

    def set_progress(self, done: int, total: int, current: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        name = Path(current).name if current else ""
        self.progress_label.setText(self.tr("{done} of {total} files · {name}").format(
            done=done, total=total, name=name))
        self.progress_label.setToolTip(current)

    def set_state(self, state: dict[str, Any] | None) -> None:
        """Say so when the last run did not finish (crash, kill, Cancel): how far it got, and how to go on."""
        unfinished = bool(state) and not state.get("complete", True)
        self.state.setVisible(unfinished)
        if unfinished:
            self.state.setText(self.tr("Indexed {done} / {expected} — unfinished. Re-scan continues from where "
                                       "it stopped; search results are partial until then.").format(
                done=f"{state['documents']:,}", expected=f"{state['expected']:,}"))

    def set_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Cancelling: finishing the current file…"))

    def set_report(self, report: dict[str, Any]) -> None:
        parts = self.tr("Added {a}, updated {u}, removed {r}, unchanged {n}, skipped {s}.").format(
            a=report.get("added", 0), u=report.get("updated", 0), r=report.get("removed", 0),
            n=report.get("unchanged", 0), s=len(report.get("skipped") or []))
        if report.get("cancelled"):
            parts = self.tr("Indexing was cancelled; what was indexed so far is kept.") + " " + parts
        names = {"text": self.tr("Text"), "pdf": "PDF", "docx": "Word", "html": self.tr("Web pages"),
                 "epub": "EPUB", "image": self.tr("Images")}
        for family, counts in sorted((report.get("formats") or {}).items()):
            parts += "\n" + self.tr("{name}: {read} read, {ocr} of them by OCR, {skipped} skipped").format(
                name=names.get(family, family), read=counts.get("read", 0), ocr=counts.get("ocr", 0),
                skipped=counts.get("skipped", 0))
        self.report.setText(parts)

    def set_report_text(self, text: str) -> None:
        self.report.setText(text)

    def set_skipped(self, skipped: list[Any]) -> None:
        self.skipped.clear()
        for s in skipped:
            path, reason = (s.path, s.reason) if hasattr(s, "path") else (s["path"], s["reason"])
            item = QTreeWidgetItem([Path(path).name, reason])
            item.setToolTip(0, path)
            item.setToolTip(1, reason)
            item.setData(0, Qt.ItemDataRole.UserRole, path)
            self.skipped.addTopLevelItem(item)
        self.skipped_title.setText(self.tr("Skipped files ({n}): not indexed, with the reason").format(n=len(skipped))
                                   if skipped else self.tr("No files were skipped."))
        self.skipped.setVisible(bool(skipped))

    def _on_remove_clicked(self) -> None:
        item = self.sources.currentItem()
        if item is not None:
            self.remove_requested.emit(item.text())

    def _on_cancel_clicked(self) -> None:
        self.set_cancelling()
        self.cancel_requested.emit()
