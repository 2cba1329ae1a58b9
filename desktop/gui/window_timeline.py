"""The timeline in the main window (issue 17): a dock under the window holding TimelineView,
recomputed off the GUI thread after every search for its query and city filter. Its own
generation number drops counts that a newer search has overtaken."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from .timeline_view import TimelineView
from .workers import run_task


class TimelineDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Timeline"), parent)
        self.setObjectName("timeline_dock")
        self.view = TimelineView(self)
        self.view.setMinimumHeight(120)
        self.setWidget(self.view)
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.generation = 0
        self.delivered = 0
        self._last: tuple[Any, str, str | None] | None = None
        self._stale = False  # a search happened while hidden
        self.visibilityChanged.connect(self._on_visibility)

    def refresh(self, svc: Any, query: str, city: str | None) -> None:
        """Count the query's matches per month/year (within the city filter) and show them."""
        self._last = (svc, query, city)
        self.generation += 1
        gen = self.generation
        self._stale = svc is not None and not self.isVisible()
        if svc is None or self._stale:
            self.delivered = gen
            return
        run_task(lambda: svc.timeline(query, city=city), lambda t: self._on_done(gen, query, t),
                 lambda _exc: self._on_done(gen, query, {"buckets": [], "undated": 0}))

    def is_settled(self) -> bool:
        return self.delivered == self.generation

    def _on_done(self, gen: int, query: str, timeline: dict[str, Any]) -> None:
        if gen != self.generation:
            return  # a newer search's counts are on their way
        self.delivered = gen
        self.view.set_timeline(query, timeline)

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._stale and self._last is not None:
            self.refresh(*self._last)
