"""Bookmarks remember the page of their passage: a new column (schema version 3), filled when a
passage is added, kept right when re-anchoring moves the passage, cited by excerpts."""

from __future__ import annotations

import sqlite3

from desktop.core.excerpts import bookmarks as B
from desktop.core.excerpts.export.excerpt import Excerpt, excerpts_from_bookmarks
from tests.core.ingest import format_fixtures as F


def test_a_version_2_file_gains_the_page_column(tmp_path):
    path = tmp_path / "bookmarks.sqlite"
    db = sqlite3.connect(path)
    for script in B.MIGRATIONS[:2]:
        for statement in B._statements(script):
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO bookmarks (doc_id, doc_path, start, \"end\", quote, created) "
               "VALUES ('d', '/x.txt', 0, 4, '东江湾渔', '2024-01-01')")
    db.commit()
    db.close()
    with B.BookmarkStore(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == B.SCHEMA_VERSION == 3
        (bm,) = store.list()
        assert bm.quote == "东江湾渔" and bm.page is None


def test_passages_remember_their_page_and_follow_a_move(tmp_path):
    from desktop.core.service import ArchiveService

    files = tmp_path / "files"
    files.mkdir()
    pdf = F.write_pdf(files / "a.pdf")
    svc = ArchiveService(tmp_path / "data")
    try:
        svc.index([files])
        doc = svc.document(str(pdf))
        start = doc.text.index(F.PAGE3_MARK)
        bm = svc.bookmarks.add_passage(doc, start, start + len(F.PAGE3_MARK))
        assert bm.page == 3
        whole = svc.bookmarks.add_document(doc)
        assert whole.page is None
        (ex, _) = excerpts_from_bookmarks([bm, whole], lambda i: svc.document(i))
        assert ex.page == 3 and ex.citation().endswith("，第 3 页")
        # the mark moves to page 1 when the file is rewritten: re-anchoring finds it there
        pages = [F.PAGES[2], F.PAGES[0], F.PAGES[1]]
        F.write_pdf(pdf, pages=pages)
        svc.index([files])
        moved = svc.bookmarks.get(bm.id)
        assert moved.status == "ok" and moved.page == 1
        assert svc.page_of(doc.id, moved.start) == 1
    finally:
        svc.close()


def test_citation_without_page():
    assert "页" not in Excerpt(text="x", title="标题", date="2024-12-29").citation()
    assert Excerpt(text="x", title="标题", page=12).citation() == "《标题》，第 12 页"
