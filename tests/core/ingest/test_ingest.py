"""Encodings, bad files and incremental re-indexing, on real files the tests write."""

import os
import time

import opencc
import pytest

from tests.conftest import SEED_FILES, SEEDS

TEXT = (SEEDS / SEED_FILES["maoming"]).read_text(encoding="utf-8")
GBK_SAFE = TEXT.replace("⑬", "13")


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("gb18030", TEXT.encode("gb18030")),
        ("gbk", GBK_SAFE.encode("gbk")),
        ("utf-16-le-bom", b"\xff\xfe" + TEXT.encode("utf-16-le")),
        ("utf-16-be-bom", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("utf-8-bom", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ],
)
def test_encodings_decode_to_the_same_text(fresh_service, tmp_path, encoding, data):
    write(tmp_path / "in" / f"{encoding}.txt", data)
    report = fresh_service.index([tmp_path / "in"])
    assert report.added == 1 and not report.skipped
    hits = fresh_service.search("以心换心诠释职工之家", limit=0).hits
    assert len(hits) == 1
    doc = fresh_service.document(hits[0].id)
    assert doc.meta.person == "黄奕奕" and doc.meta.city == "茂名市"


def test_big5_traditional_file_is_found_by_simplified_query(fresh_service, tmp_path):
    traditional = opencc.OpenCC("s2t").convert(GBK_SAFE)
    write(tmp_path / "in" / "big5.txt", traditional.encode("big5", errors="ignore"))
    report = fresh_service.index([tmp_path / "in"])
    assert report.added == 1, report.skipped
    assert fresh_service.search("工会主席", limit=0).total == 1
    assert fresh_service.search("工會主席", limit=0).total == 1


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(fresh_service, tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.txt", TEXT.encode("utf-8"))
    write(folder / "empty.txt", b"")
    write(folder / "binary.txt", bytes(range(256)) * 40)
    write(folder / "garbage.txt", os.urandom(4000).replace(b"\x00", b"\x01"))
    write(folder / "broken.pdf", b"%PDF-1.4")  # PDFs are read now: a broken one is skipped with a reason
    write(folder / "ignored.xls", b"not read")
    report = fresh_service.index([folder])
    assert report.added == 1
    reasons = {os.path.basename(s.path): s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "garbage.txt", "broken.pdf"}
    assert "PDF" in reasons["broken.pdf"] and "损坏" in reasons["broken.pdf"]
    assert "空文件" in reasons["empty.txt"]
    assert "二进制" in reasons["binary.txt"]
    assert {os.path.basename(s.path) for s in fresh_service.skipped()} == set(reasons)


def test_truncated_last_character_is_still_utf8(fresh_service, tmp_path):
    data = TEXT.encode("utf-8")
    write(tmp_path / "in" / "cut.txt", data + "工".encode("utf-8")[:2])
    report = fresh_service.index([tmp_path / "in"])
    assert report.added == 1


def test_incremental_reindex(fresh_service, tmp_path):
    folder = tmp_path / "in"
    for name in SEED_FILES.values():
        write(folder / name, (SEEDS / name).read_bytes())
    first = fresh_service.index([folder])
    assert first.added == 5
    again = fresh_service.index()
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)
    # same bytes, new mtime: hash says unchanged
    target = folder / SEED_FILES["zhuhai"]
    os.utime(target, (time.time() + 10, time.time() + 10))
    touched = fresh_service.index()
    assert touched.updated == 0 and touched.unchanged == 5
    # changed content
    target.write_text(target.read_text(encoding="utf-8") + "\n新增的独特句子锦鲤湾。", encoding="utf-8")
    changed = fresh_service.index()
    assert changed.updated == 1 and changed.unchanged == 4
    assert fresh_service.search("锦鲤湾", limit=0).total == 1
    # deleted file
    (folder / SEED_FILES["yunfu"]).unlink()
    removed = fresh_service.index()
    assert removed.removed == 1
    assert fresh_service.search("江洪灿", limit=0).total == 0
    assert fresh_service.stats()["documents"] == 4


def test_first_use_indexes_the_seeds(fresh_service):
    report = fresh_service.ensure_seeded()
    assert report is not None and report.added == 5
    assert fresh_service.ensure_seeded() is None  # only once
    assert {c.city for c in fresh_service.cities()} == {"茂名市", "珠海市", "河源市", "云浮市", "佛山市"}


def test_user_correction_survives_reindex(fresh_service, tmp_path):
    folder = tmp_path / "in"
    path = write(folder / "a.txt", (SEEDS / SEED_FILES["jiujiang"]).read_bytes())
    fresh_service.index([folder])
    doc = fresh_service.document(str(path))
    fresh_service.correct(doc.id, city="广州", person="许淑娴同志", title="新标题")
    assert fresh_service.document(doc.id).meta.city == "广州市"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一句。", encoding="utf-8")
    assert fresh_service.index().updated == 1
    again = fresh_service.document(doc.id)
    assert (again.meta.city, again.meta.person, again.meta.title) == ("广州市", "许淑娴同志", "新标题")
    assert fresh_service.search("补充一句", city="广州", limit=0).total == 1
    assert path.read_text(encoding="utf-8").count("新标题") == 0  # source untouched


def test_word_index_reconciles_after_losing_documents(fresh_service, tmp_path):
    folder = tmp_path / "in"
    for name in SEED_FILES.values():
        write(folder / name, (SEEDS / name).read_bytes())
    fresh_service.index([folder])
    w = fresh_service.words.writer()
    w.delete_by_term("id", fresh_service.documents()[0]["id"])
    w.commit()
    assert len(fresh_service.words.ids()) == 4
    fresh_service.index()
    assert len(fresh_service.words.ids()) == 5


def test_segmenter_matches_jieba_on_seeds():
    import jieba

    from desktop.core.index import segmenter

    for name in SEED_FILES.values():
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert segmenter.cut(text) == [w for w in jieba.lcut(text) if w.strip()]


def test_segmenter_matches_jieba_on_corpus_sample(corpus_dir):
    import random

    import jieba

    from desktop.core.index import segmenter

    files = sorted(corpus_dir.glob("*.txt"))
    for path in random.Random(3).sample(files, 150):
        text = path.read_text(encoding="utf-8")
        assert segmenter.cut(text) == [w for w in jieba.lcut(text) if w.strip()], path.name


def test_core_never_imports_qt():
    from pathlib import Path

    core = Path(__file__).resolve().parents[3] / "desktop" / "core"
    for path in core.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "PySide6" not in source and "desktop.gui" not in source, path.name
