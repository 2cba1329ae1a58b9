"""Excerpts (bookmarked passages or search hits) written out with their sources, grouped by city.

Formats: md, txt, html, docx, pdf, csv, json. Every excerpt carries its citation (title, person,
city, series and number, section, source file, date). A file is written to a temporary name in
the target folder and renamed into place, so a failed export leaves nothing behind; every failure
is an ExportError with a plain reason.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import html
import io
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.errors import ExportError, UserInputError
from desktop.core.models import Document, Hit, display_date

FORMATS = ("md", "txt", "html", "docx", "pdf", "csv", "json")

# Words written into the exported files (the archive is Chinese); a client may pass its own.
LABELS: dict[str, str] = {
    "unknown_city": "未注明城市",
    "source": "来源文件",
    "note": "备注",
    "tags": "标签",
    "orphan": "（原文中已找不到这段文字，以下为收藏时的摘录）",
    "exported": "导出时间",
    "count": "条摘录",
}

# DOCX: the East Asian font named in every run (Word substitutes if it is missing).
DOCX_EAST_ASIAN_FONT = "Microsoft YaHei"
DOCX_LATIN_FONT = "Calibri"

# PDF: TrueType CJK fonts whose glyphs extract back to the right code points. Not Noto Sans CJK /
# Source Han Sans: their text extracts as Kangxi radicals (广 → ⼴) or not at all.
PDF_FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # Debian, Ubuntu: fonts-wqy-microhei
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),  # Fedora, Arch
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),  # fonts-wqy-zenhei
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),  # Microsoft YaHei
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)
PDF_FONT_HELP = (
    "No Chinese font suitable for PDF export was found. Install the WenQuanYi Micro Hei font "
    "(the package fonts-wqy-microhei on Debian or Ubuntu, wqy-microhei-fonts on Fedora) "
    "and export again."
)
_REJECTED_FONT_NAMES = ("noto", "sourcehan", "source han")
_PROBE = "广东省工会主席访谈"

_CIRCLED = {n: chr(0x2460 + n - 1) for n in range(1, 21)}  # ① .. ⑳


@dataclass
class Excerpt:
    """One quoted passage with everything needed to cite it."""

    text: str
    title: str
    person: str | None = None
    city: str | None = None
    series: str | None = None
    series_no: int | None = None
    section: str | None = None  # the section's label and subtitle: "谈体会 锚定“走在前列”…"
    path: str = ""
    date: str | None = None
    note: str = ""
    doc_id: str = ""
    start: int | None = None
    end: int | None = None
    tags: list[str] = field(default_factory=list)
    orphan: bool = False  # the passage is no longer in its document; `text` is the saved quote

    def series_label(self) -> str | None:
        """The series and its number: "工会主席访谈⑬ (No. 13)", "工会主席访谈", or None."""
        if not self.series and self.series_no is None:
            return None
        name = self.series or ""
        if self.series_no is None:
            return name
        circled = _CIRCLED.get(self.series_no)
        if circled:
            return f"{name}{circled} (No. {self.series_no})"
        return f"{name} No. {self.series_no}".strip()

    def citation(self) -> str:
        """One line: 《title》，person，city，series，section，date."""
        parts = [f"《{self.title}》" if self.title else Path(self.path).name]
        parts += [p for p in (self.person, self.city, self.series_label(), self.section) if p]
        if self.date:
            parts.append(display_date(self.date) or self.date)
        return "，".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["series_label"] = self.series_label()
        data["citation"] = self.citation()
        return data


# -- building excerpts ----------------------------------------------------------------------------


def excerpts_from_bookmarks(
    bookmarks: Iterable[Any],
    source_docs: Callable[[str], Document | None],
    *,
    full_documents: bool = True,
) -> list[Excerpt]:
    """One excerpt per bookmark (`desktop.core.bookmarks.Bookmark`), in the given order.

    A whole-document bookmark exports the document's text (or, with full_documents=False, its
    opening paragraph). An orphan, or a bookmark whose document is gone, exports its saved quote.
    """
    out: list[Excerpt] = []
    for bm in bookmarks:
        doc = source_docs(bm.doc_id)
        orphan = bm.status == "orphan"
        start, end = bm.start, bm.end
        if bm.kind == "document":
            if doc is not None:
                text = doc.text.strip() if full_documents else _lead(doc.text)
                start, end = 0, len(doc.text)
            else:
                text = bm.quote
        elif doc is not None and not orphan and start is not None and end is not None:
            text = doc.text[start:end]
        else:
            text = bm.quote
        section = None
        if doc is not None and not orphan and bm.kind == "passage" and start is not None:
            section = _section_label(doc, start)
        meta = doc.meta if doc is not None else None
        out.append(
            Excerpt(
                text=text.strip(),
                title=(meta.title if meta and meta.title else bm.doc_title),
                person=meta.person if meta else None,
                city=bm.city,
                series=meta.series if meta else None,
                series_no=meta.series_no if meta else None,
                section=section,
                path=doc.path if doc is not None else bm.doc_path,
                date=meta.date if meta else None,
                note=bm.note,
                doc_id=bm.doc_id,
                start=None if bm.kind == "document" else start,
                end=None if bm.kind == "document" else end,
                tags=list(bm.tags),
                orphan=orphan,
            )
        )
    return out


def excerpts_from_hits(
    hits: Sequence[Hit], docs: Callable[[str], Document | None], *, per_doc: int = 3
) -> list[Excerpt]:
    """For each hit, the sentences around its first few matches (`hit.spans`), merged where they
    overlap; a hit whose document cannot be read gives its snippets instead."""
    out: list[Excerpt] = []
    for hit in hits:
        doc = docs(hit.id)
        if doc is None:
            for snippet in hit.snippets[:per_doc]:
                out.append(
                    Excerpt(
                        text=snippet,
                        title=hit.title,
                        person=hit.person,
                        city=hit.city,
                        series=hit.series,
                        series_no=hit.series_no,
                        path=hit.path,
                        doc_id=hit.id,
                    )
                )
            continue
        ranges: list[tuple[int, int]] = []
        for s, e in sorted(hit.spans):
            if len(ranges) >= per_doc and s >= ranges[-1][1]:
                break
            ps, pe = passage_around(doc.text, s, e)
            if ranges and ps < ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], pe))
            else:
                ranges.append((ps, pe))
        for ps, pe in ranges[:per_doc]:
            out.append(
                Excerpt(
                    text=doc.text[ps:pe],
                    title=doc.meta.title or hit.title,
                    person=doc.meta.person or hit.person,
                    city=hit.city or doc.meta.city,
                    series=doc.meta.series or hit.series,
                    series_no=doc.meta.series_no if doc.meta.series_no is not None else hit.series_no,
                    section=_section_label(doc, ps),
                    path=doc.path,
                    date=doc.meta.date,
                    doc_id=doc.id,
                    start=ps,
                    end=pe,
                )
            )
    return out


_SENTENCE_ENDS = "。！？!?；;\n"
_CLOSERS = "”’」』）)】》\"'"


def passage_around(text: str, start: int, end: int, max_chars: int = 240) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end], cut to about max_chars around it."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    while s < start and text[s] in _CLOSERS:
        s += 1
    e = end
    if not (e > start and text[e - 1] in _SENTENCE_ENDS):
        ends = [i for i in (text.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
        e = min(ends) + 1 if ends else len(text)
    while e < len(text) and text[e] in _CLOSERS:
        e += 1
    if e - s > max_chars:
        half = max(0, (max_chars - (end - start)) // 2)
        s = max(s, start - half)
        e = min(e, end + half)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def _lead(text: str, max_chars: int = 300) -> str:
    """The opening paragraph of a document's body, cut at a sentence end near max_chars."""
    paragraphs = [p.strip() for p in text.split("\n") if len(p.strip()) >= 40]
    lead = paragraphs[0] if paragraphs else text.strip()
    if len(lead) <= max_chars:
        return lead
    cut = max(lead.rfind(ch, 0, max_chars) for ch in "。！？!?；")
    return lead[: cut + 1] if cut >= max_chars // 3 else lead[:max_chars]


