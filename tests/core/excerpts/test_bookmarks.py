"""Bookmarks in SQLite (desktop.core.excerpts.bookmarks): storage, order, migration, re-anchoring."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core.excerpts.bookmarks import SCHEMA_VERSION, BookmarkNotFound, BookmarkStore
from desktop.core.errors import UserInputError
from desktop.core.models import Document, DocumentMeta, Section

ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_META = [
    ("以心换心诠释职工之家的时代内涵", "茂名市", "黄奕奕", 13),
    ('以职工群众满意度作为检验工作的"试金石"', "珠海市", "吕红珍", 2),
    ("职工对美好生活的向往,就是工会的奋斗目标", "河源市", "黄远程", 14),
    ("以真心践初心,用实干书写工会为民答卷", "云浮市", "汀洪灿", 8),
    ("绘就发展新蓝图 当好职工“娘家人”", "佛山市", "许淑娴", None),
]
QUOTE = "茂名市总工会将牢牢锚定“走在前列”总目标"


def seed_doc(i: int, text: str | None = None, doc_id: str | None = None, path: str | None = None) -> Document:
    title, city, person, no = SEED_META[i]
    body = SEEDS[i].read_text(encoding="utf-8") if text is None else text
    return Document(
        id=doc_id or f"seed{i}",
        path=path or str(SEEDS[i]),
        encoding="utf-8",
        text=body,
        original=body,
        meta=DocumentMeta(
            title=title,
            city=city,
            person=person,
            series="工会主席访谈" if no else None,
            series_no=no,
            sections=[Section("谈体会", "锚定“走在前列”展现工会担当和作为", 0, 500)],
        ),
    )


class Archive:
    """A small in-memory archive implementing the DocumentSource protocol."""

    def __init__(self, *docs: Document) -> None:
        self.docs = {d.id: d for d in docs}

    def put(self, doc: Document) -> None:
        self.docs[doc.id] = doc

    def drop(self, doc_id: str) -> None:
        del self.docs[doc_id]

    def document_text(self, doc_id: str) -> str | None:
        doc = self.docs.get(doc_id)
        return doc.text if doc else None

    def find_documents_with(self, text: str) -> list[str]:
        return [d.id for d in self.docs.values() if text in d.text]

    def document_info(self, doc_id: str) -> dict | None:
        doc = self.docs.get(doc_id)
        if doc is None:
            return None
        return {"path": doc.path, "title": doc.meta.title, "city": doc.meta.city}


@pytest.fixture()
def store(tmp_path: Path):
    s = BookmarkStore(tmp_path / "bookmarks.sqlite")
    yield s
    s.close()


def add_quote(store: BookmarkStore, doc: Document, quote: str = QUOTE, **kw):
    start = doc.text.index(quote)
    return store.add_passage(doc, start, start + len(quote), **kw)


# -- storage --------------------------------------------------------------------------------------


def test_add_passage_keeps_quote_context_and_city(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc, note="要点", tags=["目标", "目标", " 思路 "])
    assert bm.kind == "passage" and bm.status == "ok"
    assert doc.text[bm.start : bm.end] == bm.quote == QUOTE
    assert doc.text[: bm.start].endswith(bm.prefix) and len(bm.prefix) == 32
    assert doc.text[bm.end :].startswith(bm.suffix) and len(bm.suffix) == 32
    assert bm.city == "茂名市" and bm.note == "要点" and bm.tags == ["目标", "思路"]
    assert bm.doc_title == "以心换心诠释职工之家的时代内涵" and bm.doc_path == doc.path
    assert bm.created and bm.updated == bm.created
    assert store.get(bm.id) == bm


def test_add_document_and_duplicates(store: BookmarkStore) -> None:
    doc = seed_doc(1)
    bm = store.add_document(doc, city="横琴")
    assert bm.kind == "document" and bm.start is None and bm.end is None
    assert bm.city == "横琴" and bm.quote and bm.quote in doc.text
    assert store.add_document(doc).id == bm.id
    p = add_quote(store, seed_doc(0))
    assert add_quote(store, seed_doc(0)).id == p.id
    assert len(store) == 2


def test_bad_ranges_and_ids_raise_user_input_error(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    n = len(doc.text)
    for start, end in [(-1, 5), (5, 5), (9, 3), (0, n + 1)]:
        with pytest.raises(UserInputError, match="not inside the document"):
            store.add_passage(doc, start, end)
    with pytest.raises(UserInputError, match="blank"):
        store.add_passage(doc, 0, 2)  # the text opens with two newlines
    with pytest.raises(UserInputError):
        store.add_passage(doc, "3", 9)  # type: ignore[arg-type]
    with pytest.raises(BookmarkNotFound, match="no bookmark number 42"):
        store.get(42)
    with pytest.raises(UserInputError):
        store.remove(42)
    with pytest.raises(UserInputError):
        store.update(42, note="x")
    with pytest.raises(UserInputError):
        store.list(status="lost")
    assert len(store) == 0


def test_list_order_update_remove_and_cities(store: BookmarkStore) -> None:
    a = add_quote(store, seed_doc(0))
    b = store.add_document(seed_doc(1))
    c = store.add_document(seed_doc(2), city="")
    d = store.add_document(seed_doc(3))
    assert [x.id for x in store.list()] == [a.id, b.id, c.id, d.id]
    assert c.city is None
    assert store.cities() == [("茂名市", 1), ("珠海市", 1), ("云浮市", 1), ("", 1)]

    store.reorder([d.id, b.id])
    assert [x.id for x in store.list()] == [d.id, b.id, a.id, c.id]
    assert [c for c, _ in store.cities()] == ["云浮市", "珠海市", "茂名市", ""]

    updated = store.update(b.id, note="新的备注", city="茂名市", tags=["甲"])
    assert (updated.note, updated.city, updated.tags) == ("新的备注", "茂名市", ["甲"])
    assert updated.updated >= updated.created
    assert store.update(b.id, note="再改").city == "茂名市"  # unspecified fields stay
    assert [x.id for x in store.list(city="茂名市")] == [b.id, a.id]
    assert [x.id for x in store.list(city="")] == [c.id]
    assert store.update(d.id, city=None).city is None
    assert store.cities() == [("茂名市", 2), ("", 2)]

    store.remove(a.id)
    with pytest.raises(BookmarkNotFound):
        store.get(a.id)
    assert [x.id for x in store.list()] == [d.id, b.id, c.id]
    with pytest.raises(BookmarkNotFound):
        store.reorder([a.id])


def test_file_is_wal_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    BookmarkStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(UserInputError, match="newer version"):
        BookmarkStore(path)


def test_a_write_survives_sigkill_right_after_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from desktop.core.excerpts.bookmarks import BookmarkStore
        from desktop.core.models import Document, DocumentMeta
        store = BookmarkStore(Path({str(path)!r}))
        doc = Document(id="d1", path="/a.txt", encoding="utf-8", text="工会是职工之家。",
                       original="", meta=DocumentMeta(title="标题", city="茂名市"))
        bm = store.add_passage(doc, 0, 4, note="kill me")
        store.update(bm.id, tags=["持久"])
        print(bm.id, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with BookmarkStore(path) as store:
        bm = store.get(int(line))
        assert (bm.quote, bm.note, bm.tags) == ("工会是职", "kill me", ["持久"])


# -- migration ------------------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    doc_path TEXT NOT NULL,
    doc_title TEXT NOT NULL DEFAULT '',
    start INTEGER,
    "end" INTEGER,
    quote TEXT NOT NULL DEFAULT '',
    city TEXT,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
"""


