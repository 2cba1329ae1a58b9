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
import time
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
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

from desktop.core.models import CityCount

from . import file_dialogs
from .bookmarks_panel import BookmarksPanel
from .compare_view import CompareView
from .index_panel import IndexPanel
from .index_runner import IndexRunner
from .results_model import HitsModel
from .results_view import ResultsView
from .search_panel import SearchPanel
from .settings import Settings
from .workers import describe_error, run_task

SEARCH_LIMIT = 200
log = logging.getLogger(__name__)


def browse_all(svc: Any, sort: str, limit: int = SEARCH_LIMIT):
    """The archive's documents as hits without matches (the list shown for an empty query)."""
    from desktop.core.models import Hit, SearchResult

    started = time.perf_counter()
    hits = [Hit(id=d["id"], path=d["path"], title=d["title"] or "", city=d["city"], person=d["person"],
                series_no=d["series_no"], score=0.0, matches=0, snippets=[], series=d["series"])
            for d in svc.documents()]
    if sort == "city":
        hits.sort(key=lambda h: (h.city or "\uffff", h.series_no or 0))
    elif sort == "series":
        hits.sort(key=lambda h: (h.series_no is None, h.series_no or 0))
    return SearchResult("", len(hits), (time.perf_counter() - started) * 1000, hits[:limit])


def _spans(svc: Any, doc: Any, query: str) -> list[tuple[int, int]]:
    return svc.spans_in(doc, query) if query else []