def _section_label(doc: Document, offset: int) -> str | None:
    section = doc.section_at(offset)
    if section is None:
        return None
    return " ".join(p for p in (section.label, section.subtitle) if p) or None


def group_by_city(
    excerpts: Iterable[Excerpt], city_order: Sequence[str] | None = None
) -> list[tuple[str, list[Excerpt]]]:
    """(city, excerpts) in the user's city order, then the other cities as they first appear,
    then the excerpts with no city under ""."""
    groups: dict[str, list[Excerpt]] = {}
    for ex in excerpts:
        groups.setdefault((ex.city or "").strip(), []).append(ex)
    order = [c for c in dict.fromkeys(city_order or ()) if c in groups and c]
    order += [c for c in groups if c and c not in order]
    if "" in groups:
        order.append("")
    return [(c, groups[c]) for c in order]


# -- writing --------------------------------------------------------------------------------------


def export(
    excerpts: Sequence[Excerpt],
    fmt: str,
    out_path: Path | str,
    *,
    title: str = "摘录",
    city_order: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    pdf_font: Path | str | None = None,
) -> Path:
    """Write the excerpts to out_path in fmt; returns the path written."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserInputError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    words = {**LABELS, **(labels or {})}
    groups = group_by_city(excerpts, city_order)
    path = Path(out_path)
    _check_target(path)
    if fmt == "pdf":
        data = _pdf(groups, title, words, pdf_font)
    elif fmt == "docx":
        data = _docx(groups, title, words)
    elif fmt == "csv":
        data = _csv(groups).encode("utf-8-sig")
    else:
        render = {"md": _markdown, "txt": _plain, "html": _html, "json": _json}[fmt]
        data = render(groups, title, words).encode("utf-8")
    _atomic_write(path, data)
    return path


def _city_name(city: str, words: Mapping[str, str]) -> str:
    return city or words["unknown_city"]


def _markdown(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    lines = [f"# {title}", ""]
    for city, items in groups:
        lines += [f"## {_city_name(city, words)}", ""]
        for ex in items:
            if ex.orphan:
                lines += [words["orphan"], ""]
            lines += [f"> {line}" if line.strip() else ">" for line in ex.text.split("\n")]
            lines += ["", f"—— {ex.citation()}  ", f"{words['source']}：`{ex.path}`"]
            if ex.tags:
                lines[-1] += "  "
                lines.append(f"{words['tags']}：{'、'.join(ex.tags)}")
            if ex.note:
                lines[-1] += "  "
                lines.append(f"{words['note']}：{ex.note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _plain(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    lines = [title, "=" * max(4, len(title) * 2), ""]
    for city, items in groups:
        name = _city_name(city, words)
        lines += [name, "-" * max(4, len(name) * 2), ""]
        for ex in items:
            if ex.orphan:
                lines.append(words["orphan"])
            lines += [ex.text, f"—— {ex.citation()}", f"{words['source']}：{ex.path}"]
            if ex.tags:
                lines.append(f"{words['tags']}：{'、'.join(ex.tags)}")
            if ex.note:
                lines.append(f"{words['note']}：{ex.note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_HTML_STYLE = """
