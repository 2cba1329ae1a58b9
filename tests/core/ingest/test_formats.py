"""Every format reader, end to end through the indexer: text found by any 4-character substring,
boilerplate left out, pages kept through cleaning, the file's own title and date used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.ingest.formats import read_document
from desktop.core.ingest.formats.common import fold_compat
from tests.core.ingest import format_fixtures as F

BUILDERS = {
    "pdf": lambda d: F.write_pdf(d / "article.pdf"),
    "docx": lambda d: F.write_docx(d / "article.docx"),
    "html": lambda d: F.write_html(d / "article.html"),
    "gbk.html": lambda d: F.write_html(d / "article-gbk.htm", charset="gbk"),
    "epub": lambda d: F.write_epub(d / "article.epub"),
    "mhtml": lambda d: F.write_mhtml(d / "article.mhtml"),
}
PAGED = ("pdf", "docx", "epub")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from desktop.core.service import ArchiveService

    base = tmp_path_factory.mktemp("formats")
    paths = {}
    for kind, build in BUILDERS.items():
        folder = base / "files" / kind
        folder.mkdir(parents=True)
        paths[kind] = build(folder)
    svc = ArchiveService(base / "data")
    report = svc.index([base / "files"])
    assert not report.skipped, report.skipped
    yield svc, paths, report
    svc.close()


def _doc(svc, path):
    return svc.document(str(path))


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_substring_of_the_article_is_found(archive, kind):
    svc, paths, _ = archive
    doc_id = _doc(svc, paths[kind]).id
    missing = [s for s in F.substrings(F.ARTICLE)
               if doc_id not in {h.id for h in svc.search(s, limit=20, snippets=0).hits}]
    assert not missing, f"{kind}: {len(missing)} not found, e.g. {missing[:5]}"


@pytest.mark.parametrize("kind", ["html", "gbk.html", "mhtml"])
def test_web_page_boilerplate_is_not_indexed(archive, kind):
    svc, paths, _ = archive
    doc = _doc(svc, paths[kind])
    for text in F.BOILERPLATE + ["写得好", "安全生产工作会议", "邮编", "color"]:
        assert text not in doc.text, text
        assert doc.id not in {h.id for h in svc.search(text, limit=20, snippets=0).hits}, text


@pytest.mark.parametrize("kind", PAGED)
def test_pages_survive_cleaning(archive, kind):
    svc, paths, _ = archive
    doc = _doc(svc, paths[kind])
    assert len(doc.pages) == 3
    assert doc.pages[0][0] == 0 and doc.pages[-1][1] == len(doc.text)
    for n, page_text in enumerate(F.PAGES, start=1):
        start, end = doc.page_range(n)
        on_page = "".join(doc.text[start:end].split())
        own = "".join(page_text.split())
        assert own[-12:] in on_page and own[4:16] in on_page  # each page's own text
        assert doc.page_at(doc.text.index(page_text[-10:])) == n
    assert doc.page_at(doc.text.index(F.PAGE3_MARK)) == 3


def test_documents_without_pages(archive, seeded_service):
    svc, paths, _ = archive
    assert _doc(svc, paths["html"]).pages == []
    doc = seeded_service.document(seeded_service.documents()[0]["id"])
    assert doc.format == "text" and doc.pages == [] and doc.page_at(10) is None


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_title_and_date_from_the_file(archive, kind):
    svc, paths, _ = archive
    doc = _doc(svc, paths[kind])
    assert doc.meta.title == F.TITLE
    if kind != "docx":  # a Word file's dates are the file's (often its template's), not the article's
        assert doc.meta.date == "2024-12-29"
    assert doc.format == {"mhtml": "html"}.get(kind, kind.split(".")[-1])


def test_index_report_counts_per_format(archive):
    _, _, report = archive
    assert report.formats["pdf"] == {"read": 1, "ocr": 0, "skipped": 0}
    assert {k: v["read"] for k, v in report.formats.items()} == {"pdf": 1, "docx": 1, "html": 3, "epub": 1}


def test_pdf_lines_rejoined_into_paragraphs(tmp_path):
    got = read_document(F.write_pdf(tmp_path / "a.pdf"))
    assert F.PAGES[0] in got.text and F.PAGES[2] in got.text


def test_kangxi_radicals_from_pdf_fonts_are_folded(tmp_path):
    assert fold_compat("\u2f34东\u2f2f会\uf900") == "广东工会豈"
    text = "\u2f34东省\u2f2f会第\u2f17五次代表\u2f24会召开"  # 广 工 十 大 as Kangxi radicals
    if not Path(F.NOTO).exists():
        pytest.skip("fonts-noto-cjk not installed")
    got = read_document(F.write_pdf(tmp_path / "k.pdf", pages=[text], title=None, font=(F.NOTO, 2)))
    assert "\u2f34" not in got.text
    assert "广东省工会第十五次代表大会召开" in got.text


def test_epub_chapters_in_spine_order(tmp_path):
    got = read_document(F.write_epub(tmp_path / "b.epub", pages=["第一章的文字内容", "第二章的文字内容", "第三章的文字内容"]))
    assert [got.text[s:e].strip()[-8:] for s, e in got.pages] == ["第一章的文字内容", "第二章的文字内容", "第三章的文字内容"]


def test_docx_tables_and_headings(tmp_path):
    got = read_document(F.write_docx(tmp_path / "t.docx"))
    assert got.text.startswith(F.TITLE)
    assert "现场\t在新落成的交易大厅里" in got.text


def test_a_file_whose_extension_lies_is_read_as_what_it_is(tmp_path):
    pdf = F.write_pdf(tmp_path / "x.pdf")
    shutil.copy(pdf, tmp_path / "really-a-pdf.txt")
    assert read_document(tmp_path / "really-a-pdf.txt").format == "pdf"
    (tmp_path / "page.pdf").write_text(F.html_page(), encoding="utf-8")
    got = read_document(tmp_path / "page.pdf")
    assert got.format == "html" and F.PAGE3_MARK in got.text


def test_seeds_still_index_in_about_a_second(tmp_path):
    import time

    from desktop.core.service import ArchiveService
    from tests.conftest import SEEDS

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    svc = ArchiveService(tmp_path / "data")
    try:
        started = time.perf_counter()
        report = svc.index([folder])
        took = time.perf_counter() - started
    finally:
        svc.close()
    assert report.added == 5 and report.formats == {"text": {"read": 5, "ocr": 0, "skipped": 0}}
    assert took < 3.0, took  # about a second here; the heavy readers are not imported for text
    import sys

    assert "pypdfium2" not in sys.modules or "trafilatura" in sys.modules  # (other tests may load them)


def test_text_indexing_does_not_import_the_heavy_readers(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT, SEEDS

    code = ("import sys; from desktop.core.service import ArchiveService as A; "
            f"s = A({str(tmp_path / 'd')!r}); s.index([{str(SEEDS)!r}]); "
            "print(sorted(m for m in ('pypdfium2', 'trafilatura', 'docx', 'rapidocr_onnxruntime', 'onnxruntime', 'cv2', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_page_image_of_a_pdf_page(archive):
    import io

    from PIL import Image

    svc, paths, _ = archive
    png = svc.page_image(str(paths["pdf"]), 3, max_side=800)
    image = Image.open(io.BytesIO(png))
    assert max(image.size) in (799, 800, 801) and image.size[1] > image.size[0]  # an A4 page, upright
    assert image.convert("L").getextrema()[0] < 100  # something is printed on it
    assert svc.page_image(str(paths["pdf"]), 4) is None
    assert svc.page_image(str(paths["html"]), 1) is None
