"""The main window's searching: a search runs on the thread pool, the newest one wins (a generation
number drops stale results), then the results, facets, summary, timeline and open panes' hits follow."""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.core.models import CityCount

from .workers import describe_error, run_task

SEARCH_LIMIT = 200


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


def query_spans(svc: Any, doc: Any, query: str) -> list[tuple[int, int]]:
    """The query's hits in a document (none for an empty query)."""
    return svc.spans_in(doc, query) if query else []


class SearchMixin:
    """Mixed into MainWindow (uses its widgets and services). Its strings keep the MainWindow
    translation context."""

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
                # facets: the chips and filters count what this search found, not the whole archive
                return svc.search(p["query"], city=p["city"], person=p["person"], series=p["series"],
                                  limit=SEARCH_LIMIT, snippets=3, sort=p["sort"], variants=True, facets=True)
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
        self.results_model.set_hits(result.hits, getattr(result, "variants", None),
                                    getattr(result, "variants_total", 0), getattr(result, "stories", None))
        if result.hits:
            self.results.select_first()
        if result.query:
            text = QCoreApplication.translate("MainWindow", "{n} documents found").format(n=result.total)
            stories_total = getattr(result, "stories_total", None)
            if stories_total is not None and stories_total != result.total:
                text += " · " + QCoreApplication.translate("MainWindow", "{n} stories").format(n=stories_total)
            if result.total > len(result.hits):
                text += " " + QCoreApplication.translate("MainWindow", "(showing {k})").format(k=len(result.hits))
        else:
            text = QCoreApplication.translate("MainWindow", "All {n} documents (type to search)").format(n=result.total)
            if result.total > len(result.hits):
                text += " " + QCoreApplication.translate("MainWindow", "(showing {k})").format(k=len(result.hits))
        if getattr(result, "variants_total", 0):
            text += " " + QCoreApplication.translate(
                "MainWindow", "· {n} more may hold it misread by OCR (below)").format(n=result.variants_total)
        if result.message:
            text += "\n" + result.message
        if self.runner.is_running():
            text += "\n" + QCoreApplication.translate(
                "MainWindow", "Indexing is under way: results are partial until it finishes.")
        elif getattr(result, "partial", False) or not self._index_complete():
            text += "\n" + QCoreApplication.translate(
                "MainWindow", "Indexing did not finish: results are partial. Re-scan to continue.")
        self.search_panel.set_summary(text)
        took = f"{result.took_ms:.0f}"
        self.time_label.setText(QCoreApplication.translate("MainWindow", "Search took {ms} ms").format(ms=took))
        if self.persist:
            self.settings.last_query = result.query
        self._refresh_pane_hits(result.query)
        self.timeline_dock.refresh(self.svc, result.query, self.search_panel.params()["city"])
        self.search_finished.emit(result)

    def _on_search_failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._delivered = gen
        self._load_the_rest()
        self.results_model.set_hits([])
        self.search_panel.set_summary(QCoreApplication.translate(
            "MainWindow", "The search could not run: {reason}").format(reason=describe_error(exc)))
        self.search_finished.emit(None)

    def _on_query_committed(self, query: str) -> None:
        if self.persist:
            self.search_panel.set_recent(self.settings.remember_query(query))

    def _refresh_pane_hits(self, query: str) -> None:
        svc = self.svc
        for pane in self.compare.panes:
            if pane.doc is None or pane.query == query:
                continue
            run_task(partial(query_spans, svc, pane.doc, query), partial(self._on_spans_found, pane, pane.doc, query),
                     self._on_background_error)

    @staticmethod
    def _on_spans_found(pane: Any, doc: Any, query: str, spans: list[tuple[int, int]]) -> None:
        if pane.doc is doc:  # still the same document
            pane.set_spans(spans, query)
