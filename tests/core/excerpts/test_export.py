"""Exports of excerpts (desktop.core.excerpts.export), each format read back with a real reader."""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from desktop.core.excerpts import export as export_module
from desktop.core.excerpts.bookmarks import BookmarkStore
from desktop.core.errors import ExportError, UserInputError
from desktop.core.excerpts.export import (
    FORMATS,
    Excerpt,
    excerpts_from_bookmarks,
    excerpts_from_hits,
    export,
    find_cjk_font,
    group_by_city,
    passage_around,
)
from desktop.core.models import Document, DocumentMeta, Hit, Section

ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_META = [
    ("以心换心诠释职工之家的时代内涵", "茂名市", "黄奕奕", 13),
    ('以职工群众满意度作为检验工作的"试金石"', "珠海市", "吕红珍", 2),
    ("职工对美好生活的向往,就是工会的奋斗目标", "河源市", "黄远程", 14),
    ("以真心践初心,用实干书写工会为民答卷", "云浮市", "汀洪灿", 8),
    ("绘就发展新蓝图 当好职工“娘家人”", "佛山市", "许淑娴", None),
]
QUOTE = "茂名市总工会将牢牢锚定“走在前列”总目标"
NOTE = '要点 <script>alert("x")</script> & “引号”'


def seed_doc(i: int) -> Document:
    title, city, person, no = SEED_META[i]
    text = SEEDS[i].read_text(encoding="utf-8")
    return Document(
        id=f"seed{i}",
        path=str(SEEDS[i]),
        encoding="utf-8",
        text=text,
        original=text,
        meta=DocumentMeta(
            title=title,
            city=city,
            person=person,
            series="工会主席访谈" if no else None,
            series_no=no,
            date="2024-12-29" if i == 0 else None,
            sections=sections(text),
        ),
    )


def sections(text: str) -> list[Section]:
    """The article's 谈体会 / 谈思路 / 谈未来 headings, as the metadata step would find them."""
    found = []
    for label in ("谈体会", "谈思路", "谈未来"):
        i = text.find("\n" + label)
        if i >= 0:
            line = text[i + 1 : text.index("\n", i + 1)]
            found.append((i + 1, label, line[len(label) :].strip()))
    return [
        Section(label, subtitle, start, found[k + 1][0] if k + 1 < len(found) else len(text))
        for k, (start, label, subtitle) in enumerate(found)
    ]


DOCS = {f"seed{i}": seed_doc(i) for i in range(len(SEEDS))}


@pytest.fixture()
def excerpts(tmp_path: Path) -> list[Excerpt]:
    """Bookmarks over three seeds (two in 茂名市, one with no city), as excerpts."""
    with BookmarkStore(tmp_path / "b.sqlite") as store:
        d0 = DOCS["seed0"]
        s = d0.text.index(QUOTE)
        store.add_passage(d0, s, s + len(QUOTE), note=NOTE, tags=["目标"])
        store.add_document(DOCS["seed1"])
        d2 = DOCS["seed2"]
        q2 = "职工对美好生活的向往,就是工会的奋斗目标"
        s2 = d2.text.index(q2)
        store.add_passage(d2, s2, s2 + len(q2), city="")
        store.add_passage(d0, d0.text.index("谈思路"), d0.text.index("谈思路") + 40)
        bookmarks = store.list()
    return excerpts_from_bookmarks(bookmarks, DOCS.get)


def visible_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- building excerpts ----------------------------------------------------------------------------


