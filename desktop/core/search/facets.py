"""Facet counts: how many of a query's documents fall under each city, person and series.

Each facet is counted with the other chosen filters applied but not its own, so the user can pick
another value; `total` is the documents of every city. Pure counting over metadata rows: the
searcher hands over the rowids its evaluation found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Container
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.search.meta import MetaRow

FACETS = ("city", "person", "series")


def count_facets(meta: dict[int, MetaRow], rows: Collection[int], *, city: str | None = None,
                 person: str | None = None, series: str | None = None,
                 allowed: Container[int] | None = None) -> dict[str, Any]:
    """{"city": [(value, n), ...], "person": [...], "series": [...], "total": n}, most frequent first.
    Series count only where the article has a running number. `allowed`, when given, is a filter
    every facet obeys (the date range): rows outside it are not counted at all."""
    chosen = {"city": city or None, "person": person or None, "series": series or None}
    counters: dict[str, Counter] = {f: Counter() for f in chosen}
    total = 0
    for r in rows:
        m = meta.get(r)
        if m is None or (allowed is not None and r not in allowed):
            continue
        misses = [f for f, v in chosen.items() if v is not None and getattr(m, f) != v]
        if len(misses) > 1:
            continue
        for f in chosen:
            if (not misses or misses == [f]) and getattr(m, f) and (f != "series" or m.series_no is not None):
                counters[f][getattr(m, f)] += 1
        if not misses or misses == ["city"]:
            total += 1
    out: dict[str, Any] = {f: sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))) for f, c in counters.items()}
    out["total"] = total
    return out
