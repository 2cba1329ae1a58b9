"""The word index after a big run keeps its big segments when one file is saved: a small run's
commit merges only the small segments edits leave behind (real Whoosh index in tmp_path)."""

from __future__ import annotations

from desktop.core.index import word_index
from desktop.core.index.word_index import WordIndex


def _segments(wi: WordIndex) -> list[int]:
    return sorted(s.doc_count_all() for s in wi.ix._segments())


def test_a_small_commit_never_merges_the_big_segments(tmp_path, monkeypatch):
    monkeypatch.setattr(word_index, "SMALL_SEGMENT", 20)  # "big" = 20 documents, to keep the test quick
    # (Whoosh's own MERGE_SMALL merges these twelve as soon as a thirteenth segment is committed)
    wi = WordIndex(tmp_path / "words")
    for part in range(12):  # twelve big segments, as a big run's child writes them (merge=False)
        w = wi.ix.writer()
        for i in range(25):
            WordIndex.add(w, f"d{part}-{i}", f"工会 职工 第{part}批 第{i}篇", {}, new=True)
        w.commit(merge=False)
    assert _segments(wi) == [25] * 12
    for edit in range(4):  # four saves of one file each: a small segment each, big ones untouched
        w = wi.writer()
        WordIndex.add(w, f"d0-{edit}", f"工会 改过的第{edit}篇", {})
        w.commit()
        assert _segments(wi).count(25) == 12 and len(_segments(wi)) == 13 + edit
    w = wi.writer()  # the fifth save finds four small segments: they and it become one
    WordIndex.add(w, "d0-4", "工会 改过的第4篇", {})
    w.commit()
    assert _segments(wi) == [5] + [25] * 12
    assert wi.doc_count() == 300


def test_a_segment_mostly_deleted_is_compacted(tmp_path, monkeypatch):
    monkeypatch.setattr(word_index, "SMALL_SEGMENT", 5)
    wi = WordIndex(tmp_path / "words")
    w = wi.ix.writer()
    for i in range(10):
        WordIndex.add(w, f"d{i}", f"工会 第{i}篇", {}, new=True)
    w.commit(merge=False)
    w = wi.writer()
    wi.delete(w, [f"d{i}" for i in range(6)])
    w.commit()
    assert _segments(wi) == [4] and wi.doc_count() == 4
