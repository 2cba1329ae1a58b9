"""Finding a bookmarked quote again in a changed text: by its context, by pieces of it, or not at all."""

from __future__ import annotations

import math
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from desktop.core.excerpts.anchoring import CONTEXT_CHARS, context_of, locate
from desktop.core.excerpts.bookmark_model import (
    DOCUMENT_QUOTE_CHARS,
    Bookmark,
    DocumentSource,
)


def locate_bookmark(text: str, bm: Bookmark) -> tuple[int, int] | None:
    """Where a passage bookmark's quote is in `text`, or None. An approximate match (the words
    differ, not just the whitespace) is accepted only where the saved context agrees with what
    surrounds it, or, for a bookmark saved without context, only near its old place: a quote
    that was replaced must become an orphan, not a similar sentence elsewhere."""
    found = locate(text, bm.quote, bm.prefix, bm.suffix, bm.start)
    if found is None:
        return None
    start, end = found
    if _squash(text[start:end]) == _squash(bm.quote):
        return found
    if not bm.prefix.strip() and not bm.suffix.strip():
        near = max(64, len(bm.quote))
        return found if bm.start is not None and abs(start - bm.start) <= near else None
    before = _squash(text[max(0, start - 2 * CONTEXT_CHARS) : start])
    after = _squash(text[end : end + 2 * CONTEXT_CHARS])
    if _context_agrees(_squash(bm.prefix)[::-1], before[::-1]) or _context_agrees(_squash(bm.suffix), after):
        return found
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def _context_agrees(saved: str, actual: str, chars: int = 12) -> bool:
    """Whether the saved context (read outwards from the quote) matches the text beside the
    match: most of its first `chars` characters, allowing an edit or a shifted boundary."""
    saved = saved[:chars]
    if not saved:
        return not actual  # the quote was at the text's start (or end), and still is
    window = actual[: len(saved) + 2]
    same = sum(b.size for b in SequenceMatcher(None, saved, window, autojunk=False).get_matching_blocks())
    return same >= max(2, math.ceil(0.6 * len(saved)))


def document_anchor(text: str) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of a whole-document bookmark: the text's opening words."""
    lead = text.lstrip()
    offset = len(text) - len(lead)
    quote = lead[:DOCUMENT_QUOTE_CHARS].rstrip()
    return quote, "", text[offset + len(quote) : offset + len(quote) + 32]


def anchor_values(text: str, start: int, end: int) -> dict[str, Any]:
    prefix, suffix = context_of(text, start, end)
    quote = text[start:end]
    return {"start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix}


def quote_pieces(quote: str, size: int = 8, count: int = 8) -> list[str]:
    """Up to `count` short pieces spread over a quote, to look up when the quote was edited:
    a piece that missed the edits still finds the document. Whitespace is never inside a piece."""
    chunks = quote.split()
    if not chunks:
        return []
    pieces = [c[s : s + size] for c in chunks if len(c) >= size for s in range(0, len(c) - size + 1, size // 2)]
    if not pieces:
        return [max(chunks, key=len)]
    if len(pieces) > count:
        pieces = [pieces[round(k * (len(pieces) - 1) / (count - 1))] for k in range(count)]
    return list(dict.fromkeys(pieces))


def reanchor_one(
    bm: Bookmark,
    text_of: Callable[[str], str | None],
    info_of: Callable[[str], dict[str, Any] | None],
    source: DocumentSource,
) -> tuple[str, dict[str, Any]] | None:
    """("unchanged" | "relocated" | "moved", columns to update), or None for an orphan."""
    text = text_of(bm.doc_id)
    if text is not None:
        values: dict[str, Any] = {}
        info = info_of(bm.doc_id)
        if info and info.get("title") and info["title"] != bm.doc_title:
            values["doc_title"] = info["title"]  # the title was corrected
        if bm.kind == "document":
            if not bm.quote:  # a bookmark from a version-1 file: keep the opening now
                values["quote"], _, values["suffix"] = document_anchor(text)
            return "unchanged", values
        if bm.start is not None and bm.end is not None and text[bm.start : bm.end] == bm.quote:
            if not bm.prefix and not bm.suffix:  # from a version-1 file: add the context
                values.update(anchor_values(text, bm.start, bm.end))
            return "unchanged", values
        found = locate_bookmark(text, bm)
        if found is None:
            return None
        values.update(anchor_values(text, *found))
        return "relocated", values

    # The document is gone: was its file moved or renamed (same text, another id)?
    target = find_elsewhere(bm, text_of, source)
    if target is None:
        return None
    doc_id, found = target
    info = info_of(doc_id) or {}
    values = {
        "doc_id": doc_id,
        "doc_path": info.get("path") or bm.doc_path,
        "doc_title": info.get("title") or bm.doc_title,
    }
    if not bm.city and info.get("city"):
        values["city"] = info["city"]
    if bm.kind == "passage" and found is not None:
        values.update(anchor_values(text_of(doc_id) or "", *found))
    return "moved", values

def find_elsewhere(
    bm: Bookmark,
    text_of: Callable[[str], str | None],
    source: DocumentSource,
) -> tuple[str, tuple[int, int] | None] | None:
    """The one document that now holds the bookmark's quote, with the quote's range there."""
    if not bm.quote.strip():
        return None
    candidates = [d for d in source.find_documents_with(bm.quote) if d != bm.doc_id]
    if len(candidates) > 1:
        # Several documents hold the quote: keep those that also hold its context.
        near = bm.prefix[-16:] + bm.quote + bm.suffix[:16]
        for context in (near, bm.prefix + bm.quote + bm.suffix):
            narrowed = [d for d in source.find_documents_with(context) if d in candidates]
            if len(narrowed) == 1:
                candidates = narrowed
                break
    if not candidates:
        # Moved and edited: look up a few pieces of the quote, then check each document.
        pieces = quote_pieces(bm.quote)
        seen: list[str] = []
        for piece in pieces:
            for d in source.find_documents_with(piece):
                if d != bm.doc_id and d not in seen:
                    seen.append(d)
        candidates = seen[:10]
    fits: list[tuple[str, tuple[int, int] | None]] = []
    for doc_id in candidates:
        text = text_of(doc_id)
        if text is None:
            continue
        if bm.kind == "document":
            if bm.quote in text:
                fits.append((doc_id, None))
            continue
        found = locate_bookmark(text, bm)
        if found is not None:
            fits.append((doc_id, found))
    if len(fits) == 1:
        return fits[0]
    return None
