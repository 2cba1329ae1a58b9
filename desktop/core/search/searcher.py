"""Run a parsed query: exact sets from the bigram index, filters from metadata, ranking by BM25F
over exact occurrence counts in four fields (ranking.py) plus Whoosh's BM25 over jieba words,
snippets from the text; OCR variants on request.
"""

from __future__ import annotations

import json
import operator
import threading
import time
from collections.abc import Collection
from typing import Any
from itertools import repeat

from desktop.core.index.store import ArchiveStore, phrase
from desktop.core.index.textscan import TextColumns
from desktop.core.ingest.cleaning import fold, match_text
from desktop.core.models import Hit, SearchResult, page_at
from desktop.core.search.query import (
    And,
    Field,
    Node,
    Not,
    Or,
    Term,
    parse,
    positive_terms,
)
from desktop.core.search.facets import count_facets
from desktop.core.search.meta import MetaRow
from desktop.core.search.ranking import JOINED_BONUS, FieldRanking, plain_words
from desktop.core.search.snippets import SNIPPET_RADIUS, find_spans, make_snippets, snippet_spans  # noqa: F401
from desktop.core.search.variants import VARIANT_MIN_CHARS, find_variants, load_confusions, variant_strings

# A vector count over all texts (textscan) costs about as much as fetching and counting one candidate
# document per this many text units (measured on the corpus: about 1,900 candidates for a word of two
# characters, 2,500 for a longer one). Below that many candidates, they are counted one by one.
COLUMN_UNITS_PER_DOC = 6000
COLUMN_UNITS_PER_DOC_LONG = 4500