def make_v1_file(path: Path, doc: Document) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    start = doc.text.index(QUOTE)
    db.execute(
        'INSERT INTO bookmarks (doc_id, doc_path, doc_title, start, "end", quote, city, note, '
        "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            doc.path,
            doc.meta.title,
            start,
            start + len(QUOTE),
            QUOTE,
            "茂名市",
            "旧笔记",
            "2024-05-01T10:00:00+08:00",
        ),
    )
    db.execute(
        "INSERT INTO bookmarks (doc_id, doc_path, doc_title, quote, city, created) "
        "VALUES ('seed1', '/old/path.txt', '旧标题', '', NULL, '2024-05-02T10:00:00+08:00')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    doc = seed_doc(0)
    make_v1_file(path, doc)
    with BookmarkStore(path) as store:
        first, second = store.list()
        assert first.kind == "passage" and first.quote == QUOTE and first.note == "旧笔记"
        assert first.status == "ok" and first.tags == [] and first.prefix == ""
        assert first.updated == first.created == "2024-05-01T10:00:00+08:00"
        assert second.kind == "document" and second.start is None and second.city is None
        assert first.position < second.position
        assert store.cities() == [("茂名市", 1), ("", 1)]
        # The migrated file works like a new one.
        new = store.add_document(seed_doc(2))
        assert store.list()[-1].id == new.id
        summary = store.reanchor(Archive(doc, seed_doc(1), seed_doc(2)))
        assert summary.unchanged == 3
        # Version-1 bookmarks get their context (passage) and opening (document) on the way.
        first, second, _ = store.list()
        assert first.prefix == doc.text[first.start - 32 : first.start]
        assert second.quote and second.quote in seed_doc(1).text
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "odd.sqlite"
    make_v1_file(path, seed_doc(0))
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE bookmarks ADD COLUMN status TEXT")  # clashes with migration 2
    db.commit()
    db.close()
    with pytest.raises(sqlite3.OperationalError):
        BookmarkStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    cols = [r[1] for r in db.execute("PRAGMA table_info(bookmarks)")]
    assert "kind" not in cols and "prefix" not in cols
    assert db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 2
    db.close()


# -- re-anchoring ---------------------------------------------------------------------------------


def test_reanchor_unchanged(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    store.add_document(doc)
    calls: list[tuple[int, int]] = []
    summary = store.reanchor(Archive(doc), progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    assert (summary.unchanged, summary.relocated, summary.orphaned) == (2, 0, 0)
    assert store.get(bm.id) == bm


def test_reanchor_after_insertions_before_the_quote(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    lead = "编者按：本文经受访者审阅。\n\n"
    edited = seed_doc(0, text=lead + doc.text)
    summary = store.reanchor(Archive(edited))
    assert summary.relocated == 1
    new = store.get(bm.id)
    assert (new.start, new.end) == (bm.start + len(lead), bm.end + len(lead))
    assert edited.text[new.start : new.end] == QUOTE and new.status == "ok"


def test_reanchor_after_ocr_spaces_and_a_changed_character(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    changed = "茂名市总工会 将牢牢瞄定“走在 前列”总目标"
    edited = seed_doc(0, text=doc.text.replace(QUOTE, " " + changed + " ")[30:])
    assert store.reanchor(Archive(edited)).relocated == 1
    new = store.get(bm.id)
    assert new.quote == changed == edited.text[new.start : new.end]
    assert new.prefix == edited.text[new.start - 32 : new.start]
    assert new.suffix == edited.text[new.end : new.end + 32]


def test_reanchor_after_deletions_inside(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    quote = "聚焦思想铸魂、建功立业、服务升级、权益保障、改革赋能等重点领域"
    bm = add_quote(store, doc, quote)
    edited = seed_doc(0, text=doc.text.replace("建功立业、", ""))
    store.reanchor(Archive(edited))
    assert store.get(bm.id).quote == "聚焦思想铸魂、服务升级、权益保障、改革赋能等重点领域"


def test_orphan_when_the_quote_is_gone_then_restored(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc, note="留着")
    keep = add_quote(store, doc, "以心换心诠释职工之家的时代内涵")
    line_start = doc.text.rindex("\n", 0, bm.start) + 1
    line_end = doc.text.index("\n", bm.end)
    without = seed_doc(0, text=doc.text[:line_start] + doc.text[line_end:])

    summary = store.reanchor(Archive(without))
    assert (summary.orphaned, summary.unchanged) == (1, 1)
    orphan = store.get(bm.id)
    assert orphan.status == "orphan" and orphan.quote == QUOTE and orphan.note == "留着"
    assert (orphan.start, orphan.end) == (bm.start, bm.end)
    assert [o.id for o in store.orphans()] == [bm.id]
    assert store.get(keep.id).status == "ok"

    again = store.reanchor(Archive(without))
    assert (again.still_orphan, again.orphaned) == (1, 0)

    back = store.reanchor(Archive(doc))
    assert back.restored == 1
    restored = store.get(bm.id)
    assert restored.status == "ok" and (restored.start, restored.end) == (bm.start, bm.end)
    assert store.orphans() == []


def test_moved_file_with_the_same_text(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    passage = add_quote(store, doc, city="自定义城市")
    whole = store.add_document(doc)
    moved = seed_doc(0, doc_id="moved0", path="/archive/2025/茂名/黄奕奕访谈.txt")
    archive = Archive(moved, seed_doc(1), seed_doc(2))
    summary = store.reanchor(archive)
    assert summary.moved == 2
    for bm_id in (passage.id, whole.id):
        bm = store.get(bm_id)
        assert (bm.doc_id, bm.doc_path, bm.status) == ("moved0", moved.path, "ok")
    p = store.get(passage.id)
    assert (p.start, p.end, p.city) == (passage.start, passage.end, "自定义城市")


def test_moved_and_edited_file(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    text = ("新导语。" * 10 + doc.text).replace("牢牢锚定", "牢 牢锚定")
    moved = seed_doc(0, text=text, doc_id="moved0", path="/elsewhere/a.txt")
    assert store.reanchor(Archive(moved, seed_doc(1))).moved == 1
    new = store.get(bm.id)
    assert new.doc_id == "moved0" and text[new.start : new.end] == new.quote
    assert new.quote == "茂名市总工会将牢 牢锚定“走在前列”总目标"


def test_gone_document_with_no_copy_is_orphaned_not_moved(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    # Other articles share set phrases, but not this passage.
    summary = store.reanchor(Archive(seed_doc(1), seed_doc(2), seed_doc(3)))
    assert summary.orphaned == 1
    orphan = store.get(bm.id)
    assert (orphan.doc_id, orphan.status, orphan.quote) == ("seed0", "orphan", QUOTE)


def test_two_copies_are_told_apart_by_context_or_left_orphan(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    copy_a = seed_doc(0, doc_id="a", path="/a.txt")
    # Copy b holds the quote but in other surroundings.
    copy_b = seed_doc(0, text="无关的开头。" + QUOTE + "。无关的结尾。", doc_id="b", path="/b.txt")
    assert store.reanchor(Archive(copy_a, copy_b)).moved == 1
    assert store.get(bm.id).doc_id == "a"

    other = add_quote(store, copy_a, "以心换心诠释职工之家的时代内涵")
    twin1 = seed_doc(0, doc_id="t1", path="/t1.txt")
    twin2 = seed_doc(0, doc_id="t2", path="/t2.txt")
    summary = store.reanchor(Archive(twin1, twin2))
    assert summary.orphaned == 2  # two identical candidates: no guessing
    assert store.get(other.id).doc_id == "a"


def test_orphan_of_a_gone_document_comes_back_when_the_file_reappears(
    store: BookmarkStore,
) -> None:
    doc = seed_doc(0)
    bm = add_quote(store, doc)
    assert store.reanchor(Archive(seed_doc(1))).orphaned == 1
    summary = store.reanchor(Archive(seed_doc(1), seed_doc(0, doc_id="back", path="/back.txt")))
    assert summary.restored == 1
    assert store.get(bm.id).doc_id == "back" and store.get(bm.id).status == "ok"


def test_reanchor_picks_up_a_corrected_title(store: BookmarkStore) -> None:
    doc = seed_doc(0)
    bm = store.add_document(doc)
    doc.meta.title = "改正后的标题"
    store.reanchor(Archive(doc))
    assert store.get(bm.id).doc_title == "改正后的标题"
