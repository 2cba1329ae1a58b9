"""Finding quotes again in edited texts (desktop.core.excerpts.anchoring), on the bundled seed articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from desktop.core.excerpts.anchoring import _edit_scores, context_of, locate

SEEDS = sorted((Path(__file__).resolve().parents[3] / "seeds").glob("*.txt"))
QUOTE = "茂名市总工会将牢牢锚定“走在前列”总目标"


@pytest.fixture(scope="module")
def text() -> str:
    return SEEDS[0].read_text(encoding="utf-8")


def anchor(text: str, quote: str = QUOTE) -> tuple[int, int, str, str]:
    start = text.index(quote)
    end = start + len(quote)
    prefix, suffix = context_of(text, start, end)
    return start, end, prefix, suffix


def test_exact_match_where_it_was(text: str) -> None:
    start, end, prefix, suffix = anchor(text)
    assert locate(text, QUOTE, prefix, suffix, start) == (start, end)


def test_insertion_before_the_quote_moves_the_range(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    edited = text[:200] + "编者按：本文根据录音整理，略有删节。\n" * 5 + text[200:]
    found = locate(edited, QUOTE, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == QUOTE
    assert found[0] == start + 5 * len("编者按：本文根据录音整理，略有删节。\n")


def test_deletion_before_the_quote(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    edited = text[:100] + text[300:]
    found = locate(edited, QUOTE, prefix, suffix, start)
    assert found is not None and edited[found[0] : found[1]] == QUOTE


def test_ocr_spaces_inside_and_around_the_quote(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    spaced = " 茂名 市总工会将牢 牢锚定“走在 前列”总目标 "
    edited = text.replace(QUOTE, spaced)
    found = locate(edited, QUOTE, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == spaced.strip()


def test_spaces_removed_from_a_quote_that_had_them(text: str) -> None:
    quote = "■全媒体记者誉建业 通讯员石蕾蕾 阳海斌"
    start, _end, prefix, suffix = anchor(text, quote)
    edited = text.replace(quote, quote.replace(" ", ""))
    found = locate(edited, quote, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == quote.replace(" ", "")


def test_a_changed_character_inside(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    edited = text.replace("牢牢锚定", "牢牢瞄定")
    found = locate(edited, QUOTE, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == "茂名市总工会将牢牢瞄定“走在前列”总目标"


def test_characters_deleted_and_inserted_inside(text: str) -> None:
    quote = "聚焦思想铸魂、建功立业、服务升级、权益保障、改革赋能等重点领域"
    start, _end, prefix, suffix = anchor(text, quote)
    changed = "聚焦思想铸魂、建功立业、服务提档升级、权益保障、改革等重点领域"
    edited = text.replace(quote, changed)
    found = locate(edited, quote, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == changed


def test_ocr_spaces_and_a_changed_character_together(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    changed = "茂名市总 工会将牢牢瞄定 “走在前列”总目标"
    edited = text.replace(QUOTE, changed)
    found = locate(edited, QUOTE, prefix, suffix, start)
    assert found is not None
    assert edited[found[0] : found[1]] == changed


def test_quote_that_is_gone_gives_none(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    sentence_start = text.rindex("\n", 0, start) + 1
    sentence_end = text.index("\n", start)
    edited = text[:sentence_start] + text[sentence_end:]
    assert locate(edited, QUOTE, prefix, suffix, start) is None


def test_quote_replaced_by_other_words_gives_none(text: str) -> None:
    start, _end, prefix, suffix = anchor(text)
    edited = text.replace(QUOTE, "茂名市总工会今年将重点推进职工服务阵地建设")
    assert locate(edited, QUOTE, prefix, suffix, start) is None


def test_several_occurrences_are_told_apart_by_context() -> None:
    para = "工会是职工之家。"
    text = "第一段说：" + para + "然后是别的内容。第二段写道：" + para + "最后结束。"
    second = text.rindex(para)
    prefix, suffix = context_of(text, second, second + len(para))
    # The hint points at the first occurrence, but the context says the second.
    assert locate(text, para, prefix, suffix, 0) == (second, second + len(para))
    # Context that fits neither: the one nearest the hint wins.
    assert locate(text, para, "", "", second - 3) == (second, second + len(para))
    assert locate(text, para, "", "", 0) == (text.index(para), text.index(para) + len(para))


def test_context_decides_after_the_text_shifted() -> None:
    unit = "职工服务中心。"
    text = "甲地建成" + unit + "乙地建成" + unit + "丙地建成" + unit
    target = text.index("乙地建成") + len("乙地建成")
    prefix, suffix = context_of(text, target, target + len(unit))
    shifted = "新增一段很长的导语，" * 5 + text
    found = locate(shifted, unit, prefix, suffix, target)
    assert found is not None and shifted[found[0] - 4 : found[0]] == "乙地建成"


def test_short_quote_is_only_found_exactly(text: str) -> None:
    assert locate(text, "黄奕奕", "", "", 0) is not None
    assert locate(text, "黄奕X", "", "", 0) is None


def test_empty_inputs() -> None:
    assert locate("", "工会", "", "", 0) is None
    assert locate("工会", "", "", "", 0) is None
    assert locate("工会", "   ", "", "", 0) is None


def test_quotes_from_one_article_are_not_found_in_another() -> None:
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    checked = 0
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)]:
        src, other = texts[a], texts[b]
        other_ns = "".join(other.split())
        for _ in range(60):
            n = rng.randint(12, 60)
            s = rng.randrange(0, len(src) - n)
            quote = src[s : s + n]
            q = "".join(quote.split())
            if len(q) < 12 or any(q[i : i + 5] in other_ns for i in range(len(q) - 4)):
                continue  # the two articles share this wording (the series' set phrases)
            prefix, suffix = context_of(src, s, s + n)
            assert locate(other, quote, prefix, suffix, s) is None, quote
            checked += 1
    assert checked > 100


def test_random_small_edits_are_found(text: str) -> None:
    rng = random.Random(11)
    found_count = 0
    for _ in range(80):
        n = rng.randint(20, 80)
        s = rng.randrange(50, len(text) - n - 50)
        quote = text[s : s + n]
        if not quote.strip():
            continue
        prefix, suffix = context_of(text, s, s + n)
        chars = list(quote)
        for _ in range(max(1, n // 20)):  # a 5% of edits: replace, delete or insert
            i = rng.randrange(len(chars))
            op = rng.choice("rdi")
            if op == "r":
                chars[i] = "乂"
            elif op == "d" and len(chars) > 1:
                del chars[i]
            else:
                chars.insert(i, " ")
        edited_quote = "".join(chars)
        edited = "插入的文字。" * 3 + text[:s] + edited_quote + text[s + n :]
        found = locate(edited, quote, prefix, suffix, s)
        assert found is not None, quote
        # The range found covers the edited quote, give or take its edited ends.
        offset = len("插入的文字。") * 3
        assert abs(found[0] - (offset + s)) <= 3
        assert abs(found[1] - (offset + s + len(edited_quote))) <= 3
        found_count += 1
    assert found_count > 60


def test_bit_parallel_edit_distance_matches_the_textbook_table() -> None:
    rng = random.Random(3)

    def table(pattern: str, text: str) -> list[int]:
        col = list(range(len(pattern) + 1))
        out = []
        for ch in text:
            new = [0]
            for i in range(1, len(pattern) + 1):
                new.append(min(col[i] + 1, new[i - 1] + 1, col[i - 1] + (pattern[i - 1] != ch)))
            col = new
            out.append(col[-1])
        return out

    for _ in range(500):
        pattern = "".join(rng.choice("工会职") for _ in range(rng.randint(1, 70)))
        text = "".join(rng.choice("工会职家") for _ in range(rng.randint(1, 40)))
        assert _edit_scores(pattern, text) == table(pattern, text)
