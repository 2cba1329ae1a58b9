"""`bookmark` and `export` as a user runs them: real subprocesses over a real data dir."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import run
from tests.conftest import SEED_FILES, SEEDS
from tests.core.excerpts.exported_text import read_back

FORMATS = ("md", "txt", "html", "docx", "pdf", "csv", "json")
BOOKMARK_KEYS = {
    "id", "doc_id", "doc_path", "doc_title", "kind", "start", "end", "quote", "prefix", "suffix",
    "city", "note", "tags", "created", "updated", "status", "position", "page",
}


def fails(*args, home, code=2):
    proc = run(*args, home=home, check=False)
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def bookmarks(home, *extra):
    return json.loads(run("bookmark", "list", "--json", *extra, home=home).stdout)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A data dir over a private copy of the seeds; the documents by seed name."""
    base = tmp_path_factory.mktemp("excerpts")
    src = base / "src"
    shutil.copytree(SEEDS, src)
    home = base / "home"
    run("index", src, home=home)
    docs = {}
    for name, file in SEED_FILES.items():
        docs[name] = json.loads(run("show", src / file, "--json", home=home).stdout)
    return home, docs


@pytest.fixture
def home(archive, tmp_path):
    """A fresh copy of the archive's data dir for each test (bookmarks start empty)."""
    home = tmp_path / "home"
    shutil.copytree(archive[0], home)
    return home


@pytest.fixture
def docs(archive):
    return archive[1]


def passage(doc, words):
    start = doc["text"].index(words)
    return start, start + len(words)


# -- bookmark add ---------------------------------------------------------------------------------


def test_add_passage_prints_the_id_and_keeps_the_quote(home, docs):
    doc = docs["maoming"]
    s, e = passage(doc, "以心换心诠释职工之家的时代内涵")
    out = run("bookmark", "add", doc["id"], "--start", s, "--end", e, "--note", "标题", "--tags", "甲,乙",
              home=home).stdout
    assert out.strip().isdigit()
    [bm] = bookmarks(home)["bookmarks"]
    assert bm["id"] == int(out)
    assert set(bm) == BOOKMARK_KEYS
    assert bm["kind"] == "passage" and (bm["start"], bm["end"]) == (s, e)
    assert bm["quote"] == "以心换心诠释职工之家的时代内涵"
    assert bm["city"] == "茂名市" and bm["note"] == "标题" and bm["tags"] == ["甲", "乙"]
    assert bm["status"] == "ok" and bm["doc_path"] == doc["path"] and bm["doc_id"] == doc["id"]


def test_add_whole_document_by_path_with_json(home, docs):
    doc = docs["zhuhai"]
    data = json.loads(run("bookmark", "add", doc["path"], "--json", home=home).stdout)
    assert set(data) == BOOKMARK_KEYS
    assert data["kind"] == "document" and data["start"] is None and data["end"] is None
    assert data["doc_id"] == doc["id"] and data["city"] == "珠海市"
    assert data["quote"] and doc["text"].lstrip().startswith(data["quote"])


def test_add_city_is_normalized_and_overrides_the_documents(home, docs):
    doc = docs["heyuan"]
    data = json.loads(run("bookmark", "add", doc["id"], "--city", "珠海", "--json", home=home).stdout)
    assert data["city"] == "珠海市"


def test_add_the_same_passage_twice_gives_the_same_bookmark(home, docs):
    doc = docs["yunfu"]
    first = run("bookmark", "add", doc["id"], "--start", 10, "--end", 20, home=home).stdout
    second = run("bookmark", "add", doc["id"], "--start", 10, "--end", 20, home=home).stdout
    assert first == second and len(bookmarks(home)["bookmarks"]) == 1


@pytest.mark.parametrize(
    "extra",
    [
        ["--start", "5"],  # no end
        ["--end", "5"],  # no start
        ["--start", "9", "--end", "3"],  # reversed
        ["--start", "4", "--end", "4"],  # empty
        ["--start", "0", "--end", "999999"],  # past the end
        ["--start", "-1", "--end", "3"],  # negative
        ["--start", "a", "--end", "3"],  # not a number
    ],
)
def test_add_bad_ranges_exit_2(home, docs, extra):
    fails("bookmark", "add", docs["maoming"]["id"], *extra, home=home)
    assert bookmarks(home)["bookmarks"] == []


