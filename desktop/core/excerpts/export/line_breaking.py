"""Chinese line breaking for laid-out exports (PDF): no line starts with closing punctuation
(，。、；：？！）」』 …), no line ends with an opening bracket, and Latin words and numbers stay whole.

The rules of GB/T 15834 and W3C's Chinese layout requirements (clreq), applied by pushing
characters down to the next line (oidashi), so that no line is ever wider than the measure.
"""

from __future__ import annotations

from collections.abc import Callable

NO_LINE_START = set("，。、；：？！,.;:?!）)］]｝}」』”’》〉】〗〕…‥·・％%‰℃〃々ゝヽ～")
NO_LINE_END = set("（(［[｛{「『“‘《〈【〖〔")
_MAX_PUSH = 6  # characters moved down at most; past that the line is broken where it is


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_@./")


def _must_move(line: str, following: str) -> bool:
    if not line:
        return False
    if following[:1] in NO_LINE_START or line[-1] in NO_LINE_END:
        return True
    return _word_char(line[-1]) and _word_char(following[:1])


def break_lines(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Lines of `text` no wider than max_width (by `width`), following the rules above."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if not current or width(current + ch) <= max_width:
            current += ch
            continue
        carry = ch
        line = current
        moved = 0
        while len(line) > 1 and moved < _MAX_PUSH and _must_move(line, carry):
            line, carry = line[:-1], line[-1] + carry
            moved += 1
        if moved == _MAX_PUSH or len(line) <= 1 and _must_move(line, carry):
            line, carry = current, ch  # an unbreakable run: break it where it overflows
        lines.append(line)
        current = carry
        while len(current) > 1 and width(current) > max_width:  # a carried run wider than a line
            lines.append(current[:-1])
            current = current[-1]
    if current or not lines:
        lines.append(current)
    return lines
