"""The main window's menus and the actions behind them that open dialogs: About, shortcuts,
printing, the original file, the interface language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QMessageBox,
)

from .workers import describe_error

log = logging.getLogger(__name__)


class MenusMixin:
    """Mixed into MainWindow (uses its widgets and services). Its strings keep the MainWindow
    translation context: tr() at run time takes the instance's class name."""

    # ---- menus and shortcuts ----
    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self._action(m, QCoreApplication.translate("MainWindow", "Add folder…"), self.choose_folder, "Ctrl+O")
        self._action(m, QCoreApplication.translate("MainWindow", "Add files…"), self.choose_files)
        self._action(m, QCoreApplication.translate("MainWindow", "Re-scan the archive"), lambda: self.runner.start([]))
        m.addSeparator()
        self._action(m, QCoreApplication.translate("MainWindow", "Export…"), lambda: self.show_export(), "Ctrl+E")
        self.print_action = self._action(
            m, QCoreApplication.translate("MainWindow", "Print…"), self.print_current, QKeySequence.StandardKey.Print
        )
        m.addSeparator()
        self._action(m, QCoreApplication.translate("MainWindow", "Quit"), self.close, QKeySequence.StandardKey.Quit)

        m = bar.addMenu(QCoreApplication.translate("MainWindow", "&Search"))
        self._action(m, QCoreApplication.translate("MainWindow", "Find"), self.focus_search, "Ctrl+F")
        self._action(
            m, QCoreApplication.translate("MainWindow", "Next hit"), lambda: self.compare.active_pane().next_hit(), "F3"
        )
        self._action(
            m,
            QCoreApplication.translate("MainWindow", "Previous hit"),
            lambda: self.compare.active_pane().prev_hit(),
            "Shift+F3",
        )
        self._action(m, QCoreApplication.translate("MainWindow", "Search syntax"), self.search_panel.show_help, "F1")

        m = bar.addMenu(QCoreApplication.translate("MainWindow", "&Reader"))
        self._action(m, QCoreApplication.translate("MainWindow", "Left pane"), lambda: self.focus_pane(0), "Ctrl+1")
        self._action(m, QCoreApplication.translate("MainWindow", "Right pane"), lambda: self.focus_pane(1), "Ctrl+2")
        m.addSeparator()
        self._action(
            m,
            QCoreApplication.translate("MainWindow", "Bookmark selection"),
            lambda: self.compare.active_pane().request_bookmark(),
            "Ctrl+D",
        )
        self._action(
            m,
            QCoreApplication.translate("MainWindow", "Bookmark whole document"),
            lambda: self.request_bookmark(self.compare.active, -1, -1),
            "Ctrl+Shift+D",
        )
        self._action(
            m,
            QCoreApplication.translate("MainWindow", "Copy with citation"),
            lambda: self.compare.active_pane().copy_with_citation(),
            "Ctrl+Shift+C",
        )
        m.addSeparator()
        self._action(
            m,
            QCoreApplication.translate("MainWindow", "Open the original file"),
            lambda: self.open_original(folder=False),
        )
        self._action(
            m, QCoreApplication.translate("MainWindow", "Show in folder"), lambda: self.open_original(folder=True)
        )
        m.addSeparator()
        self._action(
            m, QCoreApplication.translate("MainWindow", "Larger text"), lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"]
        )
        self._action(m, QCoreApplication.translate("MainWindow", "Smaller text"), lambda: self.zoom(-1), "Ctrl+-")
        self.original_action = self._action(
            m,
            QCoreApplication.translate("MainWindow", "Show original OCR text"),
            self._on_original_action,
            "Ctrl+T",
            checkable=True,
        )
        m.addSeparator()
        self.compare_action = self._action(
            m, QCoreApplication.translate("MainWindow", "Compare mode"), self.compare.set_compare_mode, checkable=True
        )
        self.compare_action.setChecked(self.compare.compare_mode)
        self.compare.compare_button.toggled.connect(self.compare_action.setChecked)
        self.lock_action = self._action(
            m,
            QCoreApplication.translate("MainWindow", "Lock scrolling"),
            self.compare.set_locked,
            "Ctrl+L",
            checkable=True,
        )
        self.compare.lock_button.toggled.connect(self.lock_action.setChecked)

        m = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
        self.timeline_action = self.timeline_dock.toggleViewAction()  # on by default
        m.addAction(self.timeline_action)

        m = bar.addMenu(QCoreApplication.translate("MainWindow", "Se&ttings"))
        lang = m.addMenu(QCoreApplication.translate("MainWindow", "Interface language"))
        group = QActionGroup(self)
        for code, name in (("zh", "中文"), ("en", "English")):
            a = self._action(lang, name, lambda _checked=False, c=code: self.set_language(c), checkable=True)
            a.setChecked(self.settings.language == code)
            group.addAction(a)

        m = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self._action(m, QCoreApplication.translate("MainWindow", "Search syntax"), self.search_panel.show_help)
        self._action(m, QCoreApplication.translate("MainWindow", "Keyboard shortcuts"), self.show_shortcuts)
        self._action(m, QCoreApplication.translate("MainWindow", "About Archive Browser"), self.show_about)

    def show_about(self) -> None:
        from .about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.data_dir, self)
        self.about_dialog.open()

    def print_current(self) -> None:
        """Ctrl+P: the bookmarks (the selected ones, else all) when their tab is shown, else the
        document in the active pane."""
        from .printing import document_for_printing, excerpts_for_printing, open_print_dialog

        if self.sidebar.currentIndex() == 1 and self.bookmarks_panel.bookmarks() and self.svc is not None:
            from desktop.core.service import excerpts_from_bookmarks

            from .export_dialog import load_docs

            chosen = self.bookmarks_panel.selected() or self.bookmarks_panel.bookmarks()
            title = QCoreApplication.translate("MainWindow", "Excerpts")
            try:
                excerpts = excerpts_from_bookmarks(chosen, load_docs(self.svc))
            except Exception as exc:  # noqa: BLE001 - said in plain words
                self.statusBar().showMessage(describe_error(exc), 8000)
                return
            self.print_dialog = open_print_dialog(self, excerpts_for_printing(title, excerpts), title)
            return
        pane = self.compare.active_pane()
        if pane.doc is None:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Open a document first."), 4000)
            return
        self.print_dialog = open_print_dialog(self, document_for_printing(pane.doc), pane.doc.meta.title or "")

    def original_url(self, folder: bool = False) -> QUrl | None:
        """The active document's file (or its folder) as a URL for the desktop's own programs."""
        pane = self.compare.active_pane()
        if pane.doc is None:
            return None
        path = Path(pane.doc.path)
        return QUrl.fromLocalFile(str(path.parent if folder else path))

    def open_original(self, folder: bool = False) -> None:
        url = self.original_url(folder)
        if url is None:
            self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Open a document first."), 4000)
            return
        if not Path(url.toLocalFile()).exists():
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "The file is no longer there: {path}").format(
                    path=url.toLocalFile()
                ),
                8000,
            )
            return
        if not QDesktopServices.openUrl(url):
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "No program could open {path}").format(path=url.toLocalFile()),
                8000,
            )

    def show_shortcuts(self) -> None:
        rows = [
            ("Ctrl+F", QCoreApplication.translate("MainWindow", "Search")),
            ("↑ ↓ / Enter", QCoreApplication.translate("MainWindow", "Move in the results / open on the left")),
            ("Ctrl+Enter", QCoreApplication.translate("MainWindow", "Open on the right")),
            ("Ctrl+1 / Ctrl+2", QCoreApplication.translate("MainWindow", "Left / right pane")),
            ("F3 / Shift+F3", QCoreApplication.translate("MainWindow", "Next / previous hit")),
            ("Ctrl+D", QCoreApplication.translate("MainWindow", "Bookmark the selection")),
            ("Ctrl+Shift+C", QCoreApplication.translate("MainWindow", "Copy with citation")),
            ("Ctrl+= / Ctrl+-", QCoreApplication.translate("MainWindow", "Text size")),
            ("Ctrl+E", QCoreApplication.translate("MainWindow", "Export")),
            ("Ctrl+L", QCoreApplication.translate("MainWindow", "Lock scrolling")),
        ]
        html = (
            "<table>"
            + "".join(f"<tr><td style='padding-right:16px;'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
            + "</table>"
        )
        QMessageBox.information(self, QCoreApplication.translate("MainWindow", "Keyboard shortcuts"), html)

    def set_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.sync()
        QMessageBox.information(
            self,
            QCoreApplication.translate("MainWindow", "Interface language"),
            QCoreApplication.translate("MainWindow", "The language changes the next time the program starts."),
        )