def test_excerpts_from_bookmarks_carry_their_citation(excerpts: list[Excerpt]) -> None:
    first = excerpts[0]
    assert first.text == QUOTE and first.note == NOTE and first.tags == ["目标"]
    assert (first.title, first.person, first.city) == (
        "以心换心诠释职工之家的时代内涵",
        "黄奕奕",
        "茂名市",
    )
    assert first.series_label() == "工会主席访谈⑬ (No. 13)"
    assert first.section == "谈体会 锚定“走在前列”展现工会担当和作为"
    assert first.path == str(SEEDS[0]) and first.date == "2024-12-29"
    assert DOCS["seed0"].text[first.start : first.end] == QUOTE
    c = first.citation()
    for part in ("《以心换心诠释职工之家的时代内涵》", "黄奕奕", "茂名市", "工会主席访谈⑬", "谈体会", "2024年12月29日"):
        assert part in c
    whole = excerpts[1]
    assert whole.text == DOCS["seed1"].text.strip() and whole.start is None
    assert whole.series_label() == "工会主席访谈② (No. 2)"
    assert excerpts[2].city is None
    assert excerpts[3].section == "谈思路 AI时代弘扬劳模精神、劳动精神、工匠精神意义重大"
    assert excerpts[2].section is None  # the title, above the first section
    assert Excerpt(text="x", title="t", series="s", series_no=21).series_label() == "s No. 21"


def test_orphans_export_their_saved_quote(tmp_path: Path) -> None:
    with BookmarkStore(tmp_path / "b.sqlite") as store:
        d0 = DOCS["seed0"]
        s = d0.text.index(QUOTE)
        store.add_passage(d0, s, s + len(QUOTE))

        class Gone:
            def document_text(self, doc_id: str) -> None:
                return None

            def find_documents_with(self, text: str) -> list[str]:
                return []

            def document_info(self, doc_id: str) -> None:
                return None

        store.reanchor(Gone())
        [ex] = excerpts_from_bookmarks(store.list(), lambda _id: None)
    assert ex.orphan and ex.text == QUOTE and ex.title == "以心换心诠释职工之家的时代内涵"
    assert ex.city == "茂名市" and ex.path == str(SEEDS[0])


def test_excerpts_from_hits_are_the_sentences_around_the_matches() -> None:
    doc = DOCS["seed0"]
    text = doc.text
    spans = []
    for word in ("锚定", "职工之家", "桥梁纽带"):
        i = text.index(word, 200)
        spans.append((i, i + len(word)))
    hit = Hit(
        id="seed0",
        path=doc.path,
        title=doc.title,
        city="茂名市",
        person="黄奕奕",
        series_no=13,
        score=1.0,
        matches=3,
        snippets=[],
        spans=spans,
        series="工会主席访谈",
    )
    gone = Hit(
        id="nope",
        path="/gone.txt",
        title="不在了",
        city=None,
        person=None,
        series_no=None,
        score=0.5,
        matches=1,
        snippets=["…【工会】…"],
        spans=[(0, 2)],
    )
    out = excerpts_from_hits([hit, gone], DOCS.get)
    mine = [e for e in out if e.doc_id == "seed0"]
    assert 1 <= len(mine) <= 3
    for ex in mine:
        assert ex.text == text[ex.start : ex.end]
        assert any(ex.start <= s and e <= ex.end for s, e in spans)
        assert ex.text[-1] in "。！？”" or ex.end == len(text.rstrip())
        assert ex.city == "茂名市" and ex.series_label() == "工会主席访谈⑬ (No. 13)"
    assert out[-1].text == "…【工会】…" and out[-1].title == "不在了"


def test_passage_around_stops_at_sentence_ends() -> None:
    text = "第一句。第二句说到工会主席，然后结束！第三句"
    i = text.index("工会")
    s, e = passage_around(text, i, i + 2)
    assert text[s:e] == "第二句说到工会主席，然后结束！"
    s, e = passage_around(text, text.index("第三"), len(text))
    assert text[s:e] == "第三句"
    long = "字" * 1000
    s, e = passage_around(long, 500, 502, max_chars=100)
    assert e - s <= 100 and s <= 500 and e >= 502


def test_grouping_follows_the_users_city_order(excerpts: list[Excerpt]) -> None:
    more = [*excerpts, Excerpt(text="x", title="t", city="珠海市")]
    groups = group_by_city(more, ["珠海市", "广州市"])
    assert [c for c, _ in groups] == ["珠海市", "茂名市", ""]
    assert [c for c, _ in group_by_city(more)] == ["茂名市", "珠海市", ""]
    assert len(dict(groups)["茂名市"]) == 2


# -- every format, read back ----------------------------------------------------------------------

CITY_ORDER = ["珠海市", "茂名市"]


