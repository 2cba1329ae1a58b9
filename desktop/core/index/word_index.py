"""The Whoosh index: jieba words for ranking, and the metadata fields, one writer at a time.

Whoosh 3 (the `whoosh3` fork, pinned) is used through the 2.7 API subset only. Words are
segmented by segmenter.cut and stored as a space-separated string, so Whoosh never runs a
Chinese analyzer itself and query and document are segmented the same way.
"""

from __future__ import annotations

import bisect
import math
import shutil
import threading
from pathlib import Path
from typing import Iterable

from whoosh import index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.scoring import BM25F, bm25

from desktop.core.index import segmenter
from desktop.core.index.word_schema import schema, word_counts, words_of, writer_options  # noqa: F401


SMALL_SEGMENT = 2000  # documents: segments below this (written by small runs) are merged together
SMALL_SEGMENTS_MERGED = 4  # ... once there are this many of them


def merge_small_segments(writer, segments):
    """Whoosh merge policy for a small run's commit: the small segments that edits leave behind are
    merged once there are a few, and a segment with more deleted documents than live ones is
    compacted; the big segments of a big run are kept. (The fork's MERGE_SMALL merges every
    segment up to a Fibonacci bound: after a 100,000-document run it re-sorted 88,000 documents'
    postings on the first save of one file, for minutes.)"""
    from whoosh.reading import SegmentReader

    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    merged = small if len(small) >= SMALL_SEGMENTS_MERGED else []
    merged += [s for s in segments if s not in merged and s.deleted_count() * 2 > s.doc_count_all()]
    for seg in merged:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s not in merged]


