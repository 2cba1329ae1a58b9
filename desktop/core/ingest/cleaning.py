"""Repair OCR'd text for reading and matching, keeping a map back to the original.

`clean()` removes spaces inside Chinese text and rejoins paragraphs split mid-sentence;
`fold()` and `match_text()` give the whitespace-free, case- and width-folded, simplified form
every search matches against. The source text is never changed, only read.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

# Chinese characters and the punctuation that sits between them (CJK, full-width, and the
# ASCII marks OCR puts there).
_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
_CJK_PUNCT = set("，。、；：？！…—·・“”‘’「」『』（）《》〈〉【】〔〕,.;:?!\"'()%％")
_TERMINAL = set("。！？!?…；;”」』）)")
_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"

# Invisible characters: Unicode's default-ignorable code points (zero-width space, joiners, bidi
# marks and embeddings, word joiner, soft hyphen, variation selectors, tag characters, BOM, fillers)
# and the control characters that are not line breaks or tabs. Matching ignores them in texts and
# queries alike (match_text here, query.parse), so 工\u200b会, 工\x00会, 工\u200e会 and 工\ufe0f会 are all 工会.
INVISIBLE = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
             "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
             "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")
# What match_text leaves out of a cleaned text: whitespace and invisible characters.
MATCH_SKIP = re.compile(f"[\\s{INVISIBLE}]+")
MATCH_SKIP_CHAR = re.compile(f"[\\s{INVISIBLE}]")
_MATCH_KEEP = re.compile(f"[^\\s{INVISIBLE}]+")
# The version of match_text's folding; the store re-folds documents made by an older one.
MATCH_VERSION = 2


def strip_invisible(text: str) -> str:
    """text without its invisible characters (see INVISIBLE)."""
    return _INVISIBLE.sub("", text)


def has_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= o <= hi:
            return True
    return False


def _is_cjk_side(ch: str) -> bool:
    return is_cjk(ch) or ch in _CJK_PUNCT or 0xFF00 <= ord(ch) <= 0xFFEF or 0x3000 <= ord(ch) <= 0x303F


@dataclass
class Cleaned:
    text: str
    # for each cleaned char, the index of its source char (4 bytes a character, not a Python int's 36)
    to_original: array | list[int]
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in text


_HEADING_START = re.compile(
    r"^(■|□|●|◆|▲|\*|#|[谈淡谭][\u4e00-\u9fff]{2}[\s\"“]|[一二三四五六七八九十]+[是、.．]|"
    r"\d+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|记者[:：]|问[:：]|答[:：])"
)
_SPEAKER = re.compile(r"^[\u4e00-\u9fff]{2,4}[:：]")
_BYLINE = re.compile(r"(记者|通讯员|编辑|摄影)")


def _looks_like_start(line: str) -> bool:
    """A line that begins something new: a heading, a list item, a caption or a speaker turn."""
    return bool(_HEADING_START.match(line) or _SPEAKER.match(line))


def _is_structural(line: str) -> bool:
    """Short lines whose spaces separate parts (bylines, headings, titles): spaces kept once."""
    if _BYLINE.search(line) and len(line) < 60 and line[-1:] not in _TERMINAL:
        return True
    if re.match(r"^[谈淡谭][\u4e00-\u9fff]{2}\s", line):
        return True
    if len(line) <= 30 and line[-1:] not in "。！？!?；;":
        parts = [p for p in re.split(r"[ \u3000]+", line) if p]
        return len(parts) >= 2 and all(len(p) >= 4 for p in parts)
    return False


def clean(original: str) -> Cleaned:
    """Return the repaired text with a map from each cleaned character to the original."""
    lines: list[tuple[str, array]] = []
    pos = 0
    for raw in re.split(r"(\r\n|\r|\n)", original):
        if raw in ("\r\n", "\r", "\n"):
            pos += len(raw)
            continue
        line, idx = _clean_line(raw, pos)
        pos += len(raw)
        if idx:
            lines.append((line, idx))

    out: list[str] = []
    to_orig = array("I")
    paragraphs: list[tuple[int, int]] = []
    prev_len = 0  # the current paragraph: its length, last character, and whether a speaker opens it
    prev_last = ""
    prev_speaker = False
    length = 0
    for line, idx in lines:
        joined = (
            prev_len > 0
            and (prev_len >= 40 or (prev_speaker and prev_len >= 10))
            and prev_last not in _TERMINAL
            and prev_last not in ":："
            and not _looks_like_start(line)
            and _is_cjk_side(line[0])
            and not _is_structural(line)
        )
        if joined:
            start = paragraphs[-1][0]
            paragraphs[-1] = (start, start + prev_len + len(line))
            prev_len += len(line)
        else:
            if out:
                out.append("\n")
                to_orig.append(to_orig[-1] + 1 if to_orig else 0)
                length += 1
            paragraphs.append((length, length + len(line)))
            prev_len = len(line)
            prev_speaker = _SPEAKER.match(line) is not None
        prev_last = line[-1]
        out.append(line)
        to_orig.extend(idx)
        length += len(line)
    return Cleaned("".join(out), to_orig, paragraphs)


def _clean_line(raw: str, base: int) -> tuple[str, array]:
    """Strip a line and drop OCR spaces between Chinese characters and punctuation; the line and,
    for each of its characters, its offset in the original."""
    start, end = 0, len(raw)
    while start < end and raw[start] in _SPACES:
        start += 1
    while end > start and raw[end - 1] in _SPACES:
        end -= 1
    if start == end:
        return "", array("I")
    line = raw[start:end]
    structural = _is_structural(line)
    chars: list[str] = []
    idx = array("I")
    cursor = start
    for m in _GAP.finditer(raw, start, end):
        s, e = m.span()
        chars.append(raw[cursor:s])
        idx.extend(range(base + cursor, base + s))
        cursor = e
        if raw[s] not in _SPACES:
            continue  # a control character or U+FFFD: dropped
        left, right = raw[s - 1], raw[e] if e < len(raw) else ""
        if structural and left not in _CJK_PUNCT and right not in _CJK_PUNCT:
            keep = True
        else:
            keep = not (_is_cjk_side(left) or (right and _is_cjk_side(right)))
        if keep:
            chars.append(" ")
            idx.append(base + s)
    if cursor == start:  # nothing dropped: the line as it is, its offsets one run
        return line, array("I", range(base + start, base + end))
    chars.append(raw[cursor:end])
    idx.extend(range(base + cursor, base + end))
    return "".join(chars), idx


_GAP = re.compile("[" + re.escape(_SPACES) + "]+|[\x00-\x08\x0b-\x1f\x7f\ufffd]")


# ---- folding for matching -------------------------------------------------------------

_t2s_converter = None


def _t2s(text: str) -> str:
    global _t2s_converter
    if _t2s_converter is None:
        try:
            import opencc

            _t2s_converter = opencc.OpenCC("t2s")
        except Exception:  # opencc missing: traditional folding unavailable
            _t2s_converter = False
    if not _t2s_converter:
        return text
    return _t2s_converter.convert(text)


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch)
    if len(n) != 1:
        n = ch
    n = n.lower()
    if len(n) != 1:
        n = ch
    if is_cjk(n):
        s = _t2s(n)
        if len(s) == 1:
            n = s
    return n


class _FoldTable(dict):
    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        self[key] = value
        return value


_FOLD = _FoldTable()  # for short texts (queries, names): each character worked out when first seen
_FOLD_LONG = 256
# Long texts are folded by regex instead of str.translate: a pattern finds the few characters that
# change at C speed. The blocks news text is made of are worked out on the first long text (about
# 60 ms); a character outside them is worked out when first seen.
_FOLD_BLOCKS = ((0x00, 0x24F), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))
_FOLD_LOCK = threading.Lock()
_fold_state: tuple[re.Pattern, re.Pattern | None, dict[str, str], frozenset[str]] | None = None
_WS = re.compile(r"\s+")


def _char_class(chars) -> str:
    return "".join(map(re.escape, sorted(chars)))


def _fold_learn(chars) -> tuple:
    """The folding state, extended with chars (under _FOLD_LOCK)."""
    global _fold_state
    if _fold_state is None:
        changes: dict[str, str] = {}
        extra: frozenset[str] = frozenset()
        for lo, hi in _FOLD_BLOCKS:
            for code in range(lo, hi + 1):
                ch = chr(code)
                folded = _fold_char(ch)
                if folded != ch:
                    changes[ch] = folded
    else:
        _, _, changes, extra = _fold_state
        changes = dict(changes)
    extra = extra | frozenset(chars)
    for ch in chars:
        folded = _fold_char(ch)
        if folded != ch:
            changes[ch] = folded
    blocks = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _FOLD_BLOCKS)
    unknown = re.compile(f"[^{blocks}{_char_class(extra)}]")
    change = re.compile(f"[{_char_class(changes)}]") if changes else None
    _fold_state = (unknown, change, changes, extra)
    return _fold_state


def fold(text: str) -> str:
    """Width, case and traditional-to-simplified folding, one character for one."""
    if text.isascii():
        return text.lower()
    if len(text) < _FOLD_LONG:
        return text.translate(_FOLD)
    state = _fold_state
    if state is None or state[0].search(text):
        with _FOLD_LOCK:
            state = _fold_learn(set(text))
    _, change, changes, _ = state
    if change is None:
        return text
    return change.sub(lambda m: changes[m.group()], text)


def match_text(cleaned: str) -> str:
    """The form searches match against: folded, with every whitespace and invisible character removed."""
    return fold(MATCH_SKIP.sub("", cleaned))


def match_offsets(cleaned: str) -> list[int]:
    """For each character of match_text(cleaned), its offset in the cleaned text."""
    return [i for m in _MATCH_KEEP.finditer(cleaned) for i in range(m.start(), m.end())]
