"""Matching articles per month or per year (issue 17's timeline): exact counts over ALL the
documents a query matches (SearchResult.rowids), not a page of hits.

A document dated only to the year ("2024") counts in the year's bucket when counting by year, and
in "2024" (its own, year-only bucket) when counting by month; undated documents and dates without a
year are counted apart (`undated`). by="auto": months, or years when the dates span more than six years.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

AUTO_YEARS = 6


def timeline(searcher: Any, query: str, *, by: str = "auto", city: str | None = None) -> dict[str, Any]:
    """{"by": "month"|"year", "buckets": [(key, n), ...] in date order, "undated": n, "total": n}."""
    if by not in ("auto", "month", "year"):
        raise ValueError(by)
    result = searcher.search(query, limit=1, snippets=0, city=city)
    meta = searcher.meta()
    dates = [meta[r].date if r in meta else None for r in result.rowids]
    dated = [d for d in dates if d and not d.startswith("-")]
    if by == "auto":
        years = {int(d[:4]) for d in dated}
        by = "year" if years and max(years) - min(years) > AUTO_YEARS else "month"
    counts = Counter(d[:4] if by == "year" else d[:7] for d in dated)
    return {"by": by, "buckets": sorted(counts.items()), "undated": len(dates) - len(dated),
            "total": len(dates)}