def test_add_unknown_document_exits_2(home):
    assert "找不到文档" in fails("bookmark", "add", "0000000000000000", home=home)
    fails("bookmark", "add", "/no/such/file.txt", home=home)


# -- list, edit, remove, orphans --------------------------------------------------------------------


def test_list_groups_by_city_and_filters(home, docs):
    ids = {}
    for name in ("maoming", "zhuhai", "heyuan"):
        ids[name] = int(run("bookmark", "add", docs[name]["id"], "--start", 30, "--end", 50, home=home).stdout)
    run("bookmark", "add", docs["maoming"]["id"], home=home)
    data = bookmarks(home)
    assert [b["id"] for b in data["bookmarks"]][:3] == [ids["maoming"], ids["zhuhai"], ids["heyuan"]]
    assert data["cities"] == [
        {"city": "茂名市", "count": 2}, {"city": "珠海市", "count": 1}, {"city": "河源市", "count": 1}
    ]
    only = bookmarks(home, "--city", "茂名")
    assert {b["city"] for b in only["bookmarks"]} == {"茂名市"} and len(only["bookmarks"]) == 2
    assert bookmarks(home, "--city", "广州")["bookmarks"] == []
    text = run("bookmark", "list", home=home).stdout
    assert "茂名市 (2)" in text and "珠海市 (1)" in text and "河源市 (1)" in text


def test_edit_note_city_and_tags(home, docs):
    bid = run("bookmark", "add", docs["zhuhai"]["id"], "--start", 30, "--end", 50, home=home).stdout.strip()
    data = json.loads(run("bookmark", "edit", bid, "--note", "改过的备注", "--city", "云浮", "--tags", "x，y",
                          "--json", home=home).stdout)
    assert data["note"] == "改过的备注" and data["city"] == "云浮市" and data["tags"] == ["x", "y"]
    [bm] = bookmarks(home, "--city", "云浮市")["bookmarks"]
    assert bm["id"] == int(bid) and bm["quote"] == data["quote"]
    data = json.loads(run("bookmark", "edit", bid, "--city", "", "--json", home=home).stdout)
    assert data["city"] is None and data["note"] == "改过的备注"
    assert bookmarks(home)["cities"] == [{"city": None, "count": 1}]


def test_edit_errors_exit_2(home, docs):
    bid = run("bookmark", "add", docs["zhuhai"]["id"], home=home).stdout.strip()
    assert "nothing to change" in fails("bookmark", "edit", bid, home=home)
    fails("bookmark", "edit", "999", "--note", "x", home=home)
    fails("bookmark", "edit", "abc", "--note", "x", home=home)


def test_remove(home, docs):
    bid = run("bookmark", "add", docs["heyuan"]["id"], home=home).stdout.strip()
    run("bookmark", "remove", bid, home=home)
    assert bookmarks(home)["bookmarks"] == []
    assert "no bookmark number" in fails("bookmark", "remove", bid, home=home)
    fails("bookmark", "remove", "one", home=home)
    fails("bookmark", "remove", "0", home=home)


def test_bookmark_without_action_exits_2(home):
    assert "add, list" in fails("bookmark", home=home)
    fails("bookmark", "frobnicate", home=home)


def test_orphans_after_the_quote_is_gone(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS / SEED_FILES["jiujiang"], src / "a.txt")
    home = tmp_path / "home"
    run("index", src, home=home)
    doc = json.loads(run("show", src / "a.txt", "--json", home=home).stdout)
    words = "南海区九江镇工会第四次代表大会现场"
    s, e = passage(doc, words)
    kept = run("bookmark", "add", doc["id"], "--start", s, "--end", e, home=home).stdout.strip()
    assert json.loads(run("bookmark", "orphans", "--json", home=home).stdout) == {"orphans": []}
    assert "no orphaned" in run("bookmark", "orphans", home=home).stdout

    path = src / "a.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(words, "会场照片。"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 2_000_000_000))
    run("index", home=home)
    data = json.loads(run("bookmark", "orphans", "--json", home=home).stdout)
    [orphan] = data["orphans"]
    assert set(orphan) == BOOKMARK_KEYS
    assert orphan["id"] == int(kept) and orphan["status"] == "orphan" and orphan["quote"] == words
    assert words in run("bookmark", "orphans", home=home).stdout
    # Still listed (never dropped), and exported with its saved quote.
    assert [b["status"] for b in bookmarks(home)["bookmarks"]] == ["orphan"]
    out = tmp_path / "o.json"
    run("export", "--format", "json", "-o", out, home=home)
    [ex] = json.loads(out.read_text(encoding="utf-8"))["cities"][0]["excerpts"]
    assert ex["orphan"] is True and ex["text"] == words


