"""The one excerpt model every format writes: a quoted passage with its citation, from bookmarks or hits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.models import Document, Hit, display_date

_CIRCLED = {n: chr(0x2460 + n - 1) for n in range(1, 21)}  # ① .. ⑳


@dataclass
class Excerpt:
    """One quoted passage with everything needed to cite it."""

    text: str
    title: str
    person: str | None = None
    city: str | None = None
    series: str | None = None
    series_no: int | None = None
    section: str | None = None  # the section's label and subtitle: "谈体会 锚定“走在前列”…"
    path: str = ""
    date: str | None = None
    note: str = ""
    doc_id: str = ""
    start: int | None = None
    end: int | None = None
    page: int | None = None  # the 1-based page of the passage (PDF, EPUB, scans); None without pages
    publication: str | None = None  # the paper: "南方日报"
    edition: str | None = None  # its printed page (版次): "A05"
    reporters: list[str] = field(default_factory=list)  # the article's authors
    # how the export shows it: "plain" or "gbt7714" citations; the file's full path or only its name
    citation_style: str = "plain"
    full_path: bool = False
    tags: list[str] = field(default_factory=list)
    orphan: bool = False  # the passage is no longer in its document; `text` is the saved quote

    def series_label(self) -> str | None:
        """The series and its number: "工会主席访谈⑬ (No. 13)", "工会主席访谈", or None."""
        if not self.series and self.series_no is None:
            return None
        name = self.series or ""
        if self.series_no is None:
            return name
        circled = _CIRCLED.get(self.series_no)
        if circled:
            return f"{name}{circled} (No. {self.series_no})"
        return f"{name} No. {self.series_no}".strip()

    def citation(self, style: str | None = None) -> str:
        """One line. plain: 《title》，person，publication，date，第 A05 版，第 N 页，city，series，section;
        gbt7714: the GB/T 7714-2015 newspaper form, 作者. 题名[N]. 报纸名, 2024-12-29(版次)."""
        if (style or self.citation_style) == "gbt7714":
            return self.citation_gbt7714()
        parts = [f"《{self.title}》" if self.title else self.file_name()]
        parts += [p for p in (self.person, self.publication) if p]
        if self.date:
            parts.append(display_date(self.date) or self.date)
        if self.edition:
            parts.append(f"第 {self.edition} 版")
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        parts += [p for p in (self.city, self.series_label(), self.section) if p]
        return "，".join(p for p in parts if p)

    def citation_gbt7714(self) -> str:
        """作者. 题名[N]. 报纸名, 2024-12-29(版次). Parts not known are left out, never invented."""
        out = []
        if self.reporters:
            out.append("，".join(self.reporters) + ". ")
        out.append(f"{self.title or self.file_name()}[N]")
        if self.publication:
            out.append(f". {self.publication}")
            if self.date:
                out.append(f", {self.date}")
            if self.edition or self.page is not None:
                out.append(f"({self.edition or self.page})")
        elif self.date:
            out.append(f". {self.date}")
        out.append(".")
        return "".join(out)

    def file_name(self) -> str:
        return Path(self.path).name

    def source(self) -> str:
        """Where the text came from: the file's name (its full path only when asked for)."""
        return self.path if self.full_path else self.file_name()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = self.source()  # the file's name unless full paths were asked for
        del data["citation_style"], data["full_path"]
        data["series_label"] = self.series_label()
        data["citation"] = self.citation()
        return data


# -- building excerpts ----------------------------------------------------------------------------


def excerpts_from_bookmarks(
    bookmarks: Iterable[Any],
    source_docs: Callable[[str], Document | None],
    *,
    full_documents: bool = True,
) -> list[Excerpt]:
    """One excerpt per bookmark (`desktop.core.excerpts.bookmarks.Bookmark`), in the given order.

    A whole-document bookmark exports the document's text (or, with full_documents=False, its
    opening paragraph). An orphan, or a bookmark whose document is gone, exports its saved quote.
    """
    out: list[Excerpt] = []
    for bm in bookmarks:
        doc = source_docs(bm.doc_id)
        orphan = bm.status == "orphan"
        start, end = bm.start, bm.end
        if bm.kind == "document":
            if doc is not None:
                text = doc.text.strip() if full_documents else _lead(doc.text)
                start, end = 0, len(doc.text)
            else:
                text = bm.quote
        elif doc is not None and not orphan and start is not None and end is not None:
            text = doc.text[start:end]
        else:
            text = bm.quote
        section = None
        page = getattr(bm, "page", None)
        if doc is not None and not orphan and bm.kind == "passage" and start is not None:
            section = _section_label(doc, start)
            page = doc.page_at(start) if doc.pages else page
        meta = doc.meta if doc is not None else None
        out.append(
            Excerpt(
                text=text.strip(),
                title=(meta.title if meta and meta.title else bm.doc_title),
                person=meta.person if meta else None,
                city=bm.city,
                series=meta.series if meta else None,
                series_no=meta.series_no if meta else None,
                section=section,
                path=doc.path if doc is not None else bm.doc_path,
                date=meta.date if meta else None,
                publication=meta.publication if meta else None,
                edition=meta.edition if meta else None,
                reporters=list(meta.reporters) if meta else [],
                note=bm.note,
                doc_id=bm.doc_id,
                start=None if bm.kind == "document" else start,
                end=None if bm.kind == "document" else end,
                page=None if bm.kind == "document" else page,
                tags=list(bm.tags),
                orphan=orphan,
            )
        )
    return out


