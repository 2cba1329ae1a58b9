"""Pages through the command line: `show --json` lists them, `search --json` snippets carry them,
bookmarks remember them and every export format cites them (…，第 3 页)."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import run
from tests.core.ingest import format_fixtures as F


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli-formats")
    files = base / "files"
    files.mkdir()
    F.write_pdf(files / "article.pdf")
    F.write_epub(files / "article.epub")
    F.write_html(files / "article.html")
    home = base / "home"
    report = json.loads(run("index", str(files), "--json", home=home).stdout)
    assert report["added"] == 3 and report["skipped"] == []
    return home, files


def _show(home, path):
    return json.loads(run("show", str(path), "--json", home=home).stdout)


def test_show_lists_pages(archive):
    home, files = archive
    for name in ("article.pdf", "article.epub"):
        doc = _show(home, files / name)
        assert doc["format"] == name.split(".")[1]
        assert [p["page"] for p in doc["pages"]] == [1, 2, 3]
        assert doc["pages"][0]["start"] == 0 and doc["pages"][-1]["end"] == len(doc["text"])
        third = doc["pages"][2]
        assert F.PAGE3_MARK in doc["text"][third["start"]:third["end"]]
        assert F.PAGE3_MARK not in doc["text"][:third["start"]]
        assert not any(p["ocr"] for p in doc["pages"])
    assert _show(home, files / "article.html")["pages"] == []


def test_search_snippets_carry_the_page(archive):
    home, files = archive
    data = json.loads(run("search", F.PAGE3_MARK, "--json", home=home).stdout)
    pages = {hit["path"].rsplit("/", 1)[-1]: [s["page"] for s in hit["snippets"]] for hit in data["hits"]}
    assert pages == {"article.pdf": [3], "article.epub": [3], "article.html": [None]}
    assert all("【" + F.PAGE3_MARK + "】" in s["text"] for hit in data["hits"] for s in hit["snippets"])
    data = json.loads(run("search", "防波堤", "--json", home=home).stdout)
    assert {s["page"] for hit in data["hits"] for s in hit["snippets"]} == {1, None}


def _extract(path, fmt):
    if fmt == "docx":
        import docx

        d = docx.Document(str(path))
        return "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    if fmt == "pdf":
        import pypdf

        return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8-sig")


def test_bookmarks_remember_the_page_and_every_export_cites_it(archive, tmp_path):
    from desktop.core.excerpts.export import FORMATS

    home, files = archive
    doc = _show(home, files / "article.pdf")
    start = doc["text"].index(F.PAGE3_MARK)
    bm = json.loads(run("bookmark", "add", str(files / "article.pdf"), "--start", str(start),
                        "--end", str(start + len(F.PAGE3_MARK)), "--json", home=home).stdout)
    assert bm["page"] == 3
    listed = json.loads(run("bookmark", "list", "--json", home=home).stdout)
    assert [b["page"] for b in listed["bookmarks"]] == [3]
    assert len(FORMATS) == 7
    for fmt in FORMATS:
        out = tmp_path / f"bookmarks.{fmt}"
        run("export", "--format", fmt, "-o", str(out), home=home)
        text = "".join(_extract(out, fmt).split())
        assert "第3页" in text, (fmt, text[:300])
        out = tmp_path / f"hits.{fmt}"
        run("export", "--format", fmt, "--query", "防波堤", "-o", str(out), home=home)
        text = "".join(_extract(out, fmt).split())
        assert "第1页" in text, (fmt, text[:300])


def test_index_reports_counts_per_format(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    F.write_pdf(files / "a.pdf")
    F.write_pdf(files / "locked.pdf", encrypt=True)
    F.write_docx(files / "b.docx")
    (files / "c.txt").write_text("本报讯 东江湾渔港升级改造工程全面完工。" * 3, encoding="utf-8")
    (files / "broken.epub").write_bytes(b"PK\x03\x04" + bytes(100))
    report = json.loads(run("index", str(files), "--json", home=tmp_path / "home").stdout)
    assert report["formats"] == {
        "pdf": {"read": 1, "ocr": 0, "skipped": 1},
        "docx": {"read": 1, "ocr": 0, "skipped": 0},
        "text": {"read": 1, "ocr": 0, "skipped": 0},
        "epub": {"read": 0, "ocr": 0, "skipped": 1},
    }
    reasons = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in report["skipped"]}
    assert "加密" in reasons["locked.pdf"] and "损坏" in reasons["broken.epub"]
    text = run("index", str(files), home=tmp_path / "home2").stdout
    assert "PDF: 读取 1，其中文字识别 0，跳过 1" in text