# -- export -----------------------------------------------------------------------------------------


@pytest.fixture
def marked(home, docs):
    """Three passages in three cities plus a whole document; returns their ids by city."""
    ids = {}
    for name, words in (
        ("zhuhai", "以职工群众满意度作为检验工作的"),
        ("maoming", "以心换心诠释职工之家的时代内涵"),
        ("heyuan", "职工对美好生活的向往,就是工会的奋斗目标"),
    ):
        s, e = passage(docs[name], words)
        ids[name] = int(run("bookmark", "add", docs[name]["id"], "--start", s, "--end", e, "--note", f"{name}备注",
                            home=home).stdout)
    ids["yunfu"] = int(run("bookmark", "add", docs["yunfu"]["id"], home=home).stdout)
    return ids


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_every_format_cites_every_source(home, docs, marked, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    proc = run("export", "--format", fmt, "-o", out, home=home)
    assert Path(proc.stdout.strip()) == out.resolve()
    text = read_back(out, fmt)
    flat = "".join(text.split())
    for name in ("zhuhai", "maoming", "heyuan", "yunfu"):
        doc = docs[name]
        assert "".join(doc["title"].split()) in flat, (name, fmt)
        assert doc["city"] in text
        if fmt != "pdf":  # long paths wrap across PDF lines; checked whitespace-free
            assert Path(doc["path"]).name in text, (name, fmt)  # the file by its name
        else:
            assert "".join(Path(doc["path"]).name.split()) in flat
    assert "职工对美好生活的向往,就是工会的奋斗目标" in flat or "职工对美好生活的向往，就是工会的奋斗目标" in flat
    if fmt in ("md", "txt", "html", "docx", "pdf"):
        # grouped by city in the user's order (the order bookmarks were made)
        assert flat.index("珠海市") < flat.index("茂名市") < flat.index("河源市") < flat.index("云浮市")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]


def test_export_json_shape(home, docs, marked, tmp_path):
    out = tmp_path / "r.json"
    run("export", "--format", "json", "-o", out, home=home)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"title", "exported", "cities"}
    assert [c["city"] for c in data["cities"]] == ["珠海市", "茂名市", "河源市", "云浮市"]
    for group in data["cities"]:
        for ex in group["excerpts"]:
            assert {"text", "title", "person", "city", "series", "series_no", "section", "path", "date",
                    "note", "citation", "orphan", "doc_id", "start", "end", "tags"} <= set(ex)
            assert ex["city"] == group["city"] and ex["title"] in ex["citation"]
    maoming = data["cities"][1]["excerpts"][0]
    assert maoming["text"] == "以心换心诠释职工之家的时代内涵" and maoming["note"] == "maoming备注"
    assert maoming["person"] == "黄奕奕" and maoming["series_no"] == 13


def test_export_csv_is_excel_utf8_with_bom(home, marked, tmp_path):
    out = tmp_path / "r.csv"
    run("export", "--format", "csv", "-o", out, home=home)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, dialect="excel"))
    assert [r["city"] for r in rows] == ["珠海市", "茂名市", "河源市", "云浮市"]
    assert all(r["title"] and r["path"] and r["citation"] for r in rows)


def test_export_selected_bookmarks_and_city(home, marked, tmp_path):
    out = tmp_path / "sel.json"
    run("export", "--format", "json", "--bookmarks", f"{marked['heyuan']},{marked['maoming']}", "-o", out,
        home=home)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["city"] for c in data["cities"]] == ["茂名市", "河源市"]  # the user's city order
    out = tmp_path / "city.md"
    run("export", "--format", "md", "--city", "珠海", "-o", out, home=home)
    text = out.read_text(encoding="utf-8")
    assert "## 珠海市" in text and "茂名市" not in text and "zhuhai备注" in text


