"""The OCR and formats benchmarks (bench/ocr.py, ocr_report.py, newspaper.py, formats.py) on a tiny
page: the app's OCR really runs (Tesseract too when installed); the report section is idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.newspaper import HEIGHT, WIDTH, broadsheet
from bench.ocr import cer, degrade, normalize, unordered_error
from bench.ocr_report import HEADING, console_table, ocr_lines, update_section

ARTICLE = ("示例新闻标题\n\n本报讯　经过两年多的建设，东江湾渔港升级改造工程日前全面完工，新建防波堤一千二百米，"
           "可容纳渔船六百余艘避风。渔港管理站负责人介绍，工程建成后，渔民卸货时间平均缩短。\n")


def test_cer_normalises_and_ignores_whitespace():
    assert normalize("ＡＢ　c\n１") == "ABc1"
    assert cer("东江 湾渔港", "东江湾渔港") == 0
    assert cer("东江湾渔港", "东江湾鱼港") == pytest.approx(0.2)
    assert unordered_error("甲乙丙丁", "丙丁甲乙") == 0 < cer("甲乙丙丁", "丙丁甲乙")


def test_degradations_keep_the_page_readable_sizes():
    from PIL import Image

    page = Image.new("L", (200, 100), 255)
    assert degrade(page, "half", 1).size == (100, 50)
    assert degrade(page, "skew", 1).size > (200, 100)
    assert degrade(page, "noise", 1).getextrema() == (0, 255)


def test_broadsheet_holds_a_newspaper_page_of_text():
    image, reference, headline = broadsheet(["本报讯" + "经济社会发展稳中向好。" * 60] * 10)
    assert image.size == (WIDTH, HEIGHT) and reference.startswith(headline)
    assert 5000 <= len(normalize(reference)) <= 6000


def test_ocr_bench_runs_on_a_tiny_page_and_updates_its_section(tmp_path: Path):
    pytest.importorskip("rapidocr_onnxruntime")
    from bench.ocr import measure

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    R = measure(sorted(corpus.iterdir()), 1, 3, work, newspaper=False, chars=40, progress=lambda *_: None)
    summary = R["small"]["summary"]
    assert set(summary["ours"]) == {"clean", "blur", "noise", "skew", "half"}
    assert summary["ours"]["clean"]["cer_mean"] <= 0.1 and summary["ours"]["clean"]["s_median"] > 0
    assert ("tesseract" in summary) == bool(shutil.which("tesseract"))
    assert "clean" in console_table(R)
    md = tmp_path / "benchmarks.md"
    md.write_text("# Benchmarks\n\n## Before\n\ntext\n", encoding="utf-8")
    update_section(md, "### Formats", ["| a | b |"])
    update_section(md, "### OCR", ["old figures"])
    md.write_text(md.read_text(encoding="utf-8") + "\n## After (issue 9)\n\nkept\n", encoding="utf-8")
    update_section(md, "### OCR", ocr_lines(R))
    once = md.read_text(encoding="utf-8")
    update_section(md, "### OCR", ocr_lines(R))
    assert md.read_text(encoding="utf-8") == once and "old figures" not in once
    assert once.count(HEADING) == 1 and once.count("### OCR") == 1 and once.count("| a | b |") == 1
    assert once.startswith("# Benchmarks\n\n## Before\n\ntext\n\n" + HEADING)
    assert once.index("### Formats") < once.index("### OCR") < once.index("## After (issue 9)\n\nkept\n")

def test_formats_worker_reads_a_file_the_way_the_indexer_does(tmp_path: Path):
    from bench.formats import links_page, w_read_file

    page = tmp_path / "links.html"
    page.write_text(links_page(["东江湾渔港升级改造工程全面完工"], 20_000), encoding="utf-8")
    assert page.stat().st_size >= 20_000
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    got = w_read_file({"path": str(text)})
    assert got["chars"] > 50 and got["reps"] >= 5 and got["s_median"] > 0 and got["format"] == "text"