body { font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
       sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
figure { margin: 1.2em 0; }
blockquote { margin: 0; padding: 0.2em 1em; border-left: 4px solid #b33; background: #faf7f5; }
figcaption { font-size: 0.9em; color: #555; margin-top: 0.3em; }
.path { font-family: monospace; font-size: 0.85em; color: #777; word-break: break-all; }
.note, .tags { font-size: 0.9em; } .orphan { color: #a40; font-size: 0.9em; }
"""


def _html(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{_HTML_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
    ]
    for city, items in groups:
        out.append("<section>")
        out.append(f"<h2>{e(_city_name(city, words))}</h2>")
        for ex in items:
            out.append('<figure class="excerpt">')
            if ex.orphan:
                out.append(f'<p class="orphan">{e(words["orphan"])}</p>')
            paras = "".join(f"<p>{e(p)}</p>" for p in ex.text.split("\n") if p.strip())
            out.append(f"<blockquote>{paras}</blockquote>")
            out.append(
                f"<figcaption>—— {e(ex.citation())}<br>"
                f'{e(words["source"])}：<span class="path">{e(ex.path)}</span></figcaption>'
            )
            if ex.tags:
                out.append(f'<p class="tags">{e(words["tags"])}：{e("、".join(ex.tags))}</p>')
            if ex.note:
                out.append(f'<p class="note">{e(words["note"])}：{e(ex.note)}</p>')
            out.append("</figure>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _json(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    data = {
        "title": title,
        "exported": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cities": [{"city": city or None, "excerpts": [ex.to_json() for ex in items]} for city, items in groups],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = (
    "city",
    "text",
    "title",
    "person",
    "series",
    "series_no",
    "section",
    "date",
    "path",
    "note",
    "tags",
    "doc_id",
    "start",
    "end",
    "orphan",
    "citation",
)


def _csv(groups: list[tuple[str, list[Excerpt]]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow(CSV_FIELDS)
    for city, items in groups:
        for ex in items:
            row = {**asdict(ex), "city": city, "citation": ex.citation()}
            row["tags"] = "、".join(ex.tags)
            row["orphan"] = "yes" if ex.orphan else ""
            writer.writerow(["" if row[f] is None else row[f] for f in CSV_FIELDS])
    return buf.getvalue()


# -- DOCX -----------------------------------------------------------------------------------------


def _docx(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> bytes:
    import docx
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    styles = document.styles
    for name in ("Normal", "Title", "Heading 1"):
        try:
            style = styles[name]
        except KeyError:
            continue
        _set_east_asian(style.element.get_or_add_rPr())
    normal_rpr = styles["Normal"].element.get_or_add_rPr()
    _set_language(normal_rpr)
    styles["Normal"].font.size = Pt(11)
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"

    def para(text: str, size: float | None = None, color: RGBColor | None = None, indent: bool = True) -> None:
        p = document.add_paragraph()
        if indent:
            p.paragraph_format.left_indent = Cm(0.6)
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        _set_east_asian(run._element.get_or_add_rPr())

    gray = RGBColor(0x55, 0x55, 0x55)
    heading = document.add_heading(level=0)
    _set_east_asian(heading.add_run(title)._element.get_or_add_rPr())
    for city, items in groups:
        h = document.add_heading(level=1)
        _set_east_asian(h.add_run(_city_name(city, words))._element.get_or_add_rPr())
        for ex in items:
            if ex.orphan:
                para(words["orphan"], size=9, color=RGBColor(0xAA, 0x44, 0x00))
            for line in ex.text.split("\n"):
                if line.strip():
                    para(line)
            para(f"—— {ex.citation()}", size=9.5, color=gray)
            para(f"{words['source']}：{ex.path}", size=8, color=gray)
            if ex.tags:
                para(f"{words['tags']}：{'、'.join(ex.tags)}", size=9.5)
            if ex.note:
                para(f"{words['note']}：{ex.note}", size=9.5)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _set_east_asian(rpr: Any) -> None:
    """Name the East Asian font in a run's or a style's properties (w:rFonts/@w:eastAsia); the
    theme attribute is removed because it would win over the explicit name."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), DOCX_LATIN_FONT)
    fonts.set(qn("w:hAnsi"), DOCX_LATIN_FONT)
    fonts.set(qn("w:eastAsia"), DOCX_EAST_ASIAN_FONT)
    for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attr), None)


def _set_language(rpr: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


# -- PDF ------------------------------------------------------------------------------------------


def find_cjk_font(
    candidates: Sequence[tuple[str | Path, int]] | None = None, *, use_fc_match: bool = True
) -> tuple[Path, int]:
    """A TrueType CJK font (path, index in a .ttc) whose text extracts cleanly from a PDF:
    the first usable known path, else what fontconfig offers. Raises ExportError if none."""
    tried: list[tuple[str | Path, int]] = list(PDF_FONT_CANDIDATES if candidates is None else candidates)
    if use_fc_match:
        tried += _fc_match("WenQuanYi Micro Hei") + _fc_match(":lang=zh-cn")
    for path, index in tried:
        p = Path(path)
        if p.is_file() and _usable_font(p, index):
            return p, index
    raise ExportError(PDF_FONT_HELP)


def _fc_match(pattern: str) -> list[tuple[str | Path, int]]:
    try:
        proc = subprocess.run(
            ["fc-match", "-f", "%{file}\\n%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    lines = proc.stdout.strip().split("\n")
    if proc.returncode != 0 or not lines or not lines[0]:
        return []
    index = int(lines[1]) if len(lines) > 1 and lines[1].strip().isdigit() else 0
    return [(lines[0], index)]


def _usable_font(path: Path, index: int) -> bool:
    """TrueType outlines, covers common Chinese, not a font family known to extract badly, and
    no Chinese character shares its glyph with a Kangxi radical (the cause of 广 → ⼴)."""
    if any(bad in path.name.lower().replace("-", "") for bad in _REJECTED_FONT_NAMES):
        return False
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=index, lazy=True)
        family = str(font["name"].getDebugName(1) or "").lower()
        if any(bad in family for bad in _REJECTED_FONT_NAMES):
            return False
        if "glyf" not in font:
            return False
        cmap = font.getBestCmap() or {}
        if any(ord(ch) not in cmap for ch in _PROBE):
            return False
        radicals = {cmap[c] for c in range(0x2F00, 0x2FE0) if c in cmap}
        return not any(cmap[ord(ch)] in radicals for ch in _PROBE)
    except Exception:  # noqa: BLE001 - an unreadable or odd font file is simply not used
        return False


def _pdf(
    groups: list[tuple[str, list[Excerpt]]],
    title: str,
    words: Mapping[str, str],
    font: Path | str | None,
) -> bytes:
    from fpdf import FPDF, XPos, YPos
    from fpdf.errors import FPDFException

    if font is not None:
        font_path, index = Path(font), 0
        if not font_path.is_file():
            raise ExportError(f"The font file {font_path} does not exist.")
    else:
        font_path, index = find_cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang("zh-CN")
    pdf.set_creator("archive browser")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    try:
        pdf.add_font("cjk", "", str(font_path), collection_font_number=index)
    except Exception as exc:  # fpdf2 raises several kinds for a bad font
        raise ExportError(f"The font {font_path} cannot be used for PDF: {exc}") from exc
    pdf.add_page()

    def block(
        text: str,
        size: float,
        height: float,
        color: tuple[int, int, int] = (0, 0, 0),
        indent: float = 0.0,
        after: float = 0.0,
    ) -> None:
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, height, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            pdf.ln(after)

    try:
        block(title, 20, 11, after=4)
        for city, items in groups:
            pdf.ln(2)
            block(_city_name(city, words), 15, 9, color=(0x99, 0x22, 0x22), after=1)
            y = pdf.get_y()
            pdf.set_draw_color(0xCC, 0xCC, 0xCC)
            pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
            pdf.ln(3)
            for ex in items:
                if ex.orphan:
                    block(words["orphan"], 9, 5.5, color=(0xAA, 0x44, 0x00))
                for line in ex.text.split("\n"):
                    if line.strip():
                        block(line, 11, 6.5, indent=4)
                block(f"—— {ex.citation()}", 9, 5.5, color=(0x55, 0x55, 0x55), indent=4)
                block(f"{words['source']}：{ex.path}", 8, 5, color=(0x77, 0x77, 0x77), indent=4)
                if ex.tags:
                    block(f"{words['tags']}：{'、'.join(ex.tags)}", 9, 5.5, indent=4)
                if ex.note:
                    block(f"{words['note']}：{ex.note}", 9, 5.5, indent=4)
                pdf.ln(4)
        return bytes(pdf.output())
    except FPDFException as exc:
        raise ExportError(f"The PDF could not be laid out: {exc}") from exc


# -- atomic file writing --------------------------------------------------------------------------


def _check_target(path: Path) -> None:
    if not path.name or path.name in (".", ".."):
        raise ExportError(f"{path} is not a file name.")
    if "\x00" in str(path):
        raise ExportError("The file name contains a NUL character, which no file system accepts.")
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a name too long to look up
        raise ExportError(f"Could not write {path}: {_reason(exc)}.") from exc
    if is_dir:
        raise ExportError(f"{path} is a folder; choose a file name.")
    # Fail before the (possibly slow) rendering when the folder is plainly unusable.
    folder = path.parent
    if not folder.is_dir():
        missing = not any(p.exists() and not p.is_dir() for p in (folder, *folder.parents))
        reason = "the folder does not exist" if missing else "a part of the path is a file, not a folder"
        raise ExportError(f"Could not write {path}: {reason}.")


def _reason(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EINVAL: "the file system does not accept this name",
        errno.EISDIR: "it is a folder",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside `path`, then rename it into place."""
    folder = path.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {_reason(exc)}.") from exc
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise ExportError(f"Could not write {path}: {exc}.") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
