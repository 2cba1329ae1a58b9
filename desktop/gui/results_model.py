"""The search hits as a Qt list model: one row per document found, each saying what matched where;
below them, set apart under a heading row, the documents that hold the query only as an OCR
misreading (with the misread character marked)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from desktop.core.models import display_date

from . import style

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_MARK = re.compile(r"【(.*?)】", re.DOTALL)
_CIRCLED = {n: chr(0x2460 + n - 1) for n in range(1, 21)}


VARIANT_CHAR_HTML = "color:#b3261e; font-weight:700; text-decoration:underline;"


def snippet_html(snippet: str, misread: dict[str, int] | None = None) -> str:
    """A snippet with its 【hits】 as highlighted rich text (everything else escaped); in a hit that
    is a known misreading (misread: variant -> position of the misread character) that character
    is marked too."""
    out, pos = [], 0
    for m in _MARK.finditer(snippet):
        out.append(escape_html(snippet[pos:m.start()]))
        word = m.group(1)
        at = (misread or {}).get(word)
        if at is not None and 0 <= at < len(word):
            inner = (escape_html(word[:at]) + f'<span style="{VARIANT_CHAR_HTML}">{escape_html(word[at])}</span>'
                     + escape_html(word[at + 1:]))
        else:
            inner = escape_html(word)
        out.append(f'<span style="{style.SNIPPET_MARK_HTML}">{inner}</span>')
        pos = m.end()
    out.append(escape_html(snippet[pos:]))
    return "".join(out)


class VariantsHeading:
    """The row that sets the OCR-variant documents apart from the exact results."""

    def __init__(self, count: int) -> None:
        self.count = count


def series_text(series: str | None, number: int | None) -> str:
    if number is None:
        return series or ""
    return f"{series or ''}{_CIRCLED.get(number, f' {number}')}".strip()


class HitsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []  # the rows: exact hits, then (if any) a VariantsHeading and the variants
        self._exact = 0
        self._html: dict[int, str] = {}
        self.match_label = "{n} matches"
        self.words = {"title": "title", "person": "person", "city": "city", "body": "body",
                      "apart": "words apart", "variant": "OCR variant {v}", "matched": "Matched: {what}",
                      "count": "{n}×", "variants": "Possible OCR misreadings: {n} documents",
                      "variants_note": "the query with one character misread; not counted above",
                      "versions": "{n} more versions (Space shows them)", "versions_open": "{n} more versions (Space hides them)",
                      "version_of": "another version of the story above"}
        self._stories: list[Any] | None = None  # version groups folded (search/stories.py), or None
        self._expanded: set[str] = set()  # the lead ids whose other versions are shown
        self._lead_of: dict[str, Any] = {}  # hit id -> its story, for leads and shown versions
        self.each_version = False  # the switch: every version its own row
        self._all: list[Any] = []
        self._variants: tuple[list[Any] | None, int] = (None, 0)

    def set_hits(self, hits: list[Any], variants: list[Any] | None = None, variants_total: int = 0,
                 stories: list[Any] | None = None) -> None:
        self._stories, self._expanded, self._all, self._variants = stories, set(), list(hits), (variants, variants_total)
        self._fill()

    def _fill(self) -> None:
        hits, (variants, variants_total) = self._all, self._variants
        self._lead_of = {}
        if self._stories and not self.each_version:  # one row a story, its versions behind it when opened
            hits = []
            for story in self._stories:
                hits.append(story.lead)
                self._lead_of[story.lead.id] = story
                if story.lead.id in self._expanded:
                    hits.extend(story.others)
                    self._lead_of.update({h.id: None for h in story.others})
        self.beginResetModel()
        self._hits = list(hits)
        self._exact = len(self._hits)
        if variants:
            self._hits.append(VariantsHeading(variants_total or len(variants)))
            self._hits.extend(variants)
        self._html = {}
        self.endResetModel()

    def set_each_version(self, on: bool) -> None:
        """The switch: every version as its own row (on) or a version group as one row (off)."""
        self.each_version = bool(on)
        self._fill()

    def version_count(self, row: int) -> int:
        """How many other versions the story at row has (0: none, or every version is its own row)."""
        hit = self.hit(row)
        if hit is None or self.each_version:
            return 0
        story = self._lead_of.get(hit.id)
        if story is None:
            story = next((s for s in self._stories or [] if any(h.id == hit.id for h in s.others)), None)
        return max(story.more, len(story.others)) if story is not None else 0

    def toggle_versions(self, row: int) -> bool:
        """Show or hide the other versions of the story at row (its lead or one of them)."""
        hit = self.hit(row)
        if hit is None or self.each_version:
            return False
        story = self._lead_of.get(hit.id)
        if story is None:  # a version shown behind its lead: the lead above it
            story = next((s for s in self._stories or [] if any(h.id == hit.id for h in s.others)), None)
        if story is None or not story.load_rest():
            return False
        self._expanded ^= {story.lead.id}
        self._fill()
        return True

    def hits(self) -> list[Any]:
        """The exact results (their rows come first)."""
        return list(self._hits[:self._exact])

    def variant_hits(self) -> list[Any]:
        return list(self._hits[self._exact + 1:])

    def variants_row(self) -> int | None:
        return self._exact if len(self._hits) > self._exact else None

    def hit(self, row: int) -> Any:
        h = self._hits[row] if 0 <= row < len(self._hits) else None
        return None if isinstance(h, VariantsHeading) else h

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._hits[index.row()], VariantsHeading):
            return Qt.ItemFlag.ItemIsEnabled  # a heading: not selectable, not openable
        return super().flags(index)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if isinstance(hit, VariantsHeading):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.words["variants"].format(n=hit.count)
            if role == HTML_ROLE:
                return (f'<div style="color:{style.ACCENT}; font-weight:600; font-size:10pt; margin-top:6px;">'
                        f'{escape_html(self.words["variants"].format(n=hit.count))}</div>'
                        f'<div style="color:{style.MUTED}; font-size:9pt;">{escape_html(self.words["variants_note"])}'
                        f'</div>')
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            if index.row() not in self._html:
                self._html[index.row()] = self._render(hit)
            return self._html[index.row()]
        return None

    def _render(self, hit: Any) -> str:
        title = escape_html(hit.title or hit.path.rsplit("/", 1)[-1])
        facts = [x for x in (display_date(getattr(hit, "date", None)), hit.city, hit.person,
                             series_text(hit.series, hit.series_no)) if x]
        meta = " · ".join(escape_html(x) for x in facts)
        if hit.matches:
            count = escape_html(self.match_label.format(n=hit.matches))
            meta += (" · " if meta else "") + f'<span style="color:{style.ACCENT};">{count}</span>'
        parts = [f'<div style="font-size:11pt; font-weight:600; color:#1b1a18;">{title}</div>',
                 f'<div style="color:{style.MUTED}; font-size:9pt; margin-top:2px;">{meta}</div>']
        story = self._lead_of.get(hit.id, False)
        if story is None:
            parts.insert(0, f'<div style="color:{style.MUTED}; font-size:8.5pt;">{escape_html(self.words["version_of"])}</div>')
        elif story and story.more:
            key = "versions_open" if hit.id in self._expanded else "versions"
            parts.append(f'<div style="color:{style.ACCENT}; font-size:9pt; margin-top:2px;">'
                         f'{escape_html(self.words[key].format(n=story.more))}</div>')
        why = self.matched_text(hit)
        if why:
            parts.append(f'<div style="color:{style.MUTED}; font-size:8.5pt; margin-top:1px;">{escape_html(why)}</div>')
        misread = {m["terms"][0]: m.get("at") for m in hit.matched if m.get("how") == "variant" and m.get("terms")}
        for s in hit.snippets[:3]:
            parts.append(f'<div style="color:#34312c; font-size:9.5pt; margin-top:3px;">{snippet_html(s, misread)}</div>')
        return "".join(parts)

    def matched_text(self, hit: Any) -> str:
        """Why it matched, in words: "Matched: title · body 5× (words apart) · …"."""
        w = self.words
        pieces = []
        for m in getattr(hit, "matched", None) or []:
            label = w.get(m.get("field", ""), m.get("field", ""))
            if m.get("count", 0) > 1:
                label += " " + w["count"].format(n=m["count"])
            if m.get("how") == "apart":
                label += f" ({w['apart']})"
            elif m.get("how") == "variant":
                label += " (" + w["variant"].format(v=" ".join(m.get("terms", []))) + ")"
            pieces.append(label)
        return w["matched"].format(what=" · ".join(pieces)) if pieces else ""
