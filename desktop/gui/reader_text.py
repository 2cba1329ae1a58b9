"""The reader's text, apart from any widget: Python offsets <-> Qt positions, the places compare
mode aligns on (sections and questions), and the styling of an interview's text."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from . import style

RICH_LIMIT = 400_000  # longer texts are shown without paragraph styling


class Utf16:
    """Python string offsets <-> Qt (UTF-16) positions of the same text."""

    def __init__(self, text: str) -> None:
        self.n = len(text)
        if not text or max(text) <= "\uffff":
            self.prefix: list[int] | None = None
        else:
            prefix, q = [0], 0
            for ch in text:
                q += 2 if ch > "\uffff" else 1
                prefix.append(q)
            self.prefix = prefix

    def qt(self, i: int) -> int:
        i = min(max(i, 0), self.n)
        return i if self.prefix is None else self.prefix[i]

    def py(self, q: int) -> int:
        if self.prefix is None:
            return min(max(q, 0), self.n)
        return max(0, bisect.bisect_right(self.prefix, q) - 1)


def display_original(text: str) -> str:
    """The original text with CR line ends made Qt-safe without changing any offset."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def anchors_of(doc: Any) -> list[tuple[tuple, int]]:
    """The places compare mode aligns: the opening, each section, each question (cleaned offsets).

    Keys: ("head",), ("section", label, ordinal), ("question", section label, number within the
    section, number in the document).
    """
    out: list[tuple[tuple, int]] = [(("head",), 0)]
    sections = doc.meta.sections
    for i, s in enumerate(sections):
        out.append((("section", s.label, i), s.start))
    per_section: dict[Any, int] = {}
    n = 0
    for t in doc.meta.turns:
        if t.kind != "question":
            continue
        label = sections[t.section].label if t.section is not None and t.section < len(sections) else ""
        per_section[label] = per_section.get(label, 0) + 1
        n += 1
        out.append((("question", label, per_section[label], n), t.start))
    out.sort(key=lambda kv: kv[1])
    return out


def match_anchor(key: tuple, anchors: list[tuple[tuple, int]]) -> int | None:
    """The index in `anchors` of the place matching `key` (by label and number, then by order)."""
    keys = [k for k, _ in anchors]
    if key in keys:
        return keys.index(key)
    kind = key[0]
    if kind == "head":
        return 0
    if kind == "section":
        same = [i for i, k in enumerate(keys) if k[0] == "section" and k[1] == key[1]]
        if same:
            return same[0]
        same = [i for i, k in enumerate(keys) if k[0] == "section" and k[2] == key[2]]
        return same[0] if same else None
    if kind == "question":
        same = [i for i, k in enumerate(keys) if k[0] == "question" and k[1] == key[1] and k[2] == key[2]]
        if same:
            return same[0]
        same = [i for i, k in enumerate(keys) if k[0] == "question" and k[3] == key[3]]
        return same[0] if same else None
    return None


def style_document(document: QTextDocument, doc: Any, qt_range: Callable[[int, int], tuple[int, int]]) -> None:
    """Paragraph spacing, section headings, the title, questions and speakers' names: formats only,
    so every position stays where it was (`qt_range` maps a cleaned range to the shown text)."""
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(150.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(6.0)
    cursor.mergeBlockFormat(block)
    m = doc.meta

    def fmt(start: int, end: int, char: QTextCharFormat, block_fmt: QTextBlockFormat | None = None) -> None:
        s, e = qt_range(start, end)
        c = QTextCursor(document)
        c.setPosition(s)
        c.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        c.mergeCharFormat(char)
        if block_fmt is not None:
            c.mergeBlockFormat(block_fmt)

    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setForeground(QColor(style.ACCENT))
    heading.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
    spaced = QTextBlockFormat()
    spaced.setTopMargin(12.0)
    for s in m.sections:
        line_end = doc.text.find("\n", s.start)
        fmt(s.start, line_end if line_end > 0 else s.end, heading, spaced)
    if m.title:
        at = doc.text.find(m.title[:12], 0, 600)
        if at >= 0:
            title = QTextCharFormat()
            title.setFontWeight(QFont.Weight.Bold)
            title.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
            line_end = doc.text.find("\n", at)
            fmt(at, line_end if line_end > 0 else at + len(m.title), title)
    question = QTextCharFormat()
    question.setForeground(QColor(style.QUESTION))
    speaker = QTextCharFormat()
    speaker.setFontWeight(QFont.Weight.Bold)
    for t in m.turns:
        if t.kind == "question":
            fmt(t.start, t.end, question)
        if doc.text.startswith(t.speaker, t.start):
            fmt(t.start, t.start + len(t.speaker) + 1, speaker)