class Searcher(FieldRanking):
    """Answers queries; safe to share between threads (each gets its own connections)."""

    def __init__(self, store: ArchiveStore, words=None, gazetteer=None):
        self.store = store
        self.words = words
        self._gazetteer = gazetteer  # the gazetteer, or a function returning it (loaded on first use)
        self._meta: dict[int, MetaRow] = {}
        self._texts: dict[int, str] = {}  # rowid -> match text (about 2 bytes per character)
        self._max_rowid = 0
        self._avg_length = 1.0
        self._lengths: dict[int, float] = {}
        self._df_cache: dict[str, int] = {}
        self._columns: tuple[dict, TextColumns] | None = None  # built on first need per generation
        self._groups: dict[str, dict[str, list[int]]] = {}  # field -> value -> rowids, for filters
        self._groups_for: dict | None = None
        self._meta_version: tuple | None = None
        self._lock = threading.Lock()
        self._init_fields()  # title, person and city fields; self.fields switches them on
        self._confusions: dict[str, str] | None = None

    # ---- metadata and match texts in memory, refreshed when another connection commits ----

    def meta(self) -> dict[int, MetaRow]:
        return self._refresh()[0]

    def _refresh(self) -> tuple[dict[int, MetaRow], dict[int, str]]:
        version = self.store.generation()
        with self._lock:
            if version != self._meta_version:
                meta = {r[0]: MetaRow(*r) for r in self.store.all_meta()}
                texts = {r: t for r, t in self._texts.items() if r in meta}  # a new dict: searches
                for rowid, match in self.store.match_texts(self._max_rowid):  # in flight keep theirs
                    if rowid in meta:  # committed after the metadata was read: taken next time
                        texts[rowid] = match
                        self._max_rowid = max(self._max_rowid, rowid)
                if len(texts) != len(meta):  # deleted between the two reads
                    meta = {r: m for r, m in meta.items() if r in texts}
                self._meta, self._texts = meta, texts
                self._avg_length = (sum(r.length or 0 for r in self._meta.values()) / len(self._meta)) if self._meta else 1.0
                self._lengths = {r: (m.length or self._avg_length) for r, m in self._meta.items()}
                self._df_cache = {}
                self._set_fields(self._meta)
                self._meta_version = version
            return self._meta, self._texts

    def _text_columns(self, texts: dict[int, str]) -> TextColumns:
        with self._lock:
            if self._columns is None or self._columns[0] is not texts:
                lengths = self._lengths
                columns = TextColumns(list(texts), list(texts.values()), [lengths.get(r, 1.0) for r in texts])
                self._columns = (texts, columns)
            return self._columns[1]

    def rows_containing(self, term: str) -> list[int]:
        """Rowids of the documents whose match text contains term (exactly)."""
        texts = self._refresh()[1]
        return [r for r in self.store.match_rowids(phrase(term)) if term in texts.get(r, "")]

    def invalidate(self) -> None:
        with self._lock:
            self._meta_version = None

    # ---- evaluation ----

    def _gram_df(self, gram: str) -> int:
        df = self._df_cache.get(gram)
        if df is None:
            df = self._df_cache[gram] = self.store.gram_doc_count(gram)
        return df

    def _estimate(self, node: Node, n: int) -> int:
        """How many documents a node may match, cheaply: fields first, then the rarest terms."""
        if isinstance(node, Field):
            return 0
        if isinstance(node, Term):
            t = node.text
            return n if len(t) == 1 else min(self._gram_df(t[i : i + 2]) for i in range(len(t) - 1))
        return n

    def _term_scores(self, term: str, meta: dict[int, MetaRow], texts: dict[int, str],
                     within: Collection[int] | None = None) -> dict[int, float]:
        """BM25 over exact occurrence counts, for every document (of `within`) containing term."""
        n = len(meta)
        estimate = self._estimate(Term(term, term), n)
        cutoff = self._total_units(texts) / (COLUMN_UNITS_PER_DOC if len(term) <= 2 else COLUMN_UNITS_PER_DOC_LONG)
        if TextColumns.handles(term) and min(estimate, n if within is None else len(within)) > cutoff:
            columns = self._text_columns(texts)  # a common term: count it in every text at once
            if self.fields:
                rows, scores, df = self._bm25f_columns(term, columns, n)
            else:
                rows, scores, df = columns.bm25(term, n, self._avg_length)
            if within is not None:
                return {r: v for r, v in zip(rows, scores) if r in within}
            return dict(zip(rows, scores))
        if within is not None and len(within) < estimate:  # few candidates left
            rows = list(within)
            counts = dict(zip(rows, map(str.count, map(texts.__getitem__, rows), repeat(term))))
        else:
            rows = [r for r in self.store.match_rowids(phrase(term)) if r in texts]
            counts = dict(zip(rows, map(str.count, map(texts.__getitem__, rows), repeat(term))))
        df = (len(counts) - operator.countOf(counts.values(), 0)) if within is None else min(estimate, n)
        return self._fielded(term, self._bm25(counts, df, n), df, n)

    def _total_units(self, texts: dict[int, str]) -> int:
        return int(self._avg_length * len(texts))

    def _eval(self, node: Node, meta: dict[int, MetaRow], cache: dict,
              within: Collection[int] | None = None) -> dict[int, float]:
        if isinstance(node, Term):
            if within is not None:
                if node.text in cache:
                    full = cache[node.text]
                    return {r: full[r] for r in within if r in full}
                return self._term_scores(node.text, meta, cache[None], within)
            if node.text not in cache:
                cache[node.text] = self._term_scores(node.text, meta, cache[None])
            return cache[node.text]
        if isinstance(node, Field):
            rows = self._field_rows(node, meta)
            return {rowid: 0.0 for rowid in (rows if within is None else rows.intersection(within))}
        universe = meta if within is None else within
        if isinstance(node, Not):  # alone: every document but those
            excluded = self._eval(node.child, meta, cache, within)
            return {rowid: 0.0 for rowid in universe if rowid not in excluded}
        if isinstance(node, And):
            positives = sorted((c for c in node.children if not isinstance(c, Not)),
                               key=lambda c: self._estimate(c, len(meta)))
            negatives = [c.child for c in node.children if isinstance(c, Not)]
            result: dict[int, float] | None = None
            words = [c.text for c in positives if isinstance(c, Term) and len(c.text) > 1]
            if within is None and len(words) > 1:  # documents with all of them, from the bigram index
                within = {r for r in self.store.match_rowids(" AND ".join(map(phrase, words))) if r in cache[None]}
                if not within:
                    return {}
            for child in positives:  # each narrows the documents the next one looks at
                part = self._eval(child, meta, cache, within if result is None else result.keys())
                result = part if result is None else {k: v + part[k] for k, v in result.items() if k in part}
                if not result:
                    return {}
            if result is None:
                result = {rowid: 0.0 for rowid in universe}
            for neg in negatives:
                excluded = self._eval(neg, meta, cache, result.keys())
                result = {k: v for k, v in result.items() if k not in excluded}
            return result
        if isinstance(node, Or):
            union: dict[int, float] = {}
            for child in node.children:
                for k, v in self._eval(child, meta, cache, within).items():
                    union[k] = union.get(k, 0.0) + v
            return union
        return {}

    def _field_rows(self, node: Field, meta: dict[int, MetaRow]) -> set[int]:
        value = node.value
        if node.name == "city":
            city = self.normalize_city(value)
            return self._rows_where("city", meta, lambda v: v == city or value in fold(v))
        if node.name in ("person", "series"):
            if node.name == "series" and value.isdigit():
                return {r.rowid for r in meta.values() if r.series_no == int(value)}
            return self._rows_where(node.name, meta, lambda v: value in fold(v))
        if node.name == "title":
            return {r.rowid for r in meta.values() if r.title and value in fold(r.title)}
        if node.name == "date":
            from desktop.core.search.date_filter import matcher

            return self._rows_where("date", meta, matcher(value))
        return set()

    def _rows_where(self, field: str, meta: dict[int, MetaRow], test) -> set[int]:
        """Rowids whose field value passes test; documents are grouped by value once per generation."""
        with self._lock:
            groups = self._groups.get(field) if self._groups_for is meta else None
            if groups is None:
                if self._groups_for is not meta:
                    self._groups, self._groups_for = {}, meta
                groups = {}
                for r in meta.values():
                    v = getattr(r, field)
                    if v:
                        groups.setdefault(v, []).append(r.rowid)
                self._groups[field] = groups
        rows: set[int] = set()
        for v, ids in groups.items():
            if test(v):
                rows.update(ids)
        return rows

    @property
    def gazetteer(self):
        return self._gazetteer() if callable(self._gazetteer) else self._gazetteer

    def normalize_city(self, text: str) -> str:
        gazetteer = self.gazetteer
        if gazetteer is not None:
            try:
                found = gazetteer.normalize_city(text)
                if found:
                    return found
            except Exception:
                pass
        return text if text.endswith(("市", "州", "盟", "地区")) else text + "市"

    # ---- the public entry ----

    def search(
        self,
        query: str,
        *,
        city: str | None = None,
        person: str | None = None,
        series: str | None = None,
        limit: int = 20,
        snippets: int = 3,
        sort: str = "relevance",
        variants: bool = False,
        facets: bool = False,
    ) -> SearchResult:
        """The documents containing the query, ranked; with variants=True also (separately, in
        SearchResult.variants) those that contain it only with one character misread by OCR;
        with facets=True, SearchResult.facets as facet_counts gives them, from this evaluation."""
        started = time.perf_counter()
        parsed = parse(query or "")
        meta, texts = self._refresh()
        filters: list[Node] = []
        if city:
            filters.append(Field("city", fold(city).strip()))
        if person:
            filters.append(Field("person", fold(person).strip()))
        if series:
            filters.append(Field("series", fold(series).strip()))
        root = parsed.root
        if filters:
            root = And(([root] if root is not None else []) + filters)
        if root is None:
            return SearchResult(query, 0, _ms(started), [], parsed.message)
        cache: dict = {None: texts}
        try:
            scores = self._eval(root, meta, cache)
        except Exception as exc:  # an FTS5 oddity must never reach the user as a traceback
            return SearchResult(query, 0, _ms(started), [], f"无法执行这个查询：{exc.__class__.__name__}")
        if parsed.joined and len(parsed.root.children) > 1:  # type: ignore[union-attr]
            exact = self._eval(Term(parsed.joined, parsed.joined), meta, cache, scores.keys())
            for k in scores:
                if k in exact:
                    scores[k] += JOINED_BONUS
        words = plain_words(parsed.root)
        if self.fields and words:
            self._title_tiers(scores, words, parsed.joined if len(words) > 1 else None)
        terms = positive_terms(parsed.root)
        if parsed.joined and parsed.joined not in terms:
            terms = [parsed.joined] + terms
        ranked = self._rank(scores, meta, sort, limit, query, terms)
        page = ranked if limit <= 0 else ranked[:limit]
        hits = self._hits(page, meta, texts, terms, snippets, words, parsed.joined)
        result = SearchResult(query, len(scores), _ms(started), hits, parsed.message)
        result.rowids = list(scores)  # for the story count (search/stories.py)
        result.scores = scores  # and the versions past the page, made hits when a story is opened
        result.make_hits = lambda more: self._hits(more, meta, texts, terms, snippets, words, parsed.joined)
        if variants:
            t0 = time.perf_counter()
            find_variants(self, result, parsed.root, filters, scores, meta, cache, limit, snippets)
            result.variants_ms = _ms(t0)
        if facets:  # each facet counts the query's matches without the filters (the terms are cached)
            rows = meta.keys() if parsed.root is None else self._eval(parsed.root, meta, cache).keys() if filters else scores.keys()
            result.facets = count_facets(meta, rows, city=city, person=person, series=series)
        return result

    # ---- OCR variants (variants.py) and facets (facets.py) ----

    def confusions(self) -> dict[str, str]:
        """character -> the characters OCR may read in its place (resources/ocr_confusions.json)."""
        if self._confusions is None:
            self._confusions = load_confusions()
        return self._confusions

    def variant_strings(self, term: str) -> dict[str, int]:
        """Each string that differs from term by one confusable character -> that character's index."""
        return variant_strings(term, self.confusions()) if len(term) >= VARIANT_MIN_CHARS else {}

    def facet_counts(self, query: str, *, city: str | None = None, person: str | None = None,
                     series: str | None = None) -> dict[str, Any]:
        """Counts of city, person and series among the documents matching the query (see
        facets.count_facets): each facet with the other two filters applied, and `total`."""
        parsed = parse(query or "")
        meta, texts = self._refresh()
        if parsed.root is None:
            rows: Collection[int] = meta.keys()
        else:
            try:
                rows = self._eval(parsed.root, meta, {None: texts}).keys()
            except Exception:
                rows = ()
        return count_facets(meta, rows, city=city, person=person, series=series)

    def _hits(self, page, meta, texts: dict[int, str], terms: list[str], snippet_count: int,
              words: list[str] | None = None, joined: str | None = None) -> list[Hit]:
        rows = self.store.rows_by_rowid([k for k, _ in page], "text, json_extract(meta, '$.pages')")
        hits = []
        for rowid, score in page:
            m = meta[rowid]
            text, pages = rows.get(rowid, ("", None))
            spans = find_spans(text, texts.get(rowid) or match_text(text), terms)
            pages = json.loads(pages) if pages else []
            hits.append(
                Hit(
                    id=m.id,
                    path=m.path,
                    title=m.title or "",
                    city=m.city,
                    person=m.person,
                    series_no=m.series_no,
                    series=m.series,
                    date=m.date,
                    score=float(score),
                    matches=len(spans),
                    snippets=make_snippets(text, spans, snippet_count),
                    snippet_pages=[page_at(pages, s) for s, _ in snippet_spans(spans, snippet_count)],
                    spans=spans,
                    matched=self.matched(rowid, terms, words, joined),
                )
            )
        return hits


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
