"""A search that reloads its caches while another process commits documents sees one consistent
archive: a document committed between the metadata read and the text read is taken next time,
never half (the window's searches during indexing of the corpus once failed this way)."""

from __future__ import annotations

import shutil

from tests.conftest import SEEDS


def test_a_commit_between_the_two_cache_reads(tmp_path):
    from desktop.core.service import ArchiveService

    data = tmp_path / "data"
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    svc = ArchiveService(data)
    svc.index([seeds])
    late = tmp_path / "late"
    late.mkdir()
    for i in range(3):
        (late / f"{i}.txt").write_text(f"后来的文章{i}\n劳模工匠在这里出现，第{i}篇。\n", encoding="utf-8")
    writer = ArchiveService(data)  # another connection, as the indexing process has
    real = svc.store.all_meta
    calls = []

    def all_meta_then_a_commit():
        rows = real()
        if not calls:
            calls.append(1)
            writer.index([late])  # lands after the metadata was read, before the texts are
        return rows

    svc.store.all_meta = all_meta_then_a_commit
    try:
        svc.searcher.invalidate()
        first = svc.search("劳模工匠", limit=0)
        assert calls and first.total == 5  # the late documents wait for the next reload
        second = svc.search("劳模工匠", limit=0)
        assert second.total == 8
        assert {h.title for h in second.hits} >= {"后来的文章0", "后来的文章2"}
    finally:
        svc.store.all_meta = real
        writer.close()
        svc.close()
