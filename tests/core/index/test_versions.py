"""Version groups (issue 14): each kind of version grouped, each kind of non-version kept apart,
incremental add, change and removal; real indexing into a real store in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.index.versions import Versions, containment, signature
from desktop.core.service import ArchiveService

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def seed(i: int) -> str:
    return sorted(SEEDS.glob("*.txt"))[i].read_text(encoding="utf-8")


def paras(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def ocr_noise(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        ch = {"已": "己", "日": "曰", "未": "末"}.get(ch, ch)
        out.append(ch + (" " if i % 37 == 0 else "") + ("\n" if i % 61 == 0 else ""))
    return "".join(out)


BASE = seed(0)
P = paras(BASE)
KINDS = {
    "ocr": ocr_noise(BASE),
    "headline": "新标题：职工之家建设访谈\n■本报记者 王明\n" + "\n".join(P[3:]),
    "truncated": "\n".join(P[: len(P) * 2 // 3]),
    "extended": BASE + "\n" + "\n".join(paras(seed(3))[-4:]),
    "reordered": "\n".join(P[len(P) // 2:] + P[: len(P) // 2]),
    "wrapped": "南方工报 2024年5月6日 第3版\n" + BASE + "\n（责任编辑：李华）本报地址：广州市越秀区 电话020-12345678",
}
BOILER = "本报讯 为深入学习贯彻党的二十大精神，进一步推动工会工作高质量发展，各级工会组织认真落实各项部署，取得明显成效。"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_version_is_accepted(kind):
    assert containment(signature(BASE), signature(KINDS[kind])) >= 0.75, kind


def test_non_versions_stay_below_threshold():
    # same series and topic (union chairmen interviews), shared boilerplate paragraph, shared stock phrases
    for i in range(1, 5):
        assert containment(signature(BASE), signature(seed(i))) < 0.3
        assert containment(signature(BOILER + "\n" + BASE), signature(BOILER + "\n" + seed(i))) < 0.3
    assert containment(signature(BASE[:300]), signature(BASE[:300])) == 1.0  # short texts still judged


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_index_groups_versions_and_keeps_others_apart(tmp_path):
    src = tmp_path / "src"
    write(src, "base.txt", BASE)
    for kind, text in KINDS.items():
        write(src, f"v_{kind}.txt", text)
    for i in range(1, 5):
        write(src, f"other{i}.txt", BOILER + "\n" + seed(i))
    svc = ArchiveService(tmp_path / "data")
    try:
        svc.index([src])
        v = Versions(svc.store)
        groups = v.groups()
        ids = {Path(r[1]).name: r[0] for r in svc.store.conn.execute("SELECT id, path FROM docs")}
        assert len(groups) == 1
        names = {n for n, i in ids.items() if i in groups[0].members}
        assert names == {"base.txt"} | {f"v_{k}.txt" for k in KINDS}
        assert all(0.75 <= s <= 1.0 for _, _, s in groups[0].pairs)

        # incremental: a new copy joins without recomputing; its pairs are only its own
        before = set(v.pairs())
        write(src, "late.txt", "转载自茂名日报\n" + BASE)
        svc.index()
        after = set(v.pairs())
        assert before <= after and after - before
        late = [i for i in svc.store.conn.execute("SELECT id FROM docs WHERE path LIKE '%late.txt'")][0][0]
        assert all(late in (a, b) for a, b, _ in after - before)

        # removal drops the document from its group
        (src / "late.txt").unlink()
        svc.index()
        assert set(v.pairs()) == before

        # a change that makes a copy another article takes it out of the group
        write(src, "v_truncated.txt", seed(2))
        svc.index()
        members = Versions(svc.store).groups()[0].members
        assert ids["v_truncated.txt"] not in members and ids["base.txt"] in members
    finally:
        svc.close()


def test_search_folds_versions_into_stories(tmp_path):
    from desktop.core.search.stories import Grouping, fold

    src = tmp_path / "src"
    write(src, "base.txt", BASE)
    write(src, "v_ocr.txt", KINDS["ocr"])
    write(src, "v_wrapped.txt", KINDS["wrapped"])
    for i in range(1, 5):
        write(src, f"other{i}.txt", seed(i))
    svc = ArchiveService(tmp_path / "data")
    try:
        svc.index([src])
        result = svc.search("工会", limit=0)
        assert result.total == 7 and len(result.rowids) == 7
        assert result.stories_total == 5 and result.to_json()["stories_total"] == 5
        grouped = [s for s in result.stories if s.others]
        assert len(grouped) == 1 and grouped[0].more == 2
        story = grouped[0]
        ranks = [h.id for h in result.hits]
        assert ranks.index(story.lead.id) < min(ranks.index(h.id) for h in story.others)  # best in front
        # a page of one hit still counts the stories over every match, and the lead's other versions
        page = svc.search("工会", limit=1)
        assert page.stories_total == 5 and len(page.stories) == 1
        assert fold([], [], Grouping()) == ([], 0)
    finally:
        svc.close()


def test_an_archive_indexed_before_version_groups_is_grouped_on_the_next_scan(tmp_path):
    """The version tables of an older archive are empty (or hold documents removed since): the next
    run, even with nothing changed on disk, records every document and drops the stale ones."""
    import sqlite3

    src = tmp_path / "src"
    write(src, "base.txt", BASE)
    write(src, "v_ocr.txt", KINDS["ocr"])
    write(src, "other.txt", seed(1))
    data = tmp_path / "data"
    svc = ArchiveService(data)
    try:
        svc.index([src])
        expected = Versions(svc.store).pairs()
        assert len(expected) == 1
    finally:
        svc.close()
    db = next(data.glob("*.sqlite*"))  # the archive store, emptied of its version tables as an old one
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM version_hashes")
        conn.execute("DELETE FROM version_pairs")
        conn.execute("DELETE FROM version_docs")
        conn.execute("INSERT INTO version_docs VALUES ('gone-long-ago', 10, NULL)")
    conn.close()
    svc = ArchiveService(data)
    try:
        assert Versions(svc.store).pairs() == []
        report = svc.index()
        assert report.added == report.updated == 0
        assert Versions(svc.store).pairs() == expected
        docs = {r[0] for r in svc.store.conn.execute("SELECT doc FROM version_docs")}
        assert docs == {r[0] for r in svc.store.conn.execute("SELECT id FROM docs")}
    finally:
        svc.close()


def test_removing_a_folder_takes_its_documents_out_of_their_groups(tmp_path):
    write(tmp_path / "a", "base.txt", BASE)
    write(tmp_path / "b", "copy.txt", KINDS["wrapped"])
    svc = ArchiveService(tmp_path / "data")
    try:
        svc.index([tmp_path / "a", tmp_path / "b"])
        assert len(Versions(svc.store).pairs()) == 1
        report = svc.remove_source(str((tmp_path / "b").resolve()))
        assert report.removed == 1
        assert Versions(svc.store).pairs() == []
        docs = {r[0] for r in svc.store.conn.execute("SELECT doc FROM version_docs")}
        assert docs == {r[0] for r in svc.store.conn.execute("SELECT id FROM docs")}
    finally:
        svc.close()


def test_searching_an_archive_without_version_tables_writes_nothing(tmp_path):
    """An archive indexed before version groups (no tables) is searched as one without groups: the
    search neither creates the tables (a read-only archive could not) nor changes the connection's
    page cache; the next index run creates and fills them."""
    import sqlite3

    src = tmp_path / "src"
    write(src, "base.txt", BASE)
    write(src, "v_ocr.txt", KINDS["ocr"])
    data = tmp_path / "data"
    svc = ArchiveService(data)
    try:
        svc.index([src])
    finally:
        svc.close()
    conn = sqlite3.connect(data / "archive.sqlite")
    with conn:
        for table in ("version_hashes", "version_pairs", "version_docs"):
            conn.execute(f"DROP TABLE {table}")
    conn.close()
    svc = ArchiveService(data)
    try:
        cache = svc.store.conn.execute("PRAGMA cache_size").fetchone()[0]
        result = svc.search("工会", limit=10)
        assert result.total == 2 and result.stories_total == 2
        assert svc.versions() == []
        tables = {r[0] for r in svc.store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert not {"version_hashes", "version_pairs", "version_docs"} & tables
        assert svc.store.conn.execute("PRAGMA cache_size").fetchone()[0] == cache
        svc.index()
        assert len(Versions(svc.store).pairs()) == 1
    finally:
        svc.close()
