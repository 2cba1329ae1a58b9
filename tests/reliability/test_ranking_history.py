"""Rankings do not depend on the update history (issue 13, item 8).

An archive whose files were rewritten and then restored holds deleted documents in its word index
(Whoosh keeps them in the segment until a merge) and has replaced rows in the bigram index. Every
statistic BM25 uses (document count, document frequencies, average lengths) must count only the
live documents, so the same content ranks exactly as in a fresh archive: same scores, same order.
"""

from __future__ import annotations

from desktop.core.service import ArchiveService
from tests.reliability.conftest import PARAGRAPHS

QUERIES = ["工会", "职工", "发展", "工会 职工", "劳模", "江洪灿", "服务职工", "高质量发展", "第十五次代表大会"]


def _write(folder, variant: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(60):
        body = "\n".join(PARAGRAPHS[(i * 7 + k) % len(PARAGRAPHS)] for k in range(1 + i % 4))
        if variant and i % 3 == 0:  # a rewrite of a third of the files: other words, other lengths
            # (a third: a segment with more deleted documents than live ones is compacted)
            body = "今天天气很好，我们去公园散步。" * (1 + i % 3) if i % 2 else body + "\n" + PARAGRAPHS[i % len(PARAGRAPHS)] * 2
        (folder / f"{i:03d}.txt").write_text(f"工会新闻第{i}号\n\n{body}\n", encoding="utf-8")


def _ranking(svc: ArchiveService) -> list[list[tuple[str, float]]]:
    return [[(h.id, h.score) for h in svc.search(q, limit=30, snippets=0).hits] for q in QUERIES]


def test_rewritten_and_restored_archive_ranks_exactly_as_a_fresh_one(tmp_path):
    folder = tmp_path / "articles"
    _write(folder, 0)
    svc = ArchiveService(tmp_path / "history")
    svc.index([folder])
    for _ in range(2):  # rewrite and restore twice: deleted documents pile up in the word index
        _write(folder, 1)
        svc.index()
        _write(folder, 0)
        svc.index()
    assert svc.words.ix.reader().has_deletions() or svc.words.ix.reader().doc_count_all() > svc.words.doc_count()
    history = _ranking(svc)
    svc.close()

    fresh = ArchiveService(tmp_path / "fresh")
    fresh.index([folder])
    expected = _ranking(fresh)
    fresh.close()
    for q, got, want in zip(QUERIES, history, expected):
        assert got == want, q
