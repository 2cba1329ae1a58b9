"""Citations name the paper, the date with its year, the page (版次) and the file's name — not the
user's absolute path unless asked — and offer the GB/T 7714-2015 newspaper form."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from desktop.core.excerpts.export import Excerpt, export
from desktop.core.ingest.cleaning import clean
from desktop.core.ingest.metadata import extract
from desktop.core.ingest.publication import from_path
from tests.conftest import ROOT, SEED_FILES, SEEDS


def _meta(text: str):
    cleaned = clean(text)
    return extract(cleaned.text, cleaned.paragraphs)


def test_the_paper_and_its_page_come_from_the_masthead_or_a_source_line():
    meta = _meta("南方日报 2024年12月29日 第A05版\n\n全省工会工作会议召开\n\n本报讯 会议指出，要做好职工服务。\n")
    assert (meta.publication, meta.edition, meta.title) == ("南方日报", "A05", "全省工会工作会议召开")
    assert meta.date == "2024-12-29"
    meta = _meta("全省工会工作会议召开\n\n会议指出，要做好职工服务。（来源：《广东工人报》）\n")
    assert meta.publication == "广东工人报"
    meta = _meta("俄称不接受最后通牒式对话\n\n新华社莫斯科12月2日电 据报道……\n")
    assert meta.publication is None  # a headline is not a paper


def test_the_paper_comes_from_a_folder_name():
    assert from_path("/home/u/archive/南方日报/2024/12/a.txt") == "南方日报"
    assert from_path("/home/u/archive/珠海特区报_2024/a.txt") == "珠海特区报"
    assert from_path("/home/u/下载/a.txt") is None


def test_gbt7714_newspaper_form():
    ex = Excerpt(text="……", title="职工对美好生活的向往,就是工会的奋斗目标", reporters=["彭新启", "黄翠"],
                 publication="河源日报", date="2024-12-29", edition="A05", path="/home/u/私人/河源.txt")
    assert ex.citation("gbt7714") == "彭新启，黄翠. 职工对美好生活的向往,就是工会的奋斗目标[N]. 河源日报, 2024-12-29(A05)."
    plain = ex.citation()
    assert "河源日报" in plain and "2024年12月29日" in plain and "第 A05 版" in plain
    assert "/home/u" not in plain
    bare = Excerpt(text="……", title="题名", path="/x/y.txt")
    assert bare.citation("gbt7714") == "题名[N]."  # nothing invented


def test_exports_name_the_file_not_its_folder_unless_asked(tmp_path):
    ex = Excerpt(text="制造业是河源高质量发展的当家产业", title="题名", city="河源市", publication="河源日报",
                 date="2024-12-29", path="/home/someone/私人资料/河源访谈.txt")
    for fmt in ("md", "txt", "html", "json", "csv"):
        out = export([ex], fmt, tmp_path / f"a.{fmt}")
        text = out.read_text(encoding="utf-8-sig")
        assert "河源访谈.txt" in text and "/home/someone" not in text, fmt
        assert "河源日报" in text, fmt
        full = export([ex], fmt, tmp_path / f"full.{fmt}", full_paths=True).read_text(encoding="utf-8-sig")
        assert "/home/someone/私人资料/河源访谈.txt" in full.replace("\\/", "/"), fmt
    gb = export([ex], "txt", tmp_path / "gb.txt", citation_style="gbt7714").read_text(encoding="utf-8")
    assert "题名[N]. 河源日报, 2024-12-29." in gb


def test_a_corrected_paper_survives_reindexing_and_reaches_the_cli_export(tmp_path):
    from desktop.core.service import ArchiveService

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    data = tmp_path / "data"
    svc = ArchiveService(data)
    svc.index([folder])
    path = folder / SEED_FILES["heyuan"]
    doc = svc.correct(str(path), publication="河源日报", edition="A05")
    assert doc.meta.publication == "河源日报"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path, (1, 1))
    svc.index()
    assert svc.document(doc.id).meta.publication == "河源日报"
    svc.bookmarks.add_document(svc.document(doc.id))
    svc.close()
    out = tmp_path / "x.txt"
    proc = subprocess.run([sys.executable, "main.py", "export", "--citation", "gbt7714", "-o", str(out),
                           "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "[N]. 河源日报" in text and "(A05)." in text and str(folder) not in text
    shown = subprocess.run([sys.executable, "main.py", "show", doc.id, "--json", "--data-dir", str(data)],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert json.loads(shown.stdout)["publication"] == "河源日报"
