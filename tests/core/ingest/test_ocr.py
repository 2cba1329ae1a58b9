"""OCR of scanned pages (images, PDF pages without a text layer) through RapidOCR, offline:
pages found by most of their 4-character substrings, cited by page, cached by content hash so a
re-scan never recognises a page again, the engine's threads capped, nothing fetched from a network."""

from __future__ import annotations

import io
import os

import pytest

from desktop.core.ingest.formats import ReadContext, ocr, read_document
from tests.core.ingest import format_fixtures as F

pytestmark = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime not installed")


def write_mixed_pdf(path):
    """Page 1 with a text layer, pages 2 and 3 scanned (images only)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", "", F.FONT, collection_font_number=0)
    pdf.set_font("cjk", size=13)
    pdf.add_page()
    for i in range(0, len(F.PAGES[0]), 30):
        pdf.cell(0, 8, F.PAGES[0][i:i + 30], new_x="LMARGIN", new_y="NEXT")
    for text in F.PAGES[1:]:
        pdf.add_page()
        buf = io.BytesIO()
        F.page_image(text).save(buf, format="PNG")
        buf.seek(0)
        pdf.image(buf, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from desktop.core.service import ArchiveService

    base = tmp_path_factory.mktemp("ocr")
    files = base / "files"
    files.mkdir()
    F.write_png(files / "scan.png", F.PAGES[0])
    write_mixed_pdf(files / "mixed.pdf")
    svc = ArchiveService(base / "data")
    report = svc.index([files])
    yield svc, files, report
    svc.close()


def _found_share(svc, doc_id, text):
    subs = F.substrings(text)
    found = [s for s in subs if doc_id in {h.id for h in svc.search(s, limit=20, snippets=0).hits}]
    return len(found) / len(subs)


def test_scanned_image_is_searchable(archive):
    svc, files, report = archive
    assert not report.skipped, report.skipped
    doc = svc.document(str(files / "scan.png"))
    assert doc.format == "image" and doc.ocr_pages == [1] and len(doc.pages) == 1
    assert _found_share(svc, doc.id, F.PAGES[0]) >= 0.9


def test_pdf_pages_without_text_layer_are_recognised_and_cited(archive):
    svc, files, report = archive
    doc = svc.document(str(files / "mixed.pdf"))
    assert doc.format == "pdf" and doc.ocr_pages == [2, 3] and len(doc.pages) == 3
    for n, text in enumerate(F.PAGES, start=1):
        assert _found_share(svc, doc.id, text) >= (1.0 if n == 1 else 0.9)
    hit = next(h for h in svc.search(F.PAGE3_MARK).hits if h.id == doc.id)
    assert hit.snippet_pages == [3]
    assert report.formats["pdf"] == {"read": 1, "ocr": 1, "skipped": 0}
    assert report.formats["image"] == {"read": 1, "ocr": 1, "skipped": 0}


def test_ocr_text_is_put_back_into_paragraphs(archive):
    svc, files, _ = archive
    doc = svc.document(str(files / "scan.png"))
    # the picture wraps every 24 characters; the reader gets one paragraph, not seven lines
    assert doc.text.count("\n") <= 1, doc.text


def test_rescan_never_recognises_an_unchanged_page_again(archive, monkeypatch):
    svc, files, _ = archive

    def no_engine(self):
        raise AssertionError("the OCR engine was started for a page in the cache")

    monkeypatch.setattr(ocr.Ocr, "_get_engine", no_engine)
    for name in ("scan.png", "mixed.pdf"):
        st = (files / name).stat()
        os.utime(files / name, (st.st_atime + 10, st.st_mtime + 10))
    copy = files / "copy-of-scan.png"  # the same bytes under another name: the same cache entry
    copy.write_bytes((files / "scan.png").read_bytes())
    report = svc.index([files])
    assert not report.skipped and report.added == 1 and report.unchanged == 2
    assert svc.document(str(copy)).text == svc.document(str(files / "scan.png")).text


def test_threads_are_capped_and_nothing_is_fetched(tmp_path, monkeypatch):
    from tests.reliability import netguard

    attempts: list[str] = []
    netguard.install(monkeypatch.setattr, attempts.append)
    engine = ocr.Ocr(ocr.OcrCache(tmp_path / "cache.sqlite"), threads=1)
    text = engine.recognize(F.page_image(F.PAGES[2][:48]), "k:1")
    assert "省市县三级财政共同出资" in text
    session = engine._engine.text_det.infer.session
    assert session.get_session_options().intra_op_num_threads == 1
    assert engine._engine.text_rec.session.session.get_session_options().intra_op_num_threads == 1
    assert engine._engine.use_cls is False
    assert attempts == []
    assert engine.cache.get("k:1") == text


def test_without_an_ocr_engine_images_are_skipped_with_a_reason(tmp_path):
    from desktop.core.errors import UndecodableFile

    F.write_png(tmp_path / "scan.png", "短短一行字")
    with pytest.raises(UndecodableFile, match="未安装文字识别组件"):
        read_document(tmp_path / "scan.png", ReadContext(ocr=None))


def test_lines_to_text_joins_lines_that_run_to_the_margin():
    def box(x0, x1, y):
        return [[x0, y], [x1, y], [x1, y + 30], [x0, y + 30]]

    lines = [(box(60, 1000, 0), "第一段第一行一直写到右边", 0.9), (box(10, 1000, 40), "第一段第二行结束。", 0.9),
             (box(60, 700, 80), "第二段只有一行", 0.9), (box(60, 1000, 120), "第三段", 0.9)]
    assert ocr.lines_to_text(lines) == "第一段第一行一直写到右边第一段第二行结束。\n第二段只有一行\n第三段"


def test_cancel_stops_between_pages_and_leaves_the_file_for_the_next_run(tmp_path):
    from desktop.core.errors import UndecodableFile
    from desktop.core.service import ArchiveService

    write_mixed_pdf(tmp_path / "mixed.pdf")
    calls = []

    def cancel_after_first_page():
        calls.append(1)
        return len(calls) > 2  # the run's own check, then page 1; cancelled before page 2 (OCR)

    with pytest.raises(UndecodableFile, match="取消"):
        read_document(tmp_path / "mixed.pdf", ReadContext(cancel=lambda: len(calls.append(1) or calls) > 1,
                                                          ocr=ocr.Ocr(None)))
    calls.clear()
    svc = ArchiveService(tmp_path / "data")
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        write_mixed_pdf(folder / "mixed.pdf")
        report = svc.index([folder], cancel=cancel_after_first_page)
        assert report.cancelled and report.added == 0 and report.skipped == [] and svc.skipped() == []
        assert not svc.index_state().complete  # the next run reads it
    finally:
        svc.close()


def test_lines_of_columns_are_read_column_by_column_under_a_headline():
    """A newspaper page: a headline over two columns whose lines sit on the same rows. Each column
    is read top to bottom before the next; a sentence wrapped at a column's foot goes on at the
    top of the next column; the second box of a split line stays on its row."""
    def box(x0, x1, y):
        return [[x0, y], [x1, y], [x1, y + 30], [x0, y + 30]]

    lines = [(box(100, 1900, 0), "头版头条标题横跨两栏", 0.9)]
    for row in range(3):
        y = 60 + 40 * row
        lines.append((box(100, 950, y), f"左栏第{row + 1}行", 0.9))
        lines.append((box(1050, 1900, y), f"右栏第{row + 1}行", 0.9))
    lines.append((box(100, 500, 180), "左栏末行。", 0.9))
    lines.append((box(1050, 1400, 180), "右栏", 0.9))
    lines.append((box(1450, 1700, 180), "尾句", 0.9))
    text = ocr.lines_to_text(lines)
    assert text.split("\n") == ["头版头条标题横跨两栏", "左栏第1行左栏第2行左栏第3行左栏末行。",
                                "右栏第1行右栏第2行右栏第3行右栏 尾句"]


def test_scans_become_searchable_as_they_are_recognised(tmp_path, monkeypatch):
    """A folder of scans: each recognised page is committed within COMMIT_SECONDS (0 here), so
    another connection (the window's searcher) finds it while the next page is being read."""
    import sqlite3

    from desktop.core.index import indexer
    from desktop.core.service import ArchiveService

    monkeypatch.setattr(indexer, "COMMIT_SECONDS", 0.0)
    files = tmp_path / "files"
    files.mkdir()
    F.write_png(files / "a.png", F.PAGES[0])
    F.write_png(files / "b.png", F.PAGES[1])
    svc = ArchiveService(tmp_path / "data")
    seen = {}

    def progress(done, total, current):
        if done == 1 and current:
            with sqlite3.connect(tmp_path / "data" / "archive.sqlite") as other:
                seen["while"] = [r[0] for r in other.execute("SELECT path FROM docs")]

    try:
        svc.index([files], progress=progress)
    finally:
        svc.close()
    assert len(seen["while"]) == 1 and seen["while"][0].rsplit("/", 1)[-1] in ("a.png", "b.png")
