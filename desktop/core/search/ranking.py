"""Field-aware ranking, mixed into the Searcher: BM25F over exact occurrence counts in four fields
(title with the other headline lines, person, city, body), the title tiers, the final order of a
page, and what matched where.

Ranking, for a query of plain words (`李强 会见`, `江洪灿`), most important first:
  1. the title holds every word (TITLE_ALL), and among those the whole string (TITLE_JOINED);
  2. the text holds the whole string (JOINED_BONUS);
  3. BM25F: per term, tf = W_TITLE·tf_title/B_title + W_PERSON·tf_person + W_CITY·tf_city
     + tf_body/B_body (B_f = 1 - b_f + b_f·length_f/average_f), score = idf·(K1+1)·tf/(K1+tf),
     summed over terms; idf over the live documents containing the term;
  4. Whoosh's word scores reorder the page (WORD_WEIGHT, far below the tiers).
Exactness is kept: the result set is the documents whose text contains the query; the fields only
weigh them. Ties are broken by path, at the page boundary too, so the order never depends on the
order in which documents were indexed.
"""

from __future__ import annotations

import heapq
import json
import threading
from collections.abc import Collection
from operator import itemgetter
from typing import Any

from desktop.core.index.textscan import K1, B, TextColumns, idf
from desktop.core.ingest.cleaning import fold, match_text
from desktop.core.search.meta import MetaRow
from desktop.core.search.query import And, Node, Not, Term

WORD_WEIGHT = 0.3
JOINED_BONUS = 1000.0
TITLE_JOINED = 100_000.0
TITLE_ALL = 1_000_000.0
# BM25F field weights and length normalisation (body: textscan.B), chosen on the 3,000-article quick
# benchmark (python -m bench --ranking --quick; docs/benchmarks.md, "Ranking").
W_TITLE, B_TITLE = 8.0, 0.5
W_PERSON = 4.0
W_CITY = 2.0