class MainWindow(QMainWindow):
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
            "variants_note": self.tr("the query with one character misread; not counted above")}
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
        self.compare = CompareView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.compare)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([400, 1000])
        self.setCentralWidget(self.splitter)

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
        m = bar.addMenu(self.tr("&File"))
        self._action(m, self.tr("Add folder…"), self.choose_folder, "Ctrl+O")
        self._action(m, self.tr("Add files…"), self.choose_files)
        self._action(m, self.tr("Re-scan the archive"), lambda: self.runner.start([]))
        m.addSeparator()
        self._action(m, self.tr("Export…"), lambda: self.show_export(), "Ctrl+E")
        self.print_action = self._action(m, self.tr("Print…"), self.print_current, QKeySequence.StandardKey.Print)
        m.addSeparator()
        self._action(m, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)

        m = bar.addMenu(self.tr("&Search"))
        self._action(m, self.tr("Find"), self.focus_search, "Ctrl+F")
        self._action(m, self.tr("Next hit"), lambda: self.compare.active_pane().next_hit(), "F3")
        self._action(m, self.tr("Previous hit"), lambda: self.compare.active_pane().prev_hit(), "Shift+F3")
        self._action(m, self.tr("Search syntax"), self.search_panel.show_help, "F1")

        m = bar.addMenu(self.tr("&Reader"))
        self._action(m, self.tr("Left pane"), lambda: self.focus_pane(0), "Ctrl+1")
        self._action(m, self.tr("Right pane"), lambda: self.focus_pane(1), "Ctrl+2")
        m.addSeparator()
        self._action(m, self.tr("Bookmark selection"), lambda: self.compare.active_pane().request_bookmark(), "Ctrl+D")
        self._action(m, self.tr("Bookmark whole document"),
                     lambda: self.request_bookmark(self.compare.active, -1, -1), "Ctrl+Shift+D")
        self._action(m, self.tr("Copy with citation"), lambda: self.compare.active_pane().copy_with_citation(),
                     "Ctrl+Shift+C")
        m.addSeparator()
        self._action(m, self.tr("Open the original file"), lambda: self.open_original(folder=False))
        self._action(m, self.tr("Show in folder"), lambda: self.open_original(folder=True))
        m.addSeparator()
        self._action(m, self.tr("Larger text"), lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"])
        self._action(m, self.tr("Smaller text"), lambda: self.zoom(-1), "Ctrl+-")
        self.original_action = self._action(m, self.tr("Show original OCR text"), self._on_original_action,
                                            "Ctrl+T", checkable=True)
        m.addSeparator()
        self.compare_action = self._action(m, self.tr("Compare mode"), self.compare.set_compare_mode,
                                           checkable=True)
        self.compare_action.setChecked(self.compare.compare_mode)
        self.compare.compare_button.toggled.connect(self.compare_action.setChecked)
        self.lock_action = self._action(m, self.tr("Lock scrolling"), self.compare.set_locked, "Ctrl+L",
                                        checkable=True)
        self.compare.lock_button.toggled.connect(self.lock_action.setChecked)

        m = bar.addMenu(self.tr("Se&ttings"))
        lang = m.addMenu(self.tr("Interface language"))
        group = QActionGroup(self)
        for code, name in (("zh", "中文"), ("en", "English")):
            a = self._action(lang, name, lambda _checked=False, c=code: self.set_language(c), checkable=True)
            a.setChecked(self.settings.language == code)
            group.addAction(a)

        m = bar.addMenu(self.tr("&Help"))
        self._action(m, self.tr("Search syntax"), self.search_panel.show_help)
        self._action(m, self.tr("Keyboard shortcuts"), self.show_shortcuts)
        self._action(m, self.tr("About Archive Browser"), self.show_about)

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
            title = self.tr("Excerpts")
            try:
                excerpts = excerpts_from_bookmarks(chosen, load_docs(self.svc))
            except Exception as exc:  # noqa: BLE001 - said in plain words
                self.statusBar().showMessage(describe_error(exc), 8000)
                return
            self.print_dialog = open_print_dialog(self, excerpts_for_printing(title, excerpts), title)
            return
        pane = self.compare.active_pane()
        if pane.doc is None:
            self.statusBar().showMessage(self.tr("Open a document first."), 4000)
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
            self.statusBar().showMessage(self.tr("Open a document first."), 4000)
            return
        if not Path(url.toLocalFile()).exists():
            self.statusBar().showMessage(self.tr("The file is no longer there: {path}").format(
                path=url.toLocalFile()), 8000)
            return
        if not QDesktopServices.openUrl(url):
            self.statusBar().showMessage(self.tr("No program could open {path}").format(path=url.toLocalFile()), 8000)

    def show_shortcuts(self) -> None:
        rows = [("Ctrl+F", self.tr("Search")), ("↑ ↓ / Enter", self.tr("Move in the results / open on the left")),
                ("Ctrl+Enter", self.tr("Open on the right")), ("Ctrl+1 / Ctrl+2", self.tr("Left / right pane")),
                ("F3 / Shift+F3", self.tr("Next / previous hit")), ("Ctrl+D", self.tr("Bookmark the selection")),
                ("Ctrl+Shift+C", self.tr("Copy with citation")), ("Ctrl+= / Ctrl+-", self.tr("Text size")),
                ("Ctrl+E", self.tr("Export")), ("Ctrl+L", self.tr("Lock scrolling"))]
        html = "<table>" + "".join(f"<tr><td style='padding-right:16px;'><b>{k}</b></td><td>{v}</td></tr>"
                                   for k, v in rows) + "</table>"
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html)

    def set_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.sync()
        QMessageBox.information(self, self.tr("Interface language"),
                                self.tr("The language changes the next time the program starts."))

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

    # ---- searching ----
    def focus_search(self) -> None:
        self.sidebar.setCurrentIndex(0)
        self.search_panel.focus_search()

    def _focus_results(self) -> None:
        self.results.setFocus()
        if not self.results.currentIndex().isValid():
            self.results.select_first()

    def search(self) -> None:
        if self.svc is None:
            self._search_pending = True
            return
        self._search_pending = False
        p = self.search_panel.params()
        self._generation += 1
        gen = self._generation
        svc = self.svc

        def job():
            if not p["query"] and not (p["city"] or p["person"] or p["series"]):
                result = browse_all(svc, p["sort"])
            else:
                result = svc.search(p["query"], city=p["city"], person=p["person"], series=p["series"],
                                    limit=SEARCH_LIMIT, snippets=3, sort=p["sort"], variants=True)
            # the chips and filters count what this search found, not the whole archive
            result.facets = svc.facet_counts(p["query"], city=p["city"], person=p["person"], series=p["series"])
            return result

        run_task(job, lambda r: self._on_search_done(gen, r), lambda e: self._on_search_failed(gen, e))

    def is_search_settled(self) -> bool:
        return self.svc is not None and not self._search_pending and self._delivered == self._generation

    def _on_search_done(self, gen: int, result: Any) -> None:
        if gen != self._generation:
            return  # a newer search is on its way
        self._delivered = gen
        self._load_the_rest()
        self.result = result
        facets = getattr(result, "facets", None)
        if facets is not None:
            self.search_panel.set_facets([CityCount(c, n) for c, n in facets["city"]], facets["total"],
                                         facets["person"], facets["series"])
        self.results_model.set_hits(result.hits, getattr(result, "variants", None), getattr(result, "variants_total", 0))
        if result.hits:
            self.results.select_first()
        if result.query:
            text = self.tr("{n} documents found").format(n=result.total)
            if result.total > len(result.hits):
                text += " " + self.tr("(showing {k})").format(k=len(result.hits))
        else:
            text = self.tr("All {n} documents (type to search)").format(n=result.total)
            if result.total > len(result.hits):
                text += " " + self.tr("(showing {k})").format(k=len(result.hits))
        if getattr(result, "variants_total", 0):
            text += " " + self.tr("· {n} more may hold it misread by OCR (below)").format(n=result.variants_total)
        if result.message:
            text += "\n" + result.message
        if self.runner.is_running():
            text += "\n" + self.tr("Indexing is under way: results are partial until it finishes.")
        elif getattr(result, "partial", False) or not self._index_complete():
            text += "\n" + self.tr("Indexing did not finish: results are partial. Re-scan to continue.")
        self.search_panel.set_summary(text)
        self.time_label.setText(self.tr("Search took {ms} ms").format(ms=f"{result.took_ms:.0f}"))
        if self.persist:
            self.settings.last_query = result.query
        self._refresh_pane_hits(result.query)
        self.search_finished.emit(result)

    def _on_search_failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._delivered = gen
        self._load_the_rest()
        self.results_model.set_hits([])
        self.search_panel.set_summary(self.tr("The search could not run: {reason}").format(reason=describe_error(exc)))
        self.search_finished.emit(None)

    def _on_query_committed(self, query: str) -> None:
        if self.persist:
            self.search_panel.set_recent(self.settings.remember_query(query))

    def _refresh_pane_hits(self, query: str) -> None:
        svc = self.svc
        for pane in self.compare.panes:
            if pane.doc is None or pane.query == query:
                continue
            run_task(partial(_spans, svc, pane.doc, query), partial(self._on_spans_found, pane, pane.doc, query),
                     self._on_background_error)

    @staticmethod
    def _on_spans_found(pane: Any, doc: Any, query: str, spans: list[tuple[int, int]]) -> None:
        if pane.doc is doc:  # still the same document
            pane.set_spans(spans, query)

    # ---- reading ----
    def open_document(self, key: str, side: int = 0, passage: tuple[int, int] | None = None,
                      *, quiet: bool = False) -> None:
        """Load a document (id or path) off the GUI thread and show it in a pane; with the current
        query's hits highlighted, or with `passage` (a cleaned range) marked. quiet: no error box."""
        svc = self.svc
        if svc is None:
            return
        query = self.search_panel.query()
        if query and not quiet:
            self._on_query_committed(query)

        def load():
            doc = svc.document(key)
            return doc, _spans(svc, doc, query)

        run_task(load, lambda r: self._on_document_loaded(side, r, query, passage),
                 None if quiet else partial(self._on_document_failed, side))

    def _on_document_failed(self, side: int, exc: BaseException) -> None:
        message = describe_error(exc)
        self.report_error(self.tr("Open document"), message)
        self.document_failed.emit(side, message)

    def _on_document_loaded(self, side: int, loaded: tuple[Any, list], query: str,
                            passage: tuple[int, int] | None) -> None:
        doc, spans = loaded
        pane = self.compare.pane(side)
        pane.set_document(doc, spans, query, first_hit=passage is None)
        if passage is not None:
            pane.show_passage(*passage)
        self.compare.set_active(side)
        self.compare.documents_changed()
        if side == 1 and self.splitter.sizes()[1] < 600:
            self.splitter.setSizes([380, max(600, self.width() - 380)])
        self._save_open_documents()
        # the hit stays in view once the new layout has run; then the document counts as opened
        self.compare.settle(side, lambda: self.document_opened.emit(side))

    def focus_pane(self, side: int) -> None:
        self.compare.set_active(side)
        self.compare.pane(side).focus_text()

    def zoom(self, step: int) -> None:
        size = self.compare.active_pane().font_size() + step
        for pane in self.compare.panes:
            pane.set_font_size(size)
        self.settings.font_size = size
        self.statusBar().showMessage(self.tr("Text size {size} pt").format(size=int(size)), 2000)

    def _on_original_action(self, on: bool) -> None:
        for pane in self.compare.panes:
            pane.set_original(on)

    # ---- bookmarks ----
    def request_bookmark(self, side: int, start: int, end: int) -> None:
        pane = self.compare.pane(side)
        doc, svc = pane.doc, self.svc
        if doc is None or svc is None:
            self.statusBar().showMessage(self.tr("Open a document first."), 4000)
            return
        from .bookmark_dialog import BookmarkDialog

        whole = start < 0
        quote = doc.meta.title if whole else doc.text[start:end]
        citation = pane.citation(None if whole else start)
        cities = [c.city for c in self.archive.get("cities", [])]
        dlg = BookmarkDialog(quote, citation, doc.meta.city, cities, parent=self)
        if whole:
            dlg.setWindowTitle(self.tr("Bookmark whole document"))
        self.bookmark_dialog = dlg

        def done(result: int) -> None:
            self.bookmark_dialog = None
            self.activateWindow()  # give the keyboard back to the window (offscreen has no window manager)
            if result != BookmarkDialog.DialogCode.Accepted:
                return
            city, note = dlg.values()
            if whole:
                job = lambda: svc.bookmarks.add_document(doc, city=city, note=note)
            else:
                job = lambda: svc.bookmarks.add_passage(doc, start, end, city=city, note=note)
            run_task(job, self._on_bookmark_saved,
                     lambda exc: self.report_error(self.tr("Bookmark"), describe_error(exc)),
                     pool_name="write")

        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(done)
        dlg.open()

    def _on_bookmark_saved(self, bookmark: Any) -> None:
        self.statusBar().showMessage(self.tr("Bookmarked under {city}").format(
            city=bookmark.city or self.tr("No city")), 5000)
        self.bookmarks_panel.refresh()
        self.bookmark_added.emit(bookmark)

    def open_bookmark(self, bookmark: Any, side: int = -1) -> None:
        """Show a bookmark's passage: in the pane already showing its document (never a second copy
        beside it), else in `side`, else in the active pane."""
        passage = None
        if bookmark.kind == "passage" and bookmark.status != "orphan" and bookmark.start is not None:
            passage = (bookmark.start, bookmark.end)
        showing = [i for i in (0, 1) if self.compare.pane(i).doc is not None
                   and self.compare.pane(i).doc.id == bookmark.doc_id]
        if side < 0 and showing:
            side = showing[0]
        elif side < 0:
            side = self.compare.active if self.compare.pane(1).has_document() else 0
        self.open_document(bookmark.doc_id, side, passage)

    def _update_bookmarks_tab(self) -> None:
        n = len(self.bookmarks_panel.bookmarks())
        self.sidebar.setTabText(1, self.tr("Bookmarks ({n})").format(n=n) if n else self.tr("Bookmarks"))

    def show_export(self, selected: list[Any] | None = None) -> None:
        if self.svc is None:
            return
        from .export_dialog import ExportDialog

        if selected is None:
            selected = self.bookmarks_panel.selected()
        hits = [h for h in (self.result.hits if self.result is not None and self.result.query else [])]
        dlg = ExportDialog(self.svc, selected=selected, bookmarks=self.bookmarks_panel.bookmarks(), hits=hits,
                           query=self.search_panel.query(), city_order=self.bookmarks_panel.city_order(), parent=self)
        dlg.saved.connect(lambda path: self.statusBar().showMessage(self.tr("Exported to {path}").format(path=path),
                                                                     8000))
        self.export_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(self._on_export_dialog_finished)
        dlg.open()

    def _on_export_dialog_finished(self, _result: int) -> None:
        self.export_dialog = None
        self.activateWindow()

    # ---- indexing ----
    def add_paths(self, paths: list[str]) -> None:
        paths = [str(Path(p)) for p in paths if p]
        if paths:
            self.runner.start(paths)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Add a folder to the archive"))
        if folder:
            self.add_paths([folder])

    def choose_files(self) -> None:
        files = file_dialogs.choose_files(self, self.tr("Add files to the archive"),
                                          self.tr("Text files (*.txt);;All files (*)"))
        if files:
            self.add_paths(files)

    def remove_source(self, path: str) -> None:
        svc = self.svc
        if svc is None or self.runner.is_running():
            self.statusBar().showMessage(self.tr("Wait until indexing has finished."), 4000)
            return
        answer = QMessageBox.question(self, self.tr("Remove folder"),
                                      self.tr("Remove {path} from the archive? The files stay on disk.").format(
                                          path=path))
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_task(lambda: svc.remove_source(path), lambda _r: self._after_index_change(), self._on_background_error,
                 pool_name="write")

    def cancel_indexing(self) -> None:
        if self.runner.is_running():
            self.index_panel.set_cancelling()
            self.index_label.setText(self.tr("Cancelling indexing…"))
            self.runner.cancel()

    def _on_runner_started(self, paths: list) -> None:
        self.index_panel.set_running(True)
        self.index_progress.setRange(0, 0)
        self.index_progress.setVisible(True)
        self.index_cancel.setVisible(True)
        self.index_label.setText(self.tr("Indexing…"))

    def _on_runner_progress(self, done: int, total: int, current: str) -> None:
        self.index_panel.set_progress(done, total, current)
        if total:
            self.index_progress.setRange(0, total)
            self.index_progress.setValue(done)
        self.index_label.setText(self.tr("Indexing {done} / {total}").format(done=done, total=total))

    def _on_runner_finished(self, report: dict) -> None:
        self._indexing_stopped()
        self.index_panel.set_report(report)
        if report.get("cancelled"):
            self.index_label.setText(self.tr("Indexing cancelled"))
        else:
            self.index_label.setText(self.tr("Index ready"))
        if self._seeding and not report.get("cancelled") and self.svc is not None:
            svc = self.svc
            run_task(svc.mark_seeded, pool_name="write")
        self._seeding = False
        if report.get("skipped"):
            self.statusBar().showMessage(self.tr("{n} files were skipped: see the Archive tab").format(
                n=len(report["skipped"])), 8000)
        self._after_index_change()
        self.index_finished.emit(report)

    def _on_runner_failed(self, message: str) -> None:
        self._indexing_stopped()
        self._seeding = False
        self.index_label.setText(self.tr("Indexing failed"))
        self.index_panel.set_report_text(self.tr("Indexing failed: {reason}").format(reason=message))
        self.statusBar().showMessage(self.tr("Indexing failed: {reason}").format(reason=message), 10000)
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
