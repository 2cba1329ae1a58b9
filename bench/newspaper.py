"""A broadsheet-like page for the OCR benchmark: A3 at about 212 dpi (2480×3508 px), a bold headline
across the top, six columns of 28 px serif body text (about 10 pt at that resolution) separated by
thin rules, the articles flowing from column to column. Returns the reference text in reading order
(headline, then each column top to bottom)."""

from __future__ import annotations

import subprocess

WIDTH, HEIGHT = 2480, 3508
MARGIN, GUTTER, COLUMNS = 90, 36, 6
BODY_PX, LINE_PX, HEADLINE_PX = 28, 42, 84
HEADLINE = "全市重点项目建设稳步推进　一季度投资同比增长"


def font_path(family: str, fallback: str) -> tuple[str, int]:
    """The file and collection index fontconfig picks for family (fallback when it has none)."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", family], capture_output=True,
                             text=True, timeout=10).stdout
        file, index = out.split("\t")
        return file, int(index or 0)
    except (OSError, ValueError, subprocess.SubprocessError):
        return fallback, 0


def _column_lines(texts: list[str], chars_per_line: int) -> list[str]:
    """Each article starts a line of its own, indented by two full-width spaces."""
    lines: list[str] = []
    for text in texts:
        body = "\u3000\u3000" + text
        lines += [body[i:i + chars_per_line] for i in range(0, len(body), chars_per_line)]
    return lines


def broadsheet(texts: list[str], headline: str = HEADLINE):
    """(grayscale PIL image, the text drawn in reading order, the headline)."""
    from PIL import Image, ImageDraw, ImageFont

    from tests.core.ingest import format_fixtures as fixtures

    regular = font_path("Noto Serif CJK SC", fixtures.FONT)
    bold = font_path("Noto Sans CJK SC:bold", fixtures.FONT)
    body_font = ImageFont.truetype(regular[0], BODY_PX, index=regular[1])
    head_font = ImageFont.truetype(bold[0], HEADLINE_PX, index=bold[1])
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    head_w = draw.textlength(headline, font=head_font)
    draw.text(((WIDTH - head_w) / 2, MARGIN), headline, font=head_font, fill=0)
    top = MARGIN + HEADLINE_PX + 50
    draw.line([(MARGIN, top - 25), (WIDTH - MARGIN, top - 25)], fill=0, width=3)
    column_w = (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) // COLUMNS
    per_line = column_w // BODY_PX
    per_column = (HEIGHT - MARGIN - top) // LINE_PX
    lines = _column_lines(texts, per_line)[: per_column * COLUMNS]
    for c in range(COLUMNS):
        x = MARGIN + c * (column_w + GUTTER)
        if c:
            draw.line([(x - GUTTER // 2, top), (x - GUTTER // 2, HEIGHT - MARGIN)], fill=128, width=1)
        for r, line in enumerate(lines[c * per_column:(c + 1) * per_column]):
            draw.text((x, top + r * LINE_PX), line, font=body_font, fill=0)
    return image, headline + "".join(lines), headline