def excerpts_from_hits(
    hits: Sequence[Hit], docs: Callable[[str], Document | None], *, per_doc: int = 3
) -> list[Excerpt]:
    """For each hit, the sentences around its first few matches (`hit.spans`), merged where they
    overlap; a hit whose document cannot be read gives its snippets instead."""
    out: list[Excerpt] = []
    for hit in hits:
        doc = docs(hit.id)
        if doc is None:
            for i, snippet in enumerate(hit.snippets[:per_doc]):
                out.append(
                    Excerpt(
                        text=snippet,
                        title=hit.title,
                        person=hit.person,
                        city=hit.city,
                        series=hit.series,
                        series_no=hit.series_no,
                        path=hit.path,
                        doc_id=hit.id,
                        page=hit.snippet_pages[i] if i < len(hit.snippet_pages) else None,
                    )
                )
            continue
        ranges: list[tuple[int, int]] = []
        for s, e in sorted(hit.spans):
            if len(ranges) >= per_doc and s >= ranges[-1][1]:
                break
            ps, pe = passage_around(doc.text, s, e)
            if ranges and ps < ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], pe))
            else:
                ranges.append((ps, pe))
        for ps, pe in ranges[:per_doc]:
            out.append(
                Excerpt(
                    text=doc.text[ps:pe],
                    title=doc.meta.title or hit.title,
                    person=doc.meta.person or hit.person,
                    city=hit.city or doc.meta.city,
                    series=doc.meta.series or hit.series,
                    series_no=doc.meta.series_no if doc.meta.series_no is not None else hit.series_no,
                    section=_section_label(doc, ps),
                    path=doc.path,
                    date=doc.meta.date,
                    publication=doc.meta.publication,
                    edition=doc.meta.edition,
                    reporters=list(doc.meta.reporters),
                    doc_id=doc.id,
                    start=ps,
                    end=pe,
                    page=doc.page_at(ps),
                )
            )
    return out


_SENTENCE_ENDS = "。！？!?；;\n"
_CLOSERS = "”’」』）)】》\"'"


def passage_around(text: str, start: int, end: int, max_chars: int = 240) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end], cut to about max_chars around it."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    while s < start and text[s] in _CLOSERS:
        s += 1
    e = end
    if not (e > start and text[e - 1] in _SENTENCE_ENDS):
        ends = [i for i in (text.find(ch, end) for ch in _SENTENCE_ENDS) if i >= 0]
        e = min(ends) + 1 if ends else len(text)
    while e < len(text) and text[e] in _CLOSERS:
        e += 1
    if e - s > max_chars:
        half = max(0, (max_chars - (end - start)) // 2)
        s = max(s, start - half)
        e = min(e, end + half)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


def _lead(text: str, max_chars: int = 300) -> str:
    """The opening paragraph of a document's body, cut at a sentence end near max_chars."""
    paragraphs = [p.strip() for p in text.split("\n") if len(p.strip()) >= 40]
    lead = paragraphs[0] if paragraphs else text.strip()
    if len(lead) <= max_chars:
        return lead
    cut = max(lead.rfind(ch, 0, max_chars) for ch in "。！？!?；")
    return lead[: cut + 1] if cut >= max_chars // 3 else lead[:max_chars]


def _section_label(doc: Document, offset: int) -> str | None:
    section = doc.section_at(offset)
    if section is None:
        return None
    return " ".join(p for p in (section.label, section.subtitle) if p) or None


def group_by_city(
    excerpts: Iterable[Excerpt], city_order: Sequence[str] | None = None
) -> list[tuple[str, list[Excerpt]]]:
    """(city, excerpts) in the user's city order, then the other cities as they first appear,
    then the excerpts with no city under ""."""
    groups: dict[str, list[Excerpt]] = {}
    for ex in excerpts:
        groups.setdefault((ex.city or "").strip(), []).append(ex)
    order = [c for c in dict.fromkeys(city_order or ()) if c in groups and c]
    order += [c for c in groups if c and c not in order]
    if "" in groups:
        order.append("")
    return [(c, groups[c]) for c in order]
