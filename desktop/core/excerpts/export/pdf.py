"""PDF through fpdf2 with a CJK TrueType font whose glyphs extract back to the right characters."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.core.errors import ExportError
from desktop.core.excerpts.export.excerpt import Excerpt
from desktop.core.excerpts.export.line_breaking import break_lines
from desktop.core.excerpts.export.text_formats import city_name

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


def pdf_bytes(
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
        measure = pdf.epw - indent - 2 * pdf.c_margin - 0.01  # what multi_cell fits on a line
        for line in break_lines(text, pdf.get_string_width, measure):  # Chinese line-breaking rules
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(pdf.epw - indent, height, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            pdf.ln(after)

    try:
        block(title, 20, 11, after=4)
        for city, items in groups:
            pdf.ln(2)
            block(city_name(city, words), 15, 9, color=(0x99, 0x22, 0x22), after=1)
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
                block(f"{words['source']}：{ex.source()}", 8, 5, color=(0x77, 0x77, 0x77), indent=4)
                if ex.tags:
                    block(f"{words['tags']}：{'、'.join(ex.tags)}", 9, 5.5, indent=4)
                if ex.note:
                    block(f"{words['note']}：{ex.note}", 9, 5.5, indent=4)
                pdf.ln(4)
        return bytes(pdf.output())
    except FPDFException as exc:
        raise ExportError(f"The PDF could not be laid out: {exc}") from exc


# -- atomic file writing --------------------------------------------------------------------------
