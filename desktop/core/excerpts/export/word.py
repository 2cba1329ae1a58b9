"""Word (.docx) through python-docx, with the East Asian font set on every run."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from desktop.core.excerpts.export.excerpt import Excerpt
from desktop.core.excerpts.export.text_formats import city_name

# DOCX: the East Asian font named in every run (Word substitutes if it is missing).
DOCX_EAST_ASIAN_FONT = "Microsoft YaHei"
DOCX_LATIN_FONT = "Calibri"


def docx_bytes(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> bytes:
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
        _set_east_asian(h.add_run(city_name(city, words))._element.get_or_add_rPr())
        for ex in items:
            if ex.orphan:
                para(words["orphan"], size=9, color=RGBColor(0xAA, 0x44, 0x00))
            for line in ex.text.split("\n"):
                if line.strip():
                    para(line)
            para(f"—— {ex.citation()}", size=9.5, color=gray)
            para(f"{words['source']}：{ex.source()}", size=8, color=gray)
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
