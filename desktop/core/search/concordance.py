"""A concordance (KWIC) of a query: every hit in every matching document as a row.

Hits are located in the match texts the searcher holds in memory (whitespace removed, folded one
character for one), so counting and sorting never read a document; a row's left, hit and right
context come from the cleaned text, read from the store only for the rows asked for (in chunks).
Sort keys are slices of the match texts: right = the text after the hit, left = the text before it
reversed (read outward from the hit, as concordancers do).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from desktop.core.ingest.cleaning import fold, match_offsets
from desktop.core.models import page_at
from desktop.core.search.query import Field, And, parse, positive_terms
from desktop.core.search.snippets import merge_overlapping, term_ranges

SORTS = ("right", "left", "date", "city", "title", "document")
DEFAULT_WIDTH = 30
KEY_CHARS = 24  # characters of context a left/right sort key compares


def hit_positions(match: str, terms: list[str]) -> list[tuple[int, int]]:
    """Match-text ranges of every occurrence of each term, overlapping ones merged."""
    return merge_overlapping(sorted(term_ranges(match, terms)))


class Concordance:
    """The rows of one query; positions first, contexts built on demand (row(i), rows(lo, hi))."""

    def __init__(self, searcher, query: str, *, width: int = DEFAULT_WIDTH, sort: str = "right",
                 city: str | None = None):
        self.searcher, self.query, self.width = searcher, query, max(0, int(width))
        self.message: str | None = None
        parsed = parse(query or "")
        meta, texts = searcher._refresh()
        self._meta, self._texts = meta, texts
        root = parsed.root
        if city:
            root = And(([root] if root is not None else []) + [Field("city", fold(city).strip())])
        terms = positive_terms(parsed.root) if parsed.root is not None else []
        if parsed.joined and parsed.joined not in terms:
            terms = [parsed.joined] + terms
        self.terms = terms
        rowids: list[int] = []
        if root is None or not terms:
            self.message = parsed.message
        else:
            try:
                rowids = sorted(searcher._eval(root, meta, {None: texts}), key=lambda r: meta[r].path)
            except Exception as exc:  # never a traceback for the user
                self.message = f"无法执行这个查询：{exc.__class__.__name__}"
        hits: list[tuple[int, int, int]] = []
        per_doc: dict[int, int] = {}
        for r in rowids:
            found = hit_positions(texts.get(r, ""), terms)
            per_doc[r] = len(found)
            hits.extend((r, s, e) for s, e in found)
        self._hits = hits
        self.per_doc = per_doc
        self.total = len(hits)
        self._dates: dict[int, str | None] = {}
        if rowids:
            got = searcher.store.rows_by_rowid(rowids, "date")
            self._dates = {r: (got.get(r, (None,))[0] or None) for r in rowids}
        self._docs: dict[int, tuple[str, list[int], list]] = {}
        self.order = list(range(len(hits)))
        self.sort = "document"
        self.sort_by(sort)

    # ---- counts ----

    def by_city(self) -> dict[str, int]:
        c: Counter = Counter()
        for r, n in self.per_doc.items():
            c[self._meta[r].city or ""] += n
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    def by_month(self) -> dict[str, int]:
        """Hits per "YYYY-MM" (a year-only date counts under "YYYY"); "" for hits in documents without
        a dated year (no date, or a day and month only such as "--04-14")."""
        c: Counter = Counter()
        for r, n in self.per_doc.items():
            d = str(self._dates.get(r) or "")
            c[d[:7] if d[:4].isdigit() else ""] += n
        return dict(sorted(c.items()))

    # ---- sorting ----

    def sort_by(self, key: str) -> None:
        if key not in SORTS:
            raise ValueError(key)
        hits, texts, meta, k = self._hits, self._texts, self._meta, KEY_CHARS
        n = range(len(hits))
        if key == "right":
            keys = [texts[r][e:e + k] for r, s, e in hits]
        elif key == "left":
            keys = [texts[r][max(0, s - k):s][::-1] for r, s, e in hits]
        elif key == "date":
            keys = [(self._dates.get(r) or "\uffff", meta[r].path, s) for r, s, e in hits]
        elif key == "city":
            keys = [(meta[r].city or "\uffff", meta[r].path, s) for r, s, e in hits]
        elif key == "title":
            keys = [(meta[r].title or "\uffff", meta[r].path, s) for r, s, e in hits]
        else:
            self.order, self.sort = list(n), key
            return
        self.order = sorted(n, key=keys.__getitem__)
        self.sort = key

    # ---- rows ----

    def __len__(self) -> int:
        return len(self._hits)

    def _load(self, rowids) -> None:
        need = [r for r in dict.fromkeys(rowids) if r not in self._docs]
        if not need:
            return
        got = self.searcher.store.rows_by_rowid(need, "text, json_extract(meta, '$.pages')")
        for r in need:
            text, pages = got.get(r, ("", None))
            text = text or ""
            self._docs[r] = (text, match_offsets(text), json.loads(pages) if pages else [])

    def rows(self, lo: int = 0, hi: int | None = None) -> list[dict[str, Any]]:
        """Rows lo..hi in the current sort order, with their contexts."""
        idx = self.order[lo:hi]
        self._load(self._hits[i][0] for i in idx)
        return [self._row(self._hits[i]) for i in idx]

    def row(self, i: int) -> dict[str, Any]:
        return self.rows(i, i + 1)[0]

    def _row(self, hit: tuple[int, int, int]) -> dict[str, Any]:
        r, ms, me = hit
        text, offsets, pages = self._docs[r]
        if ms < len(offsets) and me - 1 < len(offsets):
            start, end = offsets[ms], offsets[me - 1] + 1
        else:  # the text changed since the match text was read
            start = end = 0
        w = self.width
        m = self._meta[r]
        return {
            "id": m.id, "path": m.path, "title": m.title or "", "city": m.city, "date": self._dates.get(r),
            "page": page_at(pages, start),
            "left": text[max(0, start - w):start], "hit": text[start:end], "right": text[end:end + w],
            "start": start, "end": end,
        }

    def to_json(self, limit: int = 0) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "sort": self.sort, "width": self.width,
                "rows": self.rows(0, limit if limit > 0 else None),
                "by_city": self.by_city(), "by_month": self.by_month(), "message": self.message}
