"""Bad input in every format: skipped with a plain reason, or read within bounded time and memory;
never a crash, a hang, or the loss of what was indexed before."""

from __future__ import annotations

import io
import os
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from desktop.core.errors import UndecodableFile
from desktop.core.ingest.formats import Limits, ReadContext, read_document
from tests.core.ingest import format_fixtures as F


def reason(path: Path, ctx: ReadContext | None = None) -> str:
    started = time.perf_counter()
    with pytest.raises(UndecodableFile) as info:
        read_document(path, ctx)
    assert time.perf_counter() - started < 10
    message = str(info.value)
    assert message.startswith(path.name + ": ") and "Traceback" not in message
    return message.split(": ", 1)[1]


def test_encrypted_pdf(tmp_path):
    assert "加密" in reason(F.write_pdf(tmp_path / "locked.pdf", encrypt=True))


def test_corrupt_and_truncated_pdf(tmp_path):
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(20000))
    assert "损坏" in reason(tmp_path / "garbage.pdf")
    whole = F.write_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    try:  # PDFium rebuilds what it can of a cut file; either way there is no crash
        got = read_document(tmp_path / "cut.pdf")
        assert got.format == "pdf"
    except UndecodableFile as exc:
        assert "PDF" in str(exc)


def test_truncated_docx_and_epub(tmp_path):
    for name, build in (("cut.docx", F.write_docx), ("cut.epub", F.write_epub)):
        data = build(tmp_path / ("whole" + name[3:])).read_bytes()
        (tmp_path / name).write_bytes(data[: len(data) // 2])
        assert "损坏或不完整" in reason(tmp_path / name)


def _bomb(path: Path, inner: str, size: int, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (extra or {}).items():
            zf.writestr(name, text)
        with zf.open(inner, "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return path


def test_zip_bombs_in_docx_and_epub(tmp_path):
    docx_bomb = _bomb(tmp_path / "bomb.docx", "word/document.xml", 100 << 20)
    assert docx_bomb.stat().st_size < 1 << 20  # 100 MB of text in well under 1 MB
    assert "压缩炸弹" in reason(docx_bomb)
    epub_bomb = _bomb(tmp_path / "bomb.epub", "OEBPS/chap1.xhtml", 100 << 20, {"mimetype": "application/epub+zip"})
    assert "压缩炸弹" in reason(epub_bomb)


def _with_lying_part(source: Path, target: Path, name: str, inflated: bytes, declared: int = 1024) -> Path:
    """A copy of a ZIP file with one more part whose headers declare `declared` bytes (and the CRC
    of its first `declared` bytes), while its data inflates to all of `inflated`."""
    with zipfile.ZipFile(source) as src:
        body = bytearray()
        central = bytearray()
        raw = io.BytesIO()
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                if item.filename != name:
                    dst.writestr(item, src.read(item.filename))
    data = raw.getvalue()
    first_cd = data.find(b"PK\x01\x02")
    body += data[:first_cd]
    central += data[first_cd:data.rfind(b"PK\x05\x06")]
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = squeeze.compress(inflated) + squeeze.flush()
    crc = zlib.crc32(inflated[:declared])
    encoded = name.encode()
    offset = len(body)
    body += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(payload), declared, len(encoded), 0)
    body += encoded + payload
    central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(payload), declared,
                           len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    count = central.count(b"PK\x01\x02")
    eocd = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    target.write_bytes(bytes(body + central + eocd))
    return target


@pytest.mark.parametrize("kind", ["epub", "docx"])
def test_zip_part_that_lies_about_its_size(tmp_path, kind):
    """Headers say 1 KB, the data inflates to 150 MB: no more than the declared size is ever
    inflated; the file is skipped (DOCX: its XML is cut) or read with that 1 KB (EPUB)."""
    import tracemalloc

    if kind == "epub":
        source, name = F.write_epub(tmp_path / "ok.epub"), "OEBPS/chap1.xhtml"
    else:
        source, name = F.write_docx(tmp_path / "ok.docx"), "word/document.xml"
    inflated = b"<p>" + "东江湾".encode() * ((150 << 20) // 9) + b"</p>"
    liar = _with_lying_part(source, tmp_path / f"liar.{kind}", name, inflated)
    del inflated
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        try:
            got = read_document(liar)
        except UndecodableFile as exc:
            assert "损坏" in str(exc)
        else:
            assert kind == "epub" and len(got.text) < 3000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 << 20, peak


def _png_claiming(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    from PIL import Image

    Image.new("L", (8, 8), 255).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4: ihdr + 12] = struct.pack(">II", width, height)
    data[ihdr + 17: ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr: ihdr + 17])))
    return bytes(data)


def test_image_claiming_30000_by_30000_pixels(tmp_path):
    (tmp_path / "huge.png").write_bytes(_png_claiming(30000, 30000))
    assert "图片尺寸过大" in reason(tmp_path / "huge.png", ReadContext())
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(3000))
    assert "图片" in reason(tmp_path / "broken.jpg")


