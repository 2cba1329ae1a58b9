"""One document's metadata as the searcher holds it in memory (shared by the searcher, facets, variants)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class MetaRow:
    rowid: int
    id: str
    path: str
    title: str
    city: str | None
    person: str | None
    series: str | None
    series_no: int | None
    length: int
    headlines: str | None = None  # JSON list of the header's other headline lines
    date: str | None = None  # ISO publication date (ingest/dates.py)
