"""Plain data the engine hands to its clients (GUI, CLI, exports, benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Any


def display_date(date: str | None) -> str | None:
    """A found date as readers write it: "2024-12-29" -> "2024年12月29日", "--12-29" -> "12月29日"."""
    if not date:
        return None
    parts = date.lstrip("-").split("-")
    if not all(p.isdigit() for p in parts):
        return date
    numbers = [int(p) for p in parts]
    if date.startswith("--") and len(numbers) == 2:
        return f"{numbers[0]}月{numbers[1]}日"
    if len(numbers) == 3:
        return f"{numbers[0]}年{numbers[1]}月{numbers[2]}日"
    if len(numbers) == 2 and len(parts[0]) == 4:  # "2024-03" -> "2024年3月"
        return f"{numbers[0]}年{numbers[1]}月"
    if len(numbers) == 1 and len(parts[0]) == 4:  # "2024" -> "2024年"
        return f"{numbers[0]}年"
    return date


def page_at(pages: list[tuple[int, int]] | list[list[int]], offset: int | None) -> int | None:
    """The 1-based page holding a cleaned-text offset, or None for a document without pages."""
    if not pages or offset is None:
        return None
    import bisect

    starts = [p[0] for p in pages]
    return max(1, bisect.bisect_right(starts, max(0, offset)))


@dataclass
class Section:
    """A titled part of an article (谈体会 / 谈思路 / 谈未来 ...), as a range of the cleaned text."""

    label: str  # "谈体会"
    subtitle: str  # the heading's rest, "锚定“走在前列”展现工会担当和作为"
    start: int  # cleaned-text offset of the heading
    end: int  # cleaned-text offset where the next section (or the text) ends


@dataclass
class Turn:
    """One question or answer of an interview, as a range of the cleaned text."""

    speaker: str  # "记者" or the interviewee's name
    kind: str  # "question" or "answer"
    start: int
    end: int
    section: int | None = None  # index into Document.sections


@dataclass
class DocumentMeta:
    """What metadata extraction finds in an article (before the user's corrections)."""

    title: str = ""
    series: str | None = None  # "工会主席访谈"
    series_no: int | None = None
    person: str | None = None
    role: str | None = None
    reporters: list[str] = field(default_factory=list)
    city: str | None = None  # prefecture-level, like "茂名市"
    date: str | None = None  # ISO "2024-12-29", "2024-12", "2024", or "--12-29" (no year), see ingest/dates.py
    date_source: str | None = None  # where the date came from: user, text, metadata, name
    publication: str | None = None  # the paper or site: "南方日报" (from the text, the folder, or the user)
    edition: str | None = None  # the printed page (版次): "A05", "3"
    captions: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)  # the header's other headline lines (引题, 副题)
    sections: list[Section] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["reporters"] = list(self.reporters)
        data["captions"] = list(self.captions)
        data["sections"] = [vars(s).copy() for s in self.sections]
        data["turns"] = [vars(t).copy() for t in self.turns]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMeta:
        data = dict(data)
        data["sections"] = [Section(**s) for s in data.get("sections", [])]
        data["turns"] = [Turn(**t) for t in data.get("turns", [])]
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Document:
    """An indexed article: its identity, its texts and its metadata (user corrections applied)."""

    id: str  # stable id: a hash of the absolute path
    path: str  # absolute path of the source file
    encoding: str
    text: str  # cleaned text (OCR spaces removed, split paragraphs rejoined)
    original: str  # the decoded source text, untouched
    meta: DocumentMeta
    to_original: Sequence[int] = field(default_factory=list, repr=False)  # cleaned offset -> original offset
    corrected: list[str] = field(default_factory=list)  # metadata fields the user corrected
    format: str = "text"  # the reader that read it: text, pdf, docx, html, epub, image
    pages: list[tuple[int, int]] = field(default_factory=list)  # page n is text[pages[n-1][0]:pages[n-1][1]]
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages whose text came from OCR

    def page_at(self, offset: int | None) -> int | None:
        """The 1-based page holding a cleaned-text offset (None: the document has no pages)."""
        return page_at(self.pages, offset)

    def page_range(self, page: int) -> tuple[int, int]:
        """Cleaned-text [start, end) of a 1-based page (the whole text for a document without pages)."""
        if not self.pages:
            return 0, len(self.text)
        start, end = self.pages[max(1, min(page, len(self.pages))) - 1]
        return start, end

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def city(self) -> str | None:
        return self.meta.city

    @property
    def person(self) -> str | None:
        return self.meta.person

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text range [start, end) to the original text."""
        if not self.to_original:
            return start, end
        n = len(self.to_original)
        s = self.to_original[min(max(start, 0), n - 1)] if n else 0
        if end <= 0:
            return s, s
        e = self.to_original[min(end, n) - 1] + 1
        return s, max(s, e)

    def section_at(self, offset: int) -> Section | None:
        for section in self.meta.sections:
            if section.start <= offset < section.end:
                return section
        return None


@dataclass
class Hit:
    """One document found by a search."""

    id: str
    path: str
    title: str
    city: str | None
    person: str | None
    series_no: int | None
    score: float
    matches: int  # occurrences of the query's terms in the document
    snippets: list[str]  # the match in the middle, wrapped in 【 】
    spans: list[tuple[int, int]] = field(default_factory=list)  # cleaned-text ranges of every match
    series: str | None = None
    matched: list[dict[str, Any]] = field(default_factory=list)  # what matched where: see searcher.matched
    snippet_pages: list[int | None] = field(default_factory=list)  # the page of each snippet (None: no pages)
    date: str | None = None  # ISO publication date (ingest/dates.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "city": self.city,
            "person": self.person,
            "series_no": self.series_no,
            "score": round(self.score, 4),
            "matches": self.matches,
            "snippets": [
                {"text": s, "page": self.snippet_pages[i] if i < len(self.snippet_pages) else None}
                for i, s in enumerate(self.snippets)
            ],
            "matched": self.matched,
        }


@dataclass
class SearchResult:
    query: str
    total: int
    took_ms: float
    hits: list[Hit]
    message: str | None = None  # one-line explanation when the query was read in a special way
    partial: bool = False  # the archive's last indexing run has not finished: documents may be missing
    variants: list[Hit] = field(default_factory=list)  # documents with an OCR misreading of the query, not in hits
    variants_total: int = 0
    variants_ms: float = 0.0
    facets: dict[str, Any] | None = None  # set by clients that asked for facet counts (not in to_json)
    rowids: list[int] = field(default_factory=list, repr=False)  # every matching document (not in to_json)
    scores: dict[int, float] = field(default_factory=dict, repr=False)  # rowid -> score (not in to_json)
    make_hits: Any = field(default=None, repr=False, compare=False)  # (rowid, score) pairs -> hits, as on the page
    stories: list[Any] = field(default_factory=list)  # hits folded by version group (search/stories.py)
    stories_total: int | None = None  # stories among all matching documents (None: not folded)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "took_ms": round(self.took_ms, 3),
            "hits": [h.to_json() for h in self.hits],
        }
        if self.message:
            data["message"] = self.message
        if self.partial:
            data["partial"] = True
        data["variants_total"] = self.variants_total
        if self.stories_total is not None:
            data["stories_total"] = self.stories_total
        data["variants"] = [h.to_json() for h in self.variants]
        return data


@dataclass
class SkippedFile:
    path: str
    reason: str  # plain words, shown to the user


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    bytes: int = 0
    formats: dict[str, dict[str, int]] = field(default_factory=dict)  # family -> {"read", "ocr", "skipped"}

    def count(self, family: str, what: str) -> None:
        """One more file of a format family read, OCR'd (also read) or skipped."""
        counts = self.formats.setdefault(family, {"read": 0, "ocr": 0, "skipped": 0})
        counts[what] += 1

    def summary(self) -> str:
        """One line for the command line, in Chinese like the rest of its messages."""
        return (
            f"新增 {self.added}，更新 {self.updated}，移除 {self.removed}，"
            f"未变 {self.unchanged}，跳过 {len(self.skipped)}"
            + ("（已取消）" if self.cancelled else "")
        )


@dataclass
class IndexState:
    """Whether the archive's last indexing run finished (a crash, kill or Cancel leaves it unfinished)."""

    complete: bool
    documents: int
    expected: int
    started: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "documents": self.documents, "expected": self.expected}

    def describe(self) -> str:
        if self.complete:
            return f"已索引 {self.documents:,} 篇"
        return f"已索引 {self.documents:,} / {self.expected:,} — 未完成"


@dataclass
class CityCount:
    city: str
    count: int