def test_two_thousand_page_pdf_in_bounded_time(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for i in range(2000):
        pdf.add_page()
        pdf.cell(0, 8, f"page {i + 1} marker{i + 1:04d}")
    pdf.output(str(tmp_path / "long.pdf"))
    started = time.perf_counter()
    got = read_document(tmp_path / "long.pdf")
    assert time.perf_counter() - started < 20
    assert len(got.pages) == 2000 and "marker2000" in got.text[got.pages[-1][0]:]
    capped = read_document(tmp_path / "long.pdf", ReadContext(limits=Limits(max_pdf_pages=100)))
    assert len(capped.pages) == 100 and capped.notes and "2000" in capped.notes[0]


def test_html_of_200_mb_and_a_heavy_page(tmp_path):
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.write(b"<html><body>")
        f.truncate(200 << 20)
    assert "过大" in reason(huge)
    heavy = F.html_page().replace(
        "</head>", "<script>" + "var x = 1;" * 2_000_000 + "</script>"
        + '<img src="data:image/png;base64,' + "A" * 20_000_000 + '"></head>')
    (tmp_path / "heavy.html").write_text(heavy, encoding="utf-8")
    started = time.perf_counter()
    got = read_document(tmp_path / "heavy.html")
    assert time.perf_counter() - started < 10
    assert F.PAGE3_MARK in got.text and "var x" not in got.text


def test_extensions_that_lie(tmp_path):
    (tmp_path / "not.pdf").write_bytes(os.urandom(5000))
    assert "内容不是PDF" in reason(tmp_path / "not.pdf")
    (tmp_path / "text.epub").write_text("只是一段普通文字，不是电子书。" * 20, encoding="utf-8")
    assert "内容不是EPUB" in reason(tmp_path / "text.epub")
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    assert "旧版" in reason(tmp_path / "old.docx")
    F.write_docx(tmp_path / "word.docx")
    os.replace(tmp_path / "word.docx", tmp_path / "word.pdf")
    assert read_document(tmp_path / "word.pdf").format == "docx"
    (tmp_path / "image.docx").write_bytes(_png_claiming(30000, 30000))
    assert "图片尺寸过大" in reason(tmp_path / "image.docx")


def test_a_folder_of_bad_files_keeps_what_was_indexed(fresh_service, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    F.write_pdf(folder / "good.pdf")
    F.write_epub(folder / "good.epub")
    assert fresh_service.index([folder]).added == 2
    F.write_pdf(folder / "locked.pdf", encrypt=True)
    _bomb(folder / "bomb.docx", "word/document.xml", 80 << 20)
    (folder / "huge.png").write_bytes(_png_claiming(30000, 30000))
    (folder / "not.epub").write_bytes(os.urandom(3000))
    data = (folder / "good.epub").read_bytes()
    (folder / "good.epub").write_bytes(data[: len(data) // 2])  # a good file damaged later
    report = fresh_service.index([folder])
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"locked.pdf", "bomb.docx", "huge.png", "not.epub", "good.epub"}
    assert all(r and "Traceback" not in r for r in reasons.values())
    assert report.formats["pdf"]["skipped"] == 1 and report.formats["docx"]["skipped"] == 1
    assert report.formats["epub"]["skipped"] == 2 and report.formats["image"]["skipped"] == 1
    assert {h.path for h in fresh_service.search(F.PAGE3_MARK).hits} == {str(folder / "good.pdf")}
    assert {Path(s.path).name for s in fresh_service.skipped()} == set(reasons)