class FieldRanking:
    """The Searcher's ranking half: the field state per generation and the scores built on it. The
    Searcher owns the attributes annotated here (its metadata, match texts, columns and lock)."""

    fields: bool  # field-aware ranking (False: BM25 over the whole text, as before issue 12)
    words: Any
    _lock: threading.Lock
    _meta: dict[int, MetaRow]
    _texts: dict[int, str]
    _avg_length: float
    _lengths: dict[int, float]
    _columns: tuple[dict, TextColumns] | None

    def _init_fields(self) -> None:
        self.fields = True
        self._titles: dict[int, str] = {}  # rowid -> folded title and headline lines
        self._head_cache: dict[int, tuple] = {}  # rowid -> (title, headlines, folded), for the next refresh
        self._avg_title = 1.0
        self._field_groups: dict[str, dict[str, list[int]]] = {"person": {}, "city": {}}
        self._title_columns: tuple[dict, TextColumns] | None = None
        self._field_cache: dict[str, tuple] = {}

    def _set_fields(self, meta: dict[int, MetaRow]) -> None:
        """The title, person and city fields of every document, folded like the match texts."""
        titles = {}
        groups: dict[str, dict[str, list[int]]] = {"person": {}, "city": {}}
        known, cache = self._head_cache, {}  # a refresh folds only the titles that changed
        for r, m in meta.items():
            seen = known.get(r)
            if seen is not None and seen[0] == m.title and seen[1] == m.headlines:
                titles[r] = seen[2]
            else:
                head = m.title or ""
                if m.headlines and m.headlines != "[]":
                    try:
                        head += "".join(json.loads(m.headlines))
                    except ValueError:
                        pass
                titles[r] = match_text(head)
            cache[r] = (m.title, m.headlines, titles[r])
            for name in ("person", "city"):
                value = getattr(m, name)
                if value:
                    groups[name].setdefault(value, []).append(r)
        self._titles, self._head_cache = titles, cache
        self._avg_title = (sum(map(len, titles.values())) / len(titles)) if titles else 1.0
        self._field_groups = {name: {fold(v): ids for v, ids in g.items()} for name, g in groups.items()}
        self._title_columns = None
        self._field_cache = {}

    def _title_columns_for(self, texts: dict[int, str]) -> TextColumns:
        """The titles as vectors, in the same document order as _text_columns(texts)."""
        with self._lock:
            if self._title_columns is None or self._title_columns[0] is not texts:
                titles = self._titles
                heads = [titles.get(r, "") for r in texts]
                self._title_columns = (texts, TextColumns(list(texts), heads, [float(len(h)) for h in heads]))
            return self._title_columns[1]

    def _field_counts(self, term: str) -> tuple[dict[int, int], dict[int, int], dict[int, int], object]:
        """Occurrences of term in each document's title, person and city field (nonzero only), and
        the title counts as a vector aligned with the text columns (None for a short archive)."""
        found = self._field_cache.get(term)
        if found is not None:
            return found
        titles, texts = self._titles, self._texts
        vector = None
        if TextColumns.handles(term) and len(titles) > 2000:
            columns = self._title_columns_for(texts)
            vector = columns.counts(term)
            nz = vector.nonzero()[0]
            title = dict(zip(columns.rowids[nz].tolist(), vector[nz].tolist()))
        else:
            title = {r: t.count(term) for r, t in titles.items() if term in t}
        person = {r: v.count(term) for v, ids in self._field_groups["person"].items() if term in v for r in ids}
        city = {r: v.count(term) for v, ids in self._field_groups["city"].items() if term in v for r in ids}
        found = (title, person, city, vector)
        with self._lock:
            if self._titles is titles:
                self._field_cache[term] = found
        return found

    def _bm25f_columns(self, term: str, columns: TextColumns, n: int) -> tuple[list[int], list[float], int]:
        """BM25F of a common term in every document at once (numpy): (rowids, scores, df)."""
        np = columns._np
        counts = columns.counts(term)
        found = counts.nonzero()[0]
        df = len(found)
        title, person, city, vector = self._field_counts(term)
        avg = self._avg_length or 1.0
        c = counts[found].astype(np.float64)
        body_norm = (1 - B) + (B / avg) * columns.lengths[found]
        aligned = self._columns is not None and self._title_columns is not None \
            and self._columns[0] is self._title_columns[0] and self._columns[1] is columns
        if vector is not None and len(title) and aligned:
            heads = self._title_columns_for(self._texts)
            t = vector[found].astype(np.float64)
            x = np.maximum(c - t, 0.0) / body_norm + W_TITLE * t / (
                (1 - B_TITLE) + (B_TITLE / (self._avg_title or 1.0)) * heads.lengths[found])
        else:
            x = c / body_norm
        if person or city:  # the few documents with the term in a field, found by their column index
            index_of = columns.index_of()
            for r in set(person).union(city):
                k = index_of.get(r)
                i = int(np.searchsorted(found, k)) if k is not None else len(found)
                if i < len(found) and found[i] == k:
                    x[i] += W_PERSON * person.get(r, 0) + W_CITY * city.get(r, 0)
        rows = columns.rowids[found].tolist()
        scores = (idf(n, df) * (K1 + 1)) * x / (K1 + x)
        return rows, scores.tolist(), df

    def _fielded(self, term: str, scores: dict[int, float], df: int, n: int) -> dict[int, float]:
        """BM25 over the whole text -> BM25F: documents with term in a field are scored again."""
        if not self.fields or not scores:
            return scores
        title, person, city, _ = self._field_counts(term)
        if not (title or person or city):
            return scores
        top = idf(n, df) * (K1 + 1)
        avg, avg_title, lengths, titles = self._avg_length or 1.0, self._avg_title or 1.0, self._lengths, self._titles
        for r in set(title).union(person, city).intersection(scores):
            body_norm = 1 - B + B * lengths[r] / avg
            s = scores[r]
            count = round(s * K1 * body_norm / (top - s)) if s < top else 0  # the whole text's count, back
            t = title.get(r, 0)
            x = (W_TITLE * t / (1 - B_TITLE + B_TITLE * len(titles.get(r, "")) / avg_title)
                 + W_PERSON * person.get(r, 0) + W_CITY * city.get(r, 0) + max(0, count - t) / body_norm)
            scores[r] = top * x / (K1 + x)
        return scores

    def _bm25(self, counts: dict[int, int], df: int, n: int) -> dict[int, float]:
        norm, slope, top = K1 * (1 - B), K1 * B / (self._avg_length or 1.0), idf(n, df) * (K1 + 1)
        lengths = self._lengths
        return {r: top * c / (c + norm + slope * lengths[r]) for r, c in counts.items() if c}

    def _title_tiers(self, scores: dict[int, float], words: list[str], joined: str | None) -> None:
        """Documents whose title holds every word first; among them, those holding the whole string."""
        rows: Collection[int] | None = None
        for w in words:
            title = self._field_counts(w)[0]
            rows = title if rows is None else set(rows).intersection(title)
            if not rows:
                return
        together = self._field_counts(joined)[0] if joined else ()
        for r in rows:
            if r in scores:
                scores[r] += TITLE_ALL + (TITLE_JOINED if r in together else 0.0)

    def _rank(self, scores: dict[int, float], meta, sort: str, limit: int, query: str, terms: list[str]):
        key = lambda kv: (-kv[1], meta[kv[0]].path)  # noqa: E731
        if limit > 0 and sort == "relevance" and len(scores) > limit * 4:
            best = heapq.nlargest(max(limit, 10) * 3, scores.items(), key=itemgetter(1))
            floor = best[-1][1]  # documents tied with the last one: all of them, so the path decides
            best = [kv for kv in best if kv[1] > floor] + [kv for kv in scores.items() if kv[1] == floor]
            order = sorted(best, key=key)
        else:
            order = sorted(scores.items(), key=key)
        if self.words is not None and terms and order:
            head = order[: max(limit, 10)] if limit > 0 else order[:100]  # words reorder the page
            ids = {meta[k].id: k for k, _ in head}
            try:
                boost = self.words.word_scores(" ".join(terms), list(ids))
            except Exception:
                boost = {}
            if boost:
                rescored = {k: v + WORD_WEIGHT * boost.get(meta[k].id, 0.0) for k, v in head}
                head_sorted = sorted(rescored.items(), key=lambda kv: (-kv[1], meta[kv[0]].path))
                order = head_sorted + order[len(head) :]
        if sort == "city":
            order.sort(key=lambda kv: (meta[kv[0]].city or "\uffff", -kv[1]))
        elif sort == "series":
            order.sort(key=lambda kv: (meta[kv[0]].series_no is None, meta[kv[0]].series_no or 0, -kv[1]))
        elif sort in ("date", "-date"):  # oldest (or newest) first, undated last, ties by relevance
            from desktop.core.search.date_filter import sort_key

            order.sort(key=lambda kv: sort_key(meta[kv[0]].date), reverse=sort == "-date")
            order.sort(key=lambda kv: not sort_key(meta[kv[0]].date))
        return order

    def matched(self, rowid: int, terms: list[str], words: list[str] | None, joined: str | None) -> list[dict[str, Any]]:
        """What matched where, field by field (title, person, city, body), as
        {"field", "how": "exact" | "apart", "terms": [...], "count"}: "exact" when the query's whole
        string (or a single term) occurs in the field, "apart" when its words occur there separately
        (`terms` then lists the words found there, `complete` whether that is all of them)."""
        m = self._meta.get(rowid)
        if m is None:
            return []
        title = self._titles.get(rowid, "")
        text = self._texts.get(rowid, "")
        fields = [("title", title), ("person", fold(m.person or "")), ("city", fold(m.city or ""))]
        many = bool(words) and len(words) > 1 and bool(joined)
        wanted = list(words) if many else [t for t in terms if t != joined] or list(terms)
        out: list[dict[str, Any]] = []
        for field, value in fields + [("body", None)]:
            def count(t: str) -> int:
                if value is not None:
                    return value.count(t)
                return max(0, text.count(t) - title.count(t))
            if many and count(joined):
                out.append({"field": field, "how": "exact", "terms": [joined], "count": count(joined)})
                continue
            present = [t for t in wanted if count(t)]
            if not present:
                continue
            entry = {"field": field, "how": "apart" if many else "exact", "terms": present,
                     "count": sum(map(count, present))}
            if many:
                entry["complete"] = len(present) == len(wanted)
            out.append(entry)
        return out


def plain_words(root: Node | None) -> list[str]:
    """The words of a query of plain words (a term, or terms with AND and NOT): the title tiers'
    words. Empty for anything else (OR, fields only)."""
    if isinstance(root, Term):
        return [root.text]
    if isinstance(root, And):
        positives = [c for c in root.children if not isinstance(c, Not)]
        if positives and all(isinstance(c, Term) for c in positives):
            return list(dict.fromkeys(c.text for c in positives))  # type: ignore[union-attr]
    return []