def check_order(text: str) -> None:
    """City headings in the user's order, the unknown group last."""
    a, b, c = text.index("珠海市"), text.index("茂名市"), text.index("未注明城市")
    assert a < b < c


def test_markdown_and_text(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    for fmt in ("md", "txt"):
        out = export(excerpts, fmt, tmp_path / f"out.{fmt}", title="广东省工会摘录", city_order=CITY_ORDER)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("# 广东省工会摘录" if fmt == "md" else "广东省工会摘录")
        if fmt == "md":  # Markdown escapes what it would interpret (<script>, &): read it as a reader would
            assert "<script>" not in text
            text = __import__("html").unescape(__import__("re").sub(r"\\(.)", r"\1", text))
        assert QUOTE in text and NOTE in text and SEEDS[0].name in text and str(SEEDS[0].parent) not in text
        assert "工会主席访谈⑬" in text and "谈体会 锚定“走在前列”" in text
        check_order(text)
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "## 珠海市" in md and f"> {QUOTE}" in md


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    out = export(excerpts, "html", tmp_path / "out.html", city_order=CITY_ORDER)
    parser = _Collect()
    parser.feed(out.read_text(encoding="utf-8"))
    names = [t for t, _ in parser.tags]
    assert ("html", {"lang": "zh-CN"}) in parser.tags
    assert "script" not in names and "link" not in names and "img" not in names  # self-contained
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    text = "".join(parser.text)
    assert QUOTE in text and NOTE in text  # the note's markup came back as text
    assert "工会主席访谈⑬" in text and SEEDS[0].name in text
    assert [t for t in names if t == "h2"] == ["h2"] * 3
    check_order(text)


def test_docx_text_and_east_asian_font(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    out = export(excerpts, "docx", tmp_path / "out.docx", title="广东省工会摘录", city_order=CITY_ORDER)
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "广东省工会摘录"
    assert QUOTE in paragraphs and NOTE in text and "工会主席访谈⑬" in text
    check_order(text)
    normal_fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal_fonts.get(qn("w:eastAsia")) == export_module.DOCX_EAST_ASIAN_FONT
    runs = [r for p in document.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        fonts = run._element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
        assert fonts.get(qn("w:eastAsiaTheme")) is None


def _no_radicals(text: str) -> None:
    radicals = [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]
    assert not radicals, radicals


def test_pdf_text_extracts_exactly(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    out = export(excerpts, "pdf", tmp_path / "out.pdf", title="广东省工会摘录", city_order=CITY_ORDER)
    reader = PdfReader(str(out))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = "".join(text.split())
    assert "广东省工会摘录" in text
    assert [ord(c) for c in "广东省工会"] == [ord(c) for c in text[text.index("广东省工会") :][:5]]
    assert QUOTE in flat and "工会主席访谈⑬" in flat and "".join(NOTE.split()) in flat
    # The whole-document bookmark's text comes back, every character, line breaks aside.
    assert "".join(DOCS["seed1"].text.split()) in flat
    _no_radicals(text)
    check_order(text)
    if shutil.which("pdftotext"):
        plain = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "广东省工会摘录" in plain and QUOTE in "".join(plain.split())
        _no_radicals(plain)


def test_csv_for_excel(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    out = export(excerpts, "csv", tmp_path / "out.csv", city_order=CITY_ORDER)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, dialect="excel"))
    assert [r["city"] for r in rows] == ["珠海市", "茂名市", "茂名市", ""]
    mm = rows[1]
    assert mm["text"] == QUOTE and mm["note"] == NOTE and mm["series_no"] == "13"
    assert mm["series"] == "工会主席访谈" and mm["person"] == "黄奕奕"
    assert mm["section"].startswith("谈体会") and mm["path"] == SEEDS[0].name
    assert mm["date"] == "2024-12-29" and mm["tags"] == "目标"
    assert "\n" in rows[0]["text"]  # a whole document, paragraphs and all, in one cell


def test_json(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    out = export(excerpts, "json", tmp_path / "out.json", title="摘录", city_order=CITY_ORDER)
    with out.open(encoding="utf-8") as f:
        data = json.load(f)
    assert data["title"] == "摘录"
    assert [c["city"] for c in data["cities"]] == ["珠海市", "茂名市", None]
    first = data["cities"][1]["excerpts"][0]
    assert first["text"] == QUOTE and first["series_no"] == 13 and first["note"] == NOTE
    assert first["citation"].startswith("《以心换心诠释职工之家的时代内涵》")
    assert "广东省" in out.read_text(encoding="utf-8")  # not \\u-escaped


def test_every_format_overwrites_atomically(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    for fmt in FORMATS:
        target = tmp_path / f"x.{fmt}"
        target.write_bytes(b"old")
        export(excerpts[:1], fmt, target)
        assert target.read_bytes() != b"old"
    assert not [n for n in visible_listing(tmp_path) if n.startswith(".export-")]
    assert {f"x.{f}" for f in FORMATS} <= set(visible_listing(tmp_path))


def test_empty_export_and_unknown_format(tmp_path: Path) -> None:
    out = export([], "md", tmp_path / "empty.md", title="空")
    assert out.read_text(encoding="utf-8") == "# 空\n"
    with pytest.raises(UserInputError, match="Unknown export format"):
        export([], "rtf", tmp_path / "x.rtf")


# -- failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_folder_under_a_regular_file(tmp_path: Path, excerpts: list[Excerpt], fmt: str) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    before = visible_listing(tmp_path)
    with pytest.raises(ExportError, match=r"not a folder|does not exist"):
        export(excerpts, fmt, afile / f"out.{fmt}")
    assert visible_listing(tmp_path) == before and afile.read_text() == "x"


def test_missing_folder(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    with pytest.raises(ExportError, match="folder does not exist"):
        export(excerpts, "txt", tmp_path / "no" / "such" / "out.txt")
    assert not (tmp_path / "no").exists()


def test_names_the_file_system_rejects(tmp_path: Path, excerpts: list[Excerpt]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match="NUL"):
        export(excerpts, "txt", folder / "bad\x00name.txt")
    with pytest.raises(ExportError, match="too long"):
        export(excerpts, "docx", folder / ("长" * 200 + ".docx"))
    with pytest.raises(ExportError, match="is a folder"):
        export(excerpts, "json", folder)
    assert visible_listing(folder) == []


def test_full_disk_leaves_nothing_behind(
    tmp_path: Path, excerpts: list[Excerpt], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.pdf").write_bytes(b"previous export")
    real_write = os.write
    calls = []

    def write_then_fill_up(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) == 1:  # a first chunk lands, then the disk is full
            return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    for fmt in ("pdf", "csv"):
        calls.clear()
        target = folder / ("keep.pdf" if fmt == "pdf" else "new.csv")
        with monkeypatch.context() as m:
            m.setattr(os, "write", write_then_fill_up)
            with pytest.raises(ExportError, match="disk is full"):
                export(excerpts, fmt, target)
        assert len(calls) == 2
    assert visible_listing(folder) == ["keep.pdf"]
    assert (folder / "keep.pdf").read_bytes() == b"previous export"


def test_no_suitable_cjk_font_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="fonts-wqy-microhei"):
        find_cjk_font([], use_fc_match=False)
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if dejavu.is_file():  # a font without Chinese is not taken
        with pytest.raises(ExportError):
            find_cjk_font([(dejavu, 0)], use_fc_match=False)
    with pytest.raises(ExportError, match="does not exist"):
        export([Excerpt(text="工会", title="t")], "pdf", tmp_path / "a.pdf", pdf_font=tmp_path / "missing.ttf")
    assert visible_listing(tmp_path) == []


def test_noto_sans_cjk_is_not_used_for_pdf() -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.is_file():
        pytest.skip("Noto Sans CJK is not installed")
    with pytest.raises(ExportError):
        find_cjk_font([(noto, 2)], use_fc_match=False)


def test_wenquanyi_is_found_when_installed() -> None:
    wqy = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    if not wqy.is_file():
        pytest.skip("fonts-wqy-microhei is not installed")
    assert find_cjk_font() == (wqy, 0)
