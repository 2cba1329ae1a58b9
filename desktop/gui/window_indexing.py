"""The main window's indexing: adding folders and files, the runner's progress, Cancel, what follows."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QMessageBox,
)

from . import file_dialogs
from .workers import run_task

log = logging.getLogger(__name__)


class IndexingMixin:
    """Mixed into MainWindow (uses its widgets and services). Its strings keep the MainWindow
    translation context: tr() at run time takes the instance's class name."""

    # ---- indexing ----
    def add_paths(self, paths: list[str]) -> None:
        paths = [str(Path(p)) for p in paths if p]
        if paths:
            self.runner.start(paths)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self, QCoreApplication.translate("MainWindow", "Add a folder to the archive")
        )
        if folder:
            self.add_paths([folder])

    def choose_files(self) -> None:
        files = file_dialogs.choose_files(
            self,
            QCoreApplication.translate("MainWindow", "Add files to the archive"),
            QCoreApplication.translate("MainWindow", "Text files (*.txt);;All files (*)"),
        )
        if files:
            self.add_paths(files)

    def remove_source(self, path: str) -> None:
        svc = self.svc
        if svc is None or self.runner.is_running():
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Wait until indexing has finished."), 4000
            )
            return
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("MainWindow", "Remove folder"),
            QCoreApplication.translate("MainWindow", "Remove {path} from the archive? The files stay on disk.").format(
                path=path
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_task(
            lambda: svc.remove_source(path),
            lambda _r: self._after_index_change(),
            self._on_background_error,
            pool_name="write",
        )

    def cancel_indexing(self) -> None:
        if self.runner.is_running():
            self.index_panel.set_cancelling()
            self.index_label.setText(QCoreApplication.translate("MainWindow", "Cancelling indexing…"))
            self.runner.cancel()

    def _on_runner_started(self, paths: list) -> None:
        self.index_panel.set_running(True)
        self.index_progress.setRange(0, 0)
        self.index_progress.setVisible(True)
        self.index_cancel.setVisible(True)
        self.index_label.setText(QCoreApplication.translate("MainWindow", "Indexing…"))

    def _on_runner_progress(self, done: int, total: int, current: str) -> None:
        self.index_panel.set_progress(done, total, current)
        if total:
            self.index_progress.setRange(0, total)
            self.index_progress.setValue(done)
        self.index_label.setText(
            QCoreApplication.translate("MainWindow", "Indexing {done} / {total}").format(done=done, total=total)
        )

    def _on_runner_finished(self, report: dict) -> None:
        self._indexing_stopped()
        self.index_panel.set_report(report)
        if report.get("cancelled"):
            self.index_label.setText(QCoreApplication.translate("MainWindow", "Indexing cancelled"))
        else:
            self.index_label.setText(QCoreApplication.translate("MainWindow", "Index ready"))
        if self._seeding and not report.get("cancelled") and self.svc is not None:
            svc = self.svc
            run_task(svc.mark_seeded, pool_name="write")
        self._seeding = False
        if report.get("skipped"):
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "{n} files were skipped: see the Archive tab").format(
                    n=len(report["skipped"])
                ),
                8000,
            )
        self._after_index_change()
        self.index_finished.emit(report)

    def _on_runner_failed(self, message: str) -> None:
        self._indexing_stopped()
        self._seeding = False
        self.index_label.setText(QCoreApplication.translate("MainWindow", "Indexing failed"))
        self.index_panel.set_report_text(
            QCoreApplication.translate("MainWindow", "Indexing failed: {reason}").format(reason=message)
        )
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Indexing failed: {reason}").format(reason=message), 10000
        )
        self._after_index_change()
        self.index_finished.emit({"failed": message})

    def _indexing_stopped(self) -> None:
        self.index_panel.set_running(self.runner.is_running())
        running = self.runner.is_running()
        self.index_progress.setVisible(running)
        self.index_cancel.setVisible(running)

    def _after_index_change(self) -> None:
        if self.svc is not None and hasattr(self.svc, "searcher"):
            self.svc.searcher.invalidate()
        self.refresh_archive()
        self.bookmarks_panel.refresh()
        self.search()
