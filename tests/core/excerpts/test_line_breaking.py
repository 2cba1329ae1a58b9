"""Chinese line breaking in laid-out exports: no line starts with closing punctuation, none ends
with an opening bracket, Latin words stay whole; checked on the rule and on a real PDF read back."""

from __future__ import annotations

import random

from desktop.core.excerpts.export.line_breaking import NO_LINE_END, NO_LINE_START, break_lines
from tests.conftest import SEEDS


def _one(s: str) -> float:
    return float(len(s))


def test_a_comma_at_a_line_start_pulls_a_character_down_with_it():
    text = "广东省总工会召开会议，研究部署工作。"  # the comma falls at the start of line 2
    lines = break_lines(text, _one, 10)
    assert "".join(lines) == text
    assert all(len(line) <= 10 for line in lines)
    assert not any(line[0] in NO_LINE_START for line in lines)
    assert lines[0] == "广东省总工会召开会" and lines[1].startswith("议，")


def test_an_opening_bracket_never_ends_a_line_and_words_stay_whole():
    lines = break_lines("一二三四五六七八九「十」十一十二", _one, 10)
    assert not any(line[-1] in NO_LINE_END for line in lines)
    lines = break_lines("工会主席在 Guangdong 2024 会议上发言", _one, 10)
    assert "Guangdong" in "\n".join(lines).split("\n")[1] or any("Guangdong" in line for line in lines)
    assert all(not (a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum())
               for a, b in zip(lines, lines[1:]))


def test_random_seed_passages_follow_the_rules():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("\n", "")
    rng = random.Random(3)
    for _ in range(300):
        start = rng.randrange(len(text) - 400)
        chunk = text[start:start + rng.randrange(40, 400)]
        width = rng.randrange(8, 40)
        lines = break_lines(chunk, _one, width)
        assert "".join(lines) == chunk
        assert all(len(line) <= width for line in lines)
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, (line, width)
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, (line, width)


def test_pdf_export_lines_follow_the_rules(tmp_path):
    from pypdf import PdfReader

    from desktop.core.excerpts.export import Excerpt, export

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [line for t in texts for line in t.split("\n") if len(line) > 120][:25]
    excerpts = [Excerpt(text=p, title="测试", city="广州市", path=f"/tmp/{i}.txt") for i, p in enumerate(paragraphs)]
    out = export(excerpts, "pdf", tmp_path / "out.pdf")
    lines = [line.strip() for page in PdfReader(out).pages for line in page.extract_text().split("\n")]
    body = [line for line in lines if line]
    assert len(body) > 100
    starts = [line for line in body if line[0] in NO_LINE_START]
    assert not starts, starts[:5]
    assert not [line for line in body if line[-1] in NO_LINE_END]
