"""The diff of two versions drawn on two text views: deleted runs (left) red, inserted runs (right)
green, the two sides of a changed run amber; OCR confusions and spacing differences in a quieter
style (a dotted grey underline on a pale grey-blue or grey). Drawn as extra selections on top of the pane's own
(query hits stay), so turning the diff off restores the pane exactly.

Also the block-aligned scrolling: the y of a text offset on one side -> the y on the other, through
the diff's aligned paragraph blocks."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

DELETED = QColor("#f6c3c3")
INSERTED = QColor("#c6ebc6")
CHANGED = QColor("#ffe2a8")
QUIET = QColor("#8a8a8a")

QtRange = Callable[[int, int], tuple[int, int]]


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


def diff_selections(edit: QTextEdit, result, side: int, qt_range: QtRange) -> list[QTextEdit.ExtraSelection]:
    doc = edit.document()
    formats: dict[tuple[str, str], QTextCharFormat] = {}
    sels = []
    for s, e, op, kind in diff_ranges(result, side):
        fmt = formats.get((op, kind)) or formats.setdefault((op, kind), _format(op, kind, side))
        qs, qe = qt_range(s, e)
        cur = QTextCursor(doc)
        cur.setPosition(qs)
        cur.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cur
        sel.format = fmt
        sels.append(sel)
    return sels


def _identity(s: int, e: int) -> tuple[int, int]:
    return s, e


def apply_diff(left: QTextEdit, right: QTextEdit, result, qt_a: QtRange = _identity, qt_b: QtRange = _identity) -> None:
    """Add the diff's marks to both views (their own extra selections are kept underneath)."""
    for edit, side, qt in ((left, 0, qt_a), (right, 1, qt_b)):
        base = [s for s in edit.extraSelections() if not s.format.hasProperty(QTextCharFormat.Property.UserProperty)]
        marks = diff_selections(edit, result, side, qt)
        for m in marks:
            m.format.setProperty(QTextCharFormat.Property.UserProperty, True)  # ours: removable
        edit.setExtraSelections(base + marks)


def clear_diff(*edits: QTextEdit) -> None:
    for edit in edits:
        edit.setExtraSelections([s for s in edit.extraSelections()
                                 if not s.format.hasProperty(QTextCharFormat.Property.UserProperty)])


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
