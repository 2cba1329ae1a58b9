"""ArchiveService: the one entry point clients use (GUI, CLI, benchmarks, tests).

It owns the data directory: `archive.sqlite` (documents, bigram index, corrections),
`words/` (the Whoosh index) and `bookmarks.sqlite`. Only one process indexes at a time
(an OS file lock, released by the kernel if the process dies); any number search.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from desktop.core import paths
from desktop.core.errors import DocumentNotFound, IndexBusy, UserInputError

# The clients' way to the excerpt model and the exporters (the GUI and CLI import only this module,
# models, errors and paths from desktop.core).
from desktop.core.excerpts.export import CITATION_STYLES  # noqa: E402,F401
from desktop.core.excerpts.export import FORMATS as EXPORT_FORMATS  # noqa: E402,F401
from desktop.core.excerpts.export import Excerpt, excerpts_from_bookmarks, excerpts_from_hits, export  # noqa: E402,F401
from desktop.core.index import segmenter
from desktop.core.index.indexer import RUN_KEY, Cancel, Indexer, Progress, index_state
from desktop.core.index.store import ArchiveStore
from desktop.core.index.versions import Versions
from desktop.core.index.word_index import WordIndex
from desktop.core.ingest.cleaning import clean, match_offsets
from desktop.core.models import CityCount, Document, DocumentMeta, IndexReport, IndexState, SearchResult, SkippedFile, page_at
from desktop.core.search.searcher import Searcher
from desktop.core.search.snippets import find_spans
from desktop.core.service_corrections import CORRECTABLE  # noqa: F401
from desktop.core.service_corrections import CorrectionsMixin
from desktop.core.service_exports import ExportsMixin, diff_texts  # noqa: F401
from desktop.core.service_writes import index_lock, writes

OCR_CACHE = "ocr_cache.sqlite"  # recognised page texts by content hash, kept across re-scans


def versions() -> dict[str, str]:
    """The versions of the app and of the engine's parts (for the About dialog and bug reports)."""
    import platform
    import sqlite3
    from importlib import metadata

    import desktop

    out = {"Archive Browser": desktop.__version__, "Python": platform.python_version(),
           "SQLite": sqlite3.sqlite_version}
    for name in ("whoosh3", "jieba", "rjieba", "opencc", "numpy", "python-docx", "fpdf2"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def warm_up() -> None:
    """Load the segmenter's dictionary ahead of the first query (the GUI calls this off its thread)."""
    segmenter.warm_up()


class ArchiveService(CorrectionsMixin, ExportsMixin):
    """The facade; its corrections and its exports live in service_corrections.py and service_exports.py."""

    @writes
    def __init__(self, data_dir: str | os.PathLike | None = None):
        self.data_dir = paths.data_dir(data_dir)
        # Two processes creating a new archive at the same instant must not race (WAL switch, Whoosh create).
        fd = os.open(self.data_dir / "open.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self.store = ArchiveStore(self.data_dir / "archive.sqlite")
            self.words, self.words_rebuilt = WordIndex.open_or_rebuild(self.data_dir / "words")
        finally:
            os.close(fd)
        self._gazetteer = None
        self._gazetteer_lock = threading.Lock()
        self.searcher = Searcher(self.store, self.words, lambda: self.gazetteer)
        self._bookmarks = None

    # ---- parts loaded on demand ----

    @property
    def gazetteer(self):
        with self._gazetteer_lock:
            if self._gazetteer is None:
                try:
                    from desktop.core.ingest.gazetteer import Gazetteer

                    self._gazetteer = Gazetteer.load()
                except Exception:
                    self._gazetteer = False
            return self._gazetteer or None

    @property
    def bookmarks(self):
        if self._bookmarks is None:
            from desktop.core.excerpts.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore(self.data_dir / "bookmarks.sqlite", city_check=self.city_name)
        return self._bookmarks

    def close(self) -> None:
        self.words.close()
        self.store.close()
        if self._bookmarks is not None:
            self._bookmarks.close()

    # ---- indexing ----

    @writes
    def index(
        self,
        sources: list[str | os.PathLike] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        wait: float = 0.0,
    ) -> IndexReport:
        """Add sources (folders or files) and index them; with none, re-scan the known ones."""
        if sources:
            roots = []
            for src in sources:
                p = Path(src).expanduser()
                if not p.exists():
                    raise UserInputError(f"路径不存在: {src}")
                roots.append(p.resolve())
        else:
            roots = [Path(p) for p in self.store.folders()]
        with index_lock(self.data_dir, wait):
            now = time.time()
            if sources:
                self.store.begin()
                for r in roots:
                    self.store.add_folder(str(r), now)
                self.store.commit()
            report = Indexer(self.store, self.words, self.gazetteer, ocr_cache=self.data_dir / OCR_CACHE).run(
                roots, progress=progress, cancel=cancel)
        self.searcher.invalidate()
        if report.added or report.updated or report.removed:
            self.reanchor_bookmarks()
        return report

    def ensure_seeded(self, *, progress: Progress | None = None, cancel: Cancel | None = None) -> IndexReport | None:
        """On first use with an empty archive, index the bundled seeds."""
        if self.store.count() or self.store.folders() or self.store.setting("seeded"):
            return None
        if not paths.SEEDS_DIR.is_dir():
            return None
        try:
            report = self.index([paths.SEEDS_DIR], progress=progress, cancel=cancel, wait=30)
        except IndexBusy:
            return None
        self.mark_seeded()
        return report

    def is_seeded(self) -> bool:
        return bool(self.store.setting("seeded"))

    @writes
    def mark_seeded(self) -> None:
        """Remember that the bundled seeds were offered once (removing them later is respected)."""
        self.store.set_setting("seeded", "1")

    @writes
    def remove_source(self, source: str) -> IndexReport:
        with index_lock(self.data_dir, 5):
            self.store.begin()
            self.store.remove_folder(source)
            self.store.commit()
            report = IndexReport()
            gone = self.store.paths_under(source) or ([source] if self.store.document_row(source) else [])
            writer = self.words.writer()
            versions = Versions(self.store, write=True)
            self.store.begin()
            for p in gone:
                doc_id = self.store.delete_document(p)
                if doc_id:
                    versions.remove(doc_id)
                    self.words.delete(writer, [doc_id])
                    report.removed += 1
            self.store.commit()
            writer.commit()
        self.searcher.invalidate()
        return report

    def sources(self) -> list[str]:
        return self.store.folders()

    def index_state(self) -> IndexState:
        """Whether the last indexing run finished; an unfinished one is continued by `index()` with no paths."""
        return index_state(self.store)

    def skipped(self) -> list[SkippedFile]:
        return [SkippedFile(p, r) for p, r in self.store.skipped()]

    # ---- reading ----

    def document(self, key: str) -> Document:
        row = self.store.document_row(key)
        if row is None and key:
            p = Path(key).expanduser()
            if p.exists():
                row = self.store.document_row(str(p.resolve()))
        if row is None:
            raise DocumentNotFound(f"找不到文档: {key}")
        raw_meta = json.loads(row["meta"])
        meta = DocumentMeta.from_dict(raw_meta)
        cleaned = clean(row["original"])
        return Document(
            id=row["id"],
            path=row["path"],
            encoding=row["encoding"],
            text=row["text"],
            original=row["original"],
            meta=meta,
            to_original=cleaned.to_original if cleaned.text == row["text"] else [],
            corrected=sorted(self.store.corrections(row["path"])),
            format=raw_meta.get("format", "text"),
            pages=[(int(s), int(e)) for s, e in raw_meta.get("pages") or []],
            ocr_pages=list(raw_meta.get("ocr_pages") or []),
        )

    # ---- pages (PDF, EPUB, DOCX with page breaks, scans) ----

    def page_of(self, doc_id: str, offset: int) -> int | None:
        """The 1-based page holding a cleaned-text offset of a document (None: it has no pages)."""
        row = self.store.document_row(doc_id)
        if row is None:
            return None
        return page_at(json.loads(row["meta"]).get("pages") or [], offset)

    def page_image(self, key: str, page: int, max_side: int = 1600) -> bytes | None:
        """Page `page` (1-based) of a PDF or scanned image as PNG bytes, its longer side about
        max_side pixels, for showing beside its text; None for other formats or when the file is
        gone or unreadable now."""
        import io

        doc = self.document(key)
        if doc.format not in ("pdf", "image") or not 1 <= page <= max(1, len(doc.pages)):
            return None
        try:
            data = Path(doc.path).read_bytes()
            if doc.format == "pdf":
                from desktop.core.ingest.formats.pdf import render_page

                image = render_page(data, page, max_side)
            else:
                from desktop.core.ingest.formats.image import page_image

                image = page_image(data, page, max_side)
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue()
        except Exception:
            return None

    def documents(self) -> list[dict[str, Any]]:
        return [
            {"id": r.id, "path": r.path, "title": r.title, "city": r.city, "person": r.person,
             "series": r.series, "series_no": r.series_no}
            for r in sorted(self.searcher.meta().values(), key=lambda r: r.path)
        ]

    def cities(self) -> list[CityCount]:
        counts = Counter(r.city for r in self.searcher.meta().values() if r.city)
        return [CityCount(c, n) for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def facet(self, field: str) -> list[tuple[str, int]]:
        counts = Counter(getattr(r, field) for r in self.searcher.meta().values()
                         if getattr(r, field) and (field != "series" or r.series_no is not None))
        return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))

    def stats(self) -> dict[str, Any]:
        meta = self.searcher.meta()
        return {
            "documents": len(meta),
            "cities": len({r.city for r in meta.values() if r.city}),
            "sources": len(self.store.folders()),
            "skipped": len(self.store.skipped()),
            "data_dir": str(self.data_dir),
            "index": self.index_state().to_json(),
        }

    # ---- search ----

    def timeline(self, query: str, *, by: str = "auto", city: str | None = None) -> dict[str, Any]:
        """Matching articles per month or year, exact (search/timeline.py)."""
        from desktop.core.search.timeline import timeline

        if by not in ("auto", "month", "year"):
            raise UserInputError(f"按月（month）或按年（year）统计，不是: {by}")
        return timeline(self.searcher, query, by=by, city=city)

    def search(self, query: str, **options: Any) -> SearchResult:
        result = self.searcher.search(query, **options)
        result.partial = self.store.setting(RUN_KEY) is not None
        from desktop.core.search import stories  # version groups folded into stories (issue 14)

        stories.apply(result, self.store)
        return result

    def facet_counts(self, query: str, **filters: Any) -> dict[str, Any]:
        """City, person and series counts among the query's matches (see Searcher.facet_counts)."""
        return self.searcher.facet_counts(query, **filters)

    def concordance(self, query: str, *, width: int = 30, sort: str = "right", city: str | None = None):
        """Every hit of the query in every matching document (search/concordance.py): a lazy row
        source with total, rows(lo, hi), by_city(), by_month(), sort_by(key)."""
        from desktop.core.search.concordance import SORTS, Concordance

        if sort not in SORTS:
            raise UserInputError(f"排序方式只能是: {', '.join(SORTS)}")
        return Concordance(self.searcher, query, width=width, sort=sort, city=city)

    def spans_in(self, doc: Document, query: str) -> list[tuple[int, int]]:
        """Where the query's terms occur in a document's cleaned text (for highlighting)."""
        from desktop.core.search.query import parse, positive_terms

        parsed = parse(query)
        terms = positive_terms(parsed.root)
        if parsed.joined:
            terms = [parsed.joined] + terms
        from desktop.core.ingest.cleaning import match_text

        return find_spans(doc.text, match_text(doc.text), terms, match_offsets(doc.text))

    # ---- the DocumentSource protocol used by bookmarks ----

    def document_text(self, doc_id: str) -> str | None:
        row = self.store.document_row(doc_id)
        return row["text"] if row is not None else None

    def find_documents_with(self, text: str) -> list[str]:
        from desktop.core.ingest.cleaning import match_text

        term = match_text(text)
        if not term:
            return []
        meta = self.searcher.meta()
        return [meta[r].id for r in self.searcher.rows_containing(term) if r in meta]

    def document_info(self, doc_id: str) -> dict | None:
        row = self.store.document_row(doc_id)
        if row is None:
            return None
        return {"path": row["path"], "title": row["title"], "city": row["city"], "person": row["person"]}

    def versions(self) -> list[dict]:
        """All version groups (issue 14): member ids and paths, pairwise similarity."""
        from desktop.core.index.versions import groups_json

        return groups_json(self.store)

    def document_versions(self, doc_id: str) -> list[dict]:
        """The other versions of a document: id, path, similarity."""
        from desktop.core.index.versions import partners_json

        return partners_json(self.store, doc_id)

    def reanchor_bookmarks(self):
        if not (self.data_dir / "bookmarks.sqlite").exists():
            return None
        return self.bookmarks.reanchor(self)

