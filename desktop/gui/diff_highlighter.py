"""The diff of two versions drawn on two text views: deleted runs (left) red, inserted runs (right)
green, the two sides of a changed run amber; OCR confusions and spacing differences in a quieter
style (a dotted grey underline on a pale grey-blue or grey). Drawn as the pane's extra marks
(ReaderPane.set_extra_marks) with its own hits, so they survive F3 and new hits; turning the diff
off restores the pane exactly.

Also the block-aligned scrolling: the y of a text offset on one side -> the y on the other, through
the diff's aligned paragraph blocks."""

from __future__ import annotations

import bisect

from PySide6.QtGui import QColor, QTextCharFormat

DELETED = QColor("#f6c3c3")
INSERTED = QColor("#c6ebc6")
CHANGED = QColor("#ffe2a8")
QUIET = QColor("#8a8a8a")


def _format(op: str, kind: str, side: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind in ("ocr", "space"):
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QUIET)
        fmt.setBackground(QColor("#e3e8f4") if kind == "ocr" else QColor("#ececec"))
        return fmt
    fmt.setBackground(CHANGED if op == "replace" else DELETED if side == 0 else INSERTED)
    return fmt


def diff_ranges(result, side: int) -> list[tuple[int, int, str, str]]:
    """(start, end, op, kind) of every marked run on one side (0: A, left; 1: B, right)."""
    out = []
    for o in result.opcodes:
        if o.op == "equal":
            continue
        s, e = o.a if side == 0 else o.b
        if e > s:
            out.append((s, e, o.op, o.kind))
    return out


def diff_marks(result, side: int) -> list[tuple[int, int, QTextCharFormat]]:
    """(start, end, format) of one side's marks, for ReaderPane.set_extra_marks (which keeps them
    through every redraw of the pane's own highlights). Each format carries UserProperty: ours."""
    formats: dict[tuple[str, str], QTextCharFormat] = {}
    out = []
    for s, e, op, kind in diff_ranges(result, side):
        fmt = formats.get((op, kind))
        if fmt is None:
            fmt = formats[(op, kind)] = _format(op, kind, side)
            fmt.setProperty(QTextCharFormat.Property.UserProperty, True)
        out.append((s, e, fmt))
    return out


def paragraph_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def aligned_y(y: float, ys_src: list[float], end_src: float, ys_dst: list[float], end_dst: float,
              blocks: list[tuple[tuple[int, int], tuple[int, int]]], side: int) -> float:
    """The y on the other side matching y on this side (ys_*: each paragraph's top; end_*: the
    document height): the same fraction of the aligned block holding y."""
    def top(ys, end, i):
        return ys[i] if i < len(ys) else end

    for pair in blocks:
        (s0, s1), (d0, d1) = (pair[side], pair[1 - side])
        y0, y1 = top(ys_src, end_src, s0), top(ys_src, end_src, s1)
        if s1 > s0 and y0 <= y < y1 or pair is blocks[-1]:
            frac = (y - y0) / (y1 - y0) if y1 > y0 else 0.0
            z0, z1 = top(ys_dst, end_dst, d0), top(ys_dst, end_dst, d1)
            return z0 + max(0.0, min(1.0, frac)) * (z1 - z0)
    return 0.0


def block_at(blocks, side: int, paragraph: int) -> int:
    """Index of the block holding a paragraph of one side."""
    starts = [b[side][0] for b in blocks]
    return max(0, bisect.bisect_right(starts, paragraph) - 1)