class WordIndex:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._local = threading.local()
        self._generation = 0
        if not index.exists_in(self.folder):
            self.folder.mkdir(parents=True, exist_ok=True)
            index.create_in(self.folder, schema())
        self.ix = index.open_dir(self.folder)

    @classmethod
    def open_or_rebuild(cls, folder: Path) -> tuple["WordIndex", bool]:
        """Open the index; if it is broken (a killed writer), start an empty one. Returns (index, rebuilt)."""
        try:
            wi = cls(folder)
            with wi.ix.searcher() as s:
                s.doc_count()
            return wi, False
        except Exception:
            shutil.rmtree(folder, ignore_errors=True)
            return cls(folder), True

    # ---- writing ----

    def writer(self, big: bool = False):
        """Whoosh's writer; for a big run, one in a child process (see word_writer)."""
        if big:
            from desktop.core.index.word_writer import WordWriterProcess

            return WordWriterProcess(self.folder)
        writer = self.ix.writer(timeout=60, limitmb=256, **writer_options())
        commit = writer.commit

        def commit_small(mergetype=None, optimize=None, merge=None):
            if mergetype is None and optimize is None and merge is None:
                mergetype = merge_small_segments
            return commit(mergetype=mergetype, optimize=optimize, merge=merge)

        writer.commit = commit_small
        return writer

    @staticmethod
    def add(writer, doc_id: str, text: str, meta: dict, new: bool = False) -> None:
        """Add or replace a document; its cleaned text is segmented by whoever writes (see word_writer).
        new: the caller knows the index holds no document with this id."""
        fields = {
            "id": doc_id,
            "city": meta.get("city") or "",
            "person": meta.get("person") or "",
            "series": meta.get("series") or "",
            "series_no": meta.get("series_no") if isinstance(meta.get("series_no"), int) else None,
            "title": meta.get("title") or "",
        }
        if hasattr(writer, "add_text"):
            writer.add_text(text, fields, new=new)
        elif new:
            writer.add_document(words=words_of(text), **fields)
        else:
            writer.update_document(words=words_of(text), **fields)

    def doc_count(self) -> int:
        with self.ix.searcher() as s:
            return s.doc_count()

    def ids(self) -> set[str]:
        with self.ix.searcher() as s:
            return {d["id"] for d in s.all_stored_fields()}

    def delete(self, writer, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            writer.delete_by_term("id", doc_id)

    # ---- reading: one searcher per thread, refreshed after a commit ----

    def searcher(self):
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.ix.searcher(weighting=BM25F())
        else:
            s = s.refresh()
        self._local.searcher = s
        return s

    def word_scores(self, text: str, doc_ids: list[str]) -> dict[str, float]:
        """BM25 of the query's jieba words for each of doc_ids (0 when no word matches)."""
        words = list(word_counts(segmenter.cut(text)))
        if not words or not doc_ids:
            return {}
        s = self.searcher()
        if getattr(self._local, "numbers_for", None) is not s:  # doc numbers change with the searcher
            self._local.numbers_for, self._local.numbers = s, {}
        known = self._local.numbers
        docnums: dict[int, str] = {}
        for doc_id in doc_ids:  # score only these documents: walk each word's postings to them
            n = known.get(doc_id, -1)
            if n == -1:
                n = known[doc_id] = s.document_number(id=doc_id)
            if n is not None:
                docnums[n] = doc_id
        order = sorted(docnums)
        leaves = []  # each segment with the page's documents in it, as segment-local numbers
        for sub, offset in s.leaf_searchers():
            end = offset + sub.reader().doc_count_all()
            local = [(n - offset, docnums[n]) for n in order if offset <= n < end]
            if local:
                leaves.append((sub, local))
        scores: dict[str, float] = {}
        weighting = s.weighting  # BM25F: the whole index's idf and average length, each segment's postings
        stats = self._live_stats(s)
        avg_length = stats.avg_length or 1
        for word in dict.fromkeys(words):
            df = stats.doc_frequency(word)
            if df == 0:
                continue
            idf = math.log(stats.documents / (df + 1)) + 1  # Whoosh's idf, over live documents only
            for sub, local in leaves:
                sub_reader = sub.reader()
                if ("words", word) not in sub_reader:
                    continue
                matcher = sub_reader.postings("words", word)
                for n, doc_id in local:
                    if not matcher.is_active():
                        break
                    if matcher.id() < n:
                        _skip_to(matcher, n)
                    if matcher.is_active() and matcher.id() == n:
                        length = sub_reader.doc_field_length(n, "words", 1)
                        score = bm25(idf, matcher.weight(), length, avg_length, weighting.B, weighting.K1)
                        scores[doc_id] = scores.get(doc_id, 0.0) + score
        return scores

    def _live_stats(self, s) -> "_LiveStats":
        if getattr(self._local, "stats_for", None) is not s:
            self._local.stats_for, self._local.stats = s, _LiveStats(s)
        return self._local.stats

    def close(self) -> None:
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None


class _LiveStats:
    """The word field's statistics over live documents only, for one searcher.

    Whoosh keeps a deleted (or replaced) document in its segment until the segment is merged, and
    counts it in doc_count_all, doc_frequency and field_length: its own BM25 then depends on the
    update history. Here the average length is the mean of the live documents' lengths as scoring
    sees them (Whoosh stores each as one byte, so the exact total of a fresh segment would differ
    from the sum of those), and a word's documents are counted from its postings (which skip deleted
    documents) in every segment that has deletions.
    """

    def __init__(self, s):
        self.documents = s.doc_count()
        self._leaves = [sub.reader() for sub, _ in s.leaf_searchers()]
        self._with_deletions = [r for r in self._leaves if r.has_deletions()]
        total = sum(_live_lengths(r) for r in self._leaves)
        self.avg_length = total / self.documents if self.documents else 0.0
        self._df: dict[str, int] = {}
        self._reader = s.reader()

    def doc_frequency(self, word: str) -> int:
        df = self._df.get(word)
        if df is None:
            df = self._reader.doc_frequency("words", word)
            if df and self._with_deletions:
                for r in self._with_deletions:
                    if ("words", word) in r:
                        df -= r.doc_frequency("words", word) - sum(1 for _ in r.postings("words", word).all_ids())
            self._df[word] = df
        return df


def _live_lengths(reader) -> int:
    """The sum of the word-field lengths (as stored, one byte each) of a segment's live documents."""
    n = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    get = perdoc.doc_field_length_reader("words", 0) if hasattr(perdoc, "doc_field_length_reader") else \
        (lambda d: reader.doc_field_length(d, "words", 0))
    deleted = reader.deleted_docs_set if reader.has_deletions() else ()
    return sum(get(d) or 0 for d in range(n) if d not in deleted)


def _skip_to(matcher, target: int) -> None:
    """matcher.skip_to(target), with a binary search inside the block instead of a linear walk."""
    if type(matcher) is not W3LeafMatcher:
        matcher.skip_to(target)
        return
    if target > matcher.block_max_id():
        matcher._skip_to_block(lambda: target > matcher.block_max_id())
    if matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        matcher._i = max(matcher._i, bisect.bisect_left(matcher._ids, target, 0, matcher._blocklength))
        if matcher._i >= matcher._blocklength:
            matcher._next_block()
