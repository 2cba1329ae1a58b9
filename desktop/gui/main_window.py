"""The main window: search and filters, results, two reader panes, bookmarks, the archive.

It owns the ArchiveService (created off the GUI thread after the window is shown), runs
searches on a thread pool (debounced; a generation number drops stale results) and indexing in
a child process (IndexRunner).

Signals: service_ready(), service_failed(str message), search_finished(object result), document_opened(int side),
document_failed(int side, str message),
bookmark_added(object bookmark), index_finished(dict report).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .bookmarks_panel import BookmarksPanel
from .compare_view import CompareView
from .concordance_view import ConcordanceView
from .index_panel import IndexPanel
from .index_runner import IndexRunner
from .results_model import HitsModel
from .results_view import ResultsView
from .search_panel import SearchPanel
from .settings import Settings
from .window_bookmarks import BookmarksMixin
from .window_indexing import IndexingMixin
from .window_menus import MenusMixin
from .window_reading import ReadingMixin
from .window_search import SearchMixin
from .window_timeline import TimelineDock
from .workers import describe_error, run_task

log = logging.getLogger(__name__)


class MainWindow(MenusMixin, BookmarksMixin, IndexingMixin, SearchMixin, ReadingMixin, QMainWindow):
    service_ready = Signal()
    service_failed = Signal(str)
    search_finished = Signal(object)
    document_opened = Signal(int)
    document_failed = Signal(int, str)
    bookmark_added = Signal(object)
    index_finished = Signal(dict)

    def __init__(self, data_dir: Path, settings: Settings, *, restore: bool = True, persist: bool = True) -> None:
        """restore: reopen the last session (query, documents); persist: remember this one
        (both off for --screenshot runs, which leave the user's settings alone)."""
        super().__init__()
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.restore_session = restore
        self.persist = persist
        self.svc: Any = None
        self.result: Any = None
        self.archive: dict[str, Any] = {}
        self._generation = 0
        self._delivered = 0
        self._search_pending = False
        self._seeding = False
        self._archive_loads = 0  # reloads of counts and facets on their way
        self._first_load_pending = False
        self._closing = False
        self.quiet = False  # --screenshot: errors go to stderr instead of message boxes
        self.bookmark_dialog: Any = None
        self.export_dialog: Any = None
        self.setWindowTitle(self.tr("Archive Browser: Chinese news archive"))
        self.setAcceptDrops(True)

        # ---- widgets ----
        self.search_panel = SearchPanel(self)
        self.results_model = HitsModel(self)
        self.results_model.match_label = self.tr("{n} matches")
        self.results_model.words = {
            "title": self.tr("title"), "person": self.tr("person"), "city": self.tr("city"), "body": self.tr("body"),
            "apart": self.tr("words apart"), "variant": self.tr("OCR variant {v}"), "matched": self.tr("Matched: {what}"),
            "count": self.tr("{n}×"), "variants": self.tr("Possible OCR misreadings: {n} documents"),
            "variants_note": self.tr("the query with one character misread; not counted above"),
            "versions": self.tr("{n} more versions (Space shows them)"),
            "versions_open": self.tr("{n} more versions (Space hides them)"),
            "version_of": self.tr("another version of the story above")}
        self.search_panel.each_version.toggled.connect(lambda on: self.results_model.set_each_version(on))
        self.results = ResultsView(self)
        self.results.setModel(self.results_model)
        search_tab = QWidget(self)
        box = QVBoxLayout(search_tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.search_panel)
        box.addWidget(self.results, 1)
        self.bookmarks_panel = BookmarksPanel(self)
        self.index_panel = IndexPanel(self)
        self.sidebar = QTabWidget(self)
        self.sidebar.addTab(search_tab, self.tr("Search"))
        self.sidebar.addTab(self.bookmarks_panel, self.tr("Bookmarks"))
        self.sidebar.addTab(self.index_panel, self.tr("Archive"))
        self.concordance = ConcordanceView(lambda: self.svc, self)  # issue 17: every hit in context
        self.sidebar.addTab(self.concordance, self.tr("Concordance"))
        self.concordance.open_requested.connect(lambda key, s, e: self.open_document(key, 0, (s, e)))
        self.compare = CompareView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.compare)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([400, 1000])
        self.setCentralWidget(self.splitter)
        self.timeline_dock = TimelineDock(self)  # issue 17: matches per month, click = date filter
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)
        self.timeline_dock.view.queryChanged.connect(self.search_panel.set_query)

        # ---- status bar ----
        self.docs_label = QLabel(self)
        self.index_label = QLabel(self.tr("Opening the archive…"), self)
        self.index_progress = QProgressBar(self)
        self.index_progress.setMaximumWidth(140)
        self.index_progress.setVisible(False)
        self.index_cancel = QToolButton(self)
        self.index_cancel.setText(self.tr("Cancel"))
        self.index_cancel.setVisible(False)
        self.index_cancel.clicked.connect(self.cancel_indexing)
        self.time_label = QLabel(self)
        sb = self.statusBar()
        for w in (self.docs_label, self.index_label, self.index_progress, self.index_cancel, self.time_label):
            sb.addPermanentWidget(w)

        # ---- indexing ----
        self.runner = IndexRunner(self.data_dir, self)
        self.runner.started.connect(self._on_runner_started)
        self.runner.progress.connect(self._on_runner_progress)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)

        # ---- wiring ----
        self.search_panel.search_requested.connect(self.search)
        self.search_panel.query_committed.connect(self._on_query_committed)
        self.search_panel.move_to_results.connect(self._focus_results)
        self.results.open_requested.connect(lambda hit, side: self.open_document(hit.id, side))
        for pane in self.compare.panes:
            pane.bookmark_requested.connect(lambda s, e, side=pane.side: self.request_bookmark(side, s, e))
            pane.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
            pane.date_correction_requested.connect(partial(self.correct_date, pane.side))
        self.bookmarks_panel.open_requested.connect(self.open_bookmark)
        self.bookmarks_panel.export_requested.connect(lambda items: self.show_export(items))
        self.bookmarks_panel.changed.connect(self._update_bookmarks_tab)
        self.bookmarks_panel.removed.connect(lambda n: self.statusBar().showMessage(
            self.tr("Removed {n} bookmark(s). Undo: Ctrl+Z in the bookmarks, or the Undo button.").format(n=n), 10000))
        self.index_panel.add_folder_requested.connect(self.choose_folder)
        self.index_panel.add_files_requested.connect(self.choose_files)
        self.index_panel.rescan_requested.connect(lambda: self.runner.start([]))
        self.index_panel.remove_requested.connect(self.remove_source)
        self.index_panel.cancel_requested.connect(self.cancel_indexing)
        self._make_menus()
        self._restore_layout()
        self.search_panel.set_recent(self.settings.recent_queries)
        for pane in self.compare.panes:
            pane.set_font_size(self.settings.font_size)
        self.compare.documents_changed()
        self._update_status()

    # ---- start-up ----
    def start(self) -> None:
        """Open the archive off the GUI thread; call after show()."""
        data_dir = self.data_dir

        def open_service():
            from desktop.core.service import ArchiveService

            return ArchiveService(data_dir)

        run_task(open_service, self._on_service_ready, self._on_service_failed)

        def warm() -> None:
            from desktop.core.service import warm_up

            warm_up()

        run_task(warm)

    def _on_service_ready(self, svc: Any) -> None:
        if self._closing:
            svc.close()
            return
        self.svc = svc
        self.compare.service = svc  # the diff's export
        for pane in self.compare.panes:
            pane.image_loader = self._load_page_image
        if self.restore_session:
            self._restore_session()
        self.search()  # first what the user waits for; counts, facets and bookmarks right after it
        self._first_load_pending = True
        self.service_ready.emit()

    def _load_the_rest(self) -> None:
        if self._first_load_pending and self.svc is not None:
            self._first_load_pending = False
            self.refresh_archive(check_seed=True)
            self.bookmarks_panel.set_service(self.svc)

    def _on_service_failed(self, exc: BaseException) -> None:
        self.index_label.setText(self.tr("The archive could not be opened"))
        self.report_error(self.tr("Archive Browser"),
                          self.tr("The archive in {path} could not be opened:\n{reason}").format(
                              path=self.data_dir, reason=describe_error(exc)))
        self.service_failed.emit(describe_error(exc))

    def refresh_archive(self, check_seed: bool = False) -> None:
        """Reload counts, facets, folders and skipped files (after start and after indexing)."""
        svc = self.svc
        if svc is None:
            return

        def load() -> dict[str, Any]:
            seeded = svc.is_seeded()
            return {"stats": svc.stats(), "cities": svc.cities(), "persons": svc.facet("person"),
                    "series": svc.facet("series"), "sources": svc.sources(), "skipped": svc.skipped(),
                    "seeded": seeded}

        self._archive_loads += 1

        def failed(exc: BaseException) -> None:
            self._archive_loads -= 1
            self._on_background_error(exc)

        run_task(load, lambda data: self._on_archive_loaded(data, check_seed), failed)

    def is_archive_settled(self) -> bool:
        """No reload of counts, facets and folders is on its way."""
        return self._archive_loads == 0

    def _on_archive_loaded(self, data: dict[str, Any], check_seed: bool) -> None:
        self._archive_loads -= 1
        self.archive = data
        stats = data["stats"]
        if self.result is None:  # until the first search counts its own results
            self.search_panel.set_facets(data["cities"], stats["documents"], data["persons"], data["series"])
        self.bookmarks_panel.known_cities = [c.city for c in data["cities"]]
        self.index_panel.set_sources(data["sources"])
        self.index_panel.set_skipped(data["skipped"])
        self._update_status()
        if check_seed and not self._index_complete() and data["sources"] and not self.runner.is_running():
            # the last run stopped early (crash, kill, power loss, Cancel): carry on where it stopped
            self.statusBar().showMessage(self.tr("The last indexing run did not finish; continuing it."), 8000)
            self.runner.start([])
        elif check_seed and stats["documents"] == 0 and not data["sources"] and not data["seeded"]:
            from desktop.core import paths

            if paths.SEEDS_DIR.is_dir():
                self._seeding = True
                self.runner.start([str(paths.SEEDS_DIR)])

    def _index_complete(self) -> bool:
        state = (self.archive.get("stats") or {}).get("index")
        return state is None or bool(state.get("complete", True))

    def _update_status(self) -> None:
        stats = self.archive.get("stats")
        if stats:
            self.docs_label.setText(self.tr("{d} documents · {c} cities").format(d=stats["documents"],
                                                                                   c=stats["cities"]))
            self.index_panel.set_state(stats.get("index"))
        if not self.runner.is_running() and self.svc is not None:
            if self._index_complete():
                self.index_label.setText(self.tr("Index ready"))
            else:
                state = stats["index"]
                self.index_label.setText(self.tr("Indexed {done} / {expected} — unfinished").format(
                    done=f"{state['documents']:,}", expected=f"{state['expected']:,}"))

    def report_error(self, title: str, message: str) -> None:
        """Tell the user in plain words (a message box; stderr in --screenshot mode)."""
        if self.quiet:
            import sys

            sys.stderr.write(f"error: {title}: {message}\n")
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.open()

    def _on_background_error(self, exc: BaseException) -> None:
        self.statusBar().showMessage(describe_error(exc), 8000)

    # ---- drag and drop ----
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
            self.statusBar().showMessage(self.tr("Adding {n} item(s) to the archive…").format(n=len(paths)), 5000)

    # ---- settings ----
    def _restore_layout(self) -> None:
        s = self.settings
        if (g := s.bytes("window/geometry")) is not None:
            self.restoreGeometry(g)
        else:
            self.resize(1400, 860)
        for key, splitter in self._splitters().items():
            if (state := s.bytes(f"splitters/{key}")) is not None:
                splitter.restoreState(state)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "panes": self.compare.splitter,
                "left_body": self.compare.pane(0).body, "right_body": self.compare.pane(1).body}

    def _restore_session(self) -> None:
        state = self.settings.open_documents
        self.compare.set_compare_mode(bool(state.get("compare", True)))
        self.compare.set_locked(bool(state.get("lock", False)))
        query = self.settings.last_query
        if query:
            self.search_panel.set_query(query, search=False)
        for side, key in ((0, state.get("left")), (1, state.get("right"))):
            if key:
                self.open_document(key, side, quiet=True)  # gone since: nothing to say

    def _save_open_documents(self) -> None:
        if not self.persist:
            return
        panes = self.compare.panes
        self.settings.open_documents = {
            "left": panes[0].doc.id if panes[0].doc is not None else None,
            "right": panes[1].doc.id if panes[1].doc is not None else None,
            "compare": self.compare.compare_mode, "lock": self.compare.locked}

    def save_settings(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.set_bytes("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            s.set_bytes(f"splitters/{key}", splitter.saveState())
        self._save_open_documents()
        s.last_query = self.search_panel.query()
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.save_settings()
        self.runner.kill()
        from .workers import wait_for_all

        wait_for_all(5000)
        if self.svc is not None:
            try:
                self.svc.close()
            except Exception as exc:  # noqa: BLE001 - closing must never stop the window from closing
                log.debug("closing the archive: %s", exc)
            self.svc = None
        super().closeEvent(event)