def test_export_search_hits(home, docs, tmp_path):
    out = tmp_path / "hits.json"
    run("export", "--format", "json", "--query", "江洪灿", "-o", out, home=home)
    data = json.loads(out.read_text(encoding="utf-8"))
    excerpts = [ex for c in data["cities"] for ex in c["excerpts"]]
    assert excerpts and {ex["path"] for ex in excerpts} == {Path(docs["yunfu"]["path"]).name}
    assert all("江洪灿" in ex["text"] or "江洪灿" in ex["citation"] for ex in excerpts)
    out = tmp_path / "hits.csv"
    run("export", "--format", "csv", "--query", "工会", "--city", "河源", "--limit", "3", "-o", out, home=home)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, dialect="excel"))
    assert rows and {r["city"] for r in rows} == {"河源市"}


def test_export_format_from_the_extension(home, marked, tmp_path):
    out = tmp_path / "r.html"
    run("export", "-o", out, home=home)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_errors_exit_2_and_write_nothing(home, marked, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    cases = [
        ("--format", "xls", "-o", tmp_path / "r.xls"),  # unknown format
        ("-o", tmp_path / "r.unknown"),  # no format, none from the extension
        ("--format", "pdf", "-o", blocker / "r.pdf"),  # a path under a regular file
        ("--format", "md", "-o", tmp_path / "no" / "such" / "r.md"),  # a folder that does not exist
        ("--format", "md", "-o", tmp_path),  # a folder, not a file
        ("--format", "md", "--bookmarks", "999", "-o", tmp_path / "r.md"),  # unknown bookmark
        ("--format", "md", "--bookmarks", "x,y", "-o", tmp_path / "r.md"),  # not ids
        ("--format", "md", "--bookmarks", "1", "--query", "工会", "-o", tmp_path / "r.md"),  # both
        ("--format", "md", "--city", "广州", "-o", tmp_path / "r.md"),  # no bookmarks there
        ("--format", "md", "--query", "完全不存在的词语组合", "-o", tmp_path / "r.md"),  # no hits
        ("--format", "md", "--query", "工会", "--limit", "-1", "-o", tmp_path / "r.md"),
    ]
    for args in cases:
        fails("export", *args, home=home)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "home"]
    assert "a-file" in fails("export", "--format", "docx", "-o", blocker / "r.docx", home=home)


def test_export_with_no_bookmarks_exits_2(home, tmp_path):
    assert "no bookmarks" in fails("export", "--format", "md", "-o", tmp_path / "r.md", home=home)
    assert not (tmp_path / "r.md").exists()


def test_export_replaces_an_existing_file_whole(home, marked, tmp_path):
    out = tmp_path / "r.txt"
    out.write_text("old contents " * 10000, encoding="utf-8")
    run("export", "--format", "txt", "-o", out, home=home)
    text = out.read_text(encoding="utf-8")
    assert "old contents" not in text and "以心换心诠释职工之家的时代内涵" in text


# -- --data-dir -------------------------------------------------------------------------------------


def test_data_dir_option_on_every_command(home, docs, tmp_path):
    unused = tmp_path / "unused"
    doc = docs["maoming"]
    bid = run("bookmark", "add", doc["id"], "--data-dir", home, home=unused).stdout.strip()
    listed = json.loads(run("bookmark", "list", "--json", "--data-dir", home, home=unused).stdout)
    assert [b["id"] for b in listed["bookmarks"]] == [int(bid)]
    run("bookmark", "edit", bid, "--note", "n", "--data-dir", home, home=unused)
    assert json.loads(run("bookmark", "orphans", "--json", "--data-dir", home, home=unused).stdout) == {"orphans": []}
    out = tmp_path / "r.json"
    run("export", "--format", "json", "-o", out, "--data-dir", home, home=unused)
    assert json.loads(out.read_text(encoding="utf-8"))["cities"][0]["excerpts"][0]["note"] == "n"
    assert json.loads(run("bookmark", "--data-dir", home, "list", "--json", home=unused).stdout)["bookmarks"]
    run("bookmark", "remove", bid, "--data-dir", home, home=unused)
    assert bookmarks(home)["bookmarks"] == []
    assert not (unused / "bookmarks.sqlite").exists()


def test_help_lists_the_commands(tmp_path):
    out = run("--help", home=tmp_path).stdout
    assert "bookmark" in out and "export" in out
    out = run("bookmark", "--help", home=tmp_path).stdout
    for action in ("add", "list", "edit", "remove", "orphans"):
        assert action in out
    out = run("export", "--help", home=tmp_path).stdout
    assert "--format" in out and "--bookmarks" in out and "--query" in out
