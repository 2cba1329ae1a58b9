"""`main.py concordance QUERY ...` over the indexed seeds: JSON, aligned text, --limit 0, CSV/XLSX."""

import csv
import json
import shutil
import zipfile

import pytest

from desktop.core.ingest.cleaning import match_text
from tests.cli.conftest import run
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from desktop.core.service import ArchiveService

    root = tmp_path_factory.mktemp("conc-cli")
    folder, home = root / "seeds", root / "home"
    shutil.copytree(SEEDS, folder)
    (folder / "zz_formula.txt").write_text("标题\n\n=SUM(1,2) 工会 +cmd 测试的工会文字。\n", encoding="utf-8")
    run("index", str(folder), home=home)
    svc = ArchiveService(home)
    try:
        count = sum(match_text(svc.document(d["id"]).text).count("工会") for d in svc.documents())
    finally:
        svc.close()
    return home, count


def test_json_all_rows(archive):
    home, count = archive
    out = json.loads(run("concordance", "工会", "--json", "--limit", "0", "--width", "10", home=home).stdout)
    assert out["total"] == count == len(out["rows"])
    assert sum(out["by_city"].values()) == count and sum(out["by_month"].values()) == count
    row = out["rows"][0]
    assert set(row) >= {"id", "path", "title", "city", "date", "left", "hit", "right", "start", "end", "page"}
    rights = [match_text(r["right"]) for r in out["rows"]]
    assert all(len(r["left"]) <= 10 for r in out["rows"])
    limited = json.loads(run("concordance", "工会", "--json", "--limit", "3", home=home).stdout)
    assert limited["total"] == count and len(limited["rows"]) == 3
    assert rights  # non-empty


def test_plain_text_is_aligned(archive):
    home, count = archive
    lines = run("concordance", "工会", "--limit", "8", "--sort", "left", home=home).stdout.splitlines()
    rows = [line for line in lines if "【" in line]
    assert len(rows) == 8
    from desktop.cli.concordance_commands import _cols

    columns = {_cols(line[: line.index("【")]) for line in rows}
    assert len(columns) == 1
    assert lines[-1].startswith(f"共 {count} 处")


def test_bad_width_is_a_plain_message(archive):
    home, _ = archive
    proc = run("concordance", "工会", "--width", "-3", home=home, check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "--width" in proc.stderr


def test_csv_and_xlsx_export(archive, tmp_path):
    home, count = archive
    target = tmp_path / "c.csv"
    run("concordance", "工会", "--limit", "0", "-o", str(target), home=home)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == count
    lefts = [r["left"] for r in rows if "SUM" in r["left"]]
    firsts = [v.lstrip()[:1] for r in rows for v in r.values() if v.strip()]
    assert lefts and not set(firsts) & set("=+-@")
    assert any(r["right"].startswith("'+cmd") for r in rows)
    x = tmp_path / "c.xlsx"
    run("concordance", "工会", "--limit", "0", "-o", str(x), home=home)
    with zipfile.ZipFile(x) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "'+cmd" in strings
    assert sheet.count("<row ") == count + 1


def test_rows_export_to_the_excerpt_formats(archive, tmp_path):
    """Markdown, JSON and Word take the rows as excerpts: one per hit, in context, cited, escaped."""
    home, count = archive
    md = tmp_path / "c.md"
    run("concordance", "工会", "--limit", "0", "--width", "6", "-o", str(md), home=home)
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# 语境索引") and text.count("来源文件：") == count  # one cited excerpt a hit
    assert all(not line.startswith(("=", "+")) for line in text.splitlines())
    js = tmp_path / "c.json"
    run("concordance", "工会", "--limit", "0", "--width", "6", "-o", str(js), home=home)
    data = json.loads(js.read_text(encoding="utf-8"))
    excerpts = [e for group in data["cities"] for e in group["excerpts"]]
    assert len(excerpts) == count and all("工会" in e["text"] for e in excerpts)
    docx = tmp_path / "c.docx"
    run("concordance", "工会", "--limit", "3", "-o", str(docx), home=home)
    with zipfile.ZipFile(docx) as z:
        assert "工会" in z.read("word/document.xml").decode()
    bad = run("concordance", "工会", "-o", str(tmp_path / "c.odt"), home=home, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
