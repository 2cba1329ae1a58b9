"""Incremental indexing of folders and files into the archive store and the word index.

Unchanged files (same size and mtime, or same content hash) are skipped, changed files are
re-indexed, files gone from a scanned folder are removed. Every file that cannot be read is
recorded with a plain reason; the rest are indexed either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_module
import time
from pathlib import Path
from collections.abc import Sequence
from typing import Callable

from desktop.core.errors import UndecodableFile
from desktop.core.index.store import ArchiveStore
from desktop.core.index.versions import Versions
from desktop.core.index.word_index import WordIndex
from desktop.core.ingest.cleaning import clean, match_text
from desktop.core.ingest.formats import EXTENSIONS, Extracted, ReadContext, family_of, read_document
from desktop.core.ingest.metadata import extract
from desktop.core.ingest.publication import from_path as publication_from_path
from desktop.core.ingest.dates import choose as choose_date, from_path as date_from_path
from desktop.core.models import IndexReport, IndexState, SkippedFile

__all__ = ["EXTENSIONS", "Indexer", "collect", "index_state", "prepare"]
BATCH = 250  # documents per SQLite transaction (BIG_BATCH in a big run: fewer FTS5 merges)
BIG_BATCH = 1000
# ... or after this many seconds, whichever comes first: scans OCR'd at seconds a page become
# searchable as they arrive, not 250 pages later.
COMMIT_SECONDS = 5.0
# From this many files on, Whoosh is written by a child process of our own (word_writer), which
# cancels and exits when this process dies. (Not Whoosh's multi-process writer: its workers inherit
# the index locks and outlive a killed indexer.)
BIG_RUN = 500

NOT_REGULAR = "不是普通文件（管道、设备或套接字），不读取"

RUN_KEY = "unfinished_run"  # a setting present while a run has not finished

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def index_state(store: ArchiveStore) -> IndexState:
    """Whether the last indexing run finished; if not, how many documents it was to leave."""
    documents = store.count()
    raw = store.setting(RUN_KEY)
    if not raw:
        return IndexState(complete=True, documents=documents, expected=documents)
    try:
        run = json.loads(raw)
        expected, started = int(run.get("expected", documents)), float(run.get("started", 0.0))
    except (ValueError, TypeError, AttributeError):
        expected, started = documents, 0.0
    return IndexState(complete=False, documents=documents, expected=max(expected, documents), started=started)


def doc_id_for(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def collect(roots: list[Path], report: IndexReport) -> tuple[list[tuple[str, Path, os.stat_result]], list[Path]]:
    """Every text file under roots, as (path, root, stat), in sorted walk order (os.scandir: one
    system call per file). Also returns the roots that are folders."""
    files: list[tuple[str, Path, os.stat_result]] = []
    folders: list[Path] = []
    seen: set[str] = set()
    for root in roots:
        try:
            root_st = root.stat()
        except OSError:
            root_st = None
        if root_st is not None and not stat_module.S_ISDIR(root_st.st_mode):
            if str(root) not in seen:
                seen.add(str(root))
                if stat_module.S_ISREG(root_st.st_mode):
                    files.append((str(root), root.parent, root_st))
                else:  # a FIFO would block the read forever, a device never ends
                    report.skipped.append(SkippedFile(str(root), NOT_REGULAR))
            continue
        if root_st is None:
            report.skipped.append(SkippedFile(str(root), "路径不存在或无法访问"))
            continue
        folders.append(root)
        pending = [str(root)]
        while pending:  # depth first, each folder's files before its subfolders, names sorted
            folder = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as exc:
                report.skipped.append(SkippedFile(str(exc.filename or folder), f"无法读取文件夹（{exc.strerror or exc}）"))
                continue
            subfolders = []
            for entry in entries:
                try:
                    if entry.is_dir():  # a link to a folder is not followed
                        if not entry.is_symlink():
                            subfolders.append(entry.path)
                        continue
                except OSError:
                    pass
                name = entry.name
                if os.path.splitext(name)[1].lower() not in EXTENSIONS or name.startswith("~$"):
                    continue
                path = entry.path
                try:
                    if entry.is_symlink():
                        try:
                            Path(path).resolve(strict=True)
                        except (OSError, RuntimeError):
                            report.skipped.append(SkippedFile(path, "符号链接无效（目标不存在或形成循环）"))
                            continue
                        st = os.stat(path)
                        if stat_module.S_ISDIR(st.st_mode):
                            continue
                    else:
                        st = entry.stat()
                except OSError as exc:
                    report.skipped.append(SkippedFile(path, f"无法访问（{exc.strerror or exc}）"))
                    continue
                if not stat_module.S_ISREG(st.st_mode):  # FIFO, socket, device (or a link to one)
                    report.skipped.append(SkippedFile(path, NOT_REGULAR))
                    continue
                if path not in seen:
                    seen.add(path)
                    files.append((path, root, st))
            pending.extend(reversed(subfolders))
    return files, folders


def clean_pages(to_original: Sequence[int], pages: list[tuple[int, int]], length: int) -> list[list[int]]:
    """Page ranges of the text as read mapped into the cleaned text (each page from where its first
    surviving character landed to where the next page begins)."""
    import bisect

    starts = [bisect.bisect_left(to_original, s) for s, _ in pages]
    return [[min(s, length), min(starts[i + 1] if i + 1 < len(starts) else length, length)]
            for i, s in enumerate(starts)]


def prepare(path: Path, data_text: str, encoding: str, digest: str, st: os.stat_result, folder: Path,
            gazetteer, extracted: Extracted | None = None) -> dict:
    """Everything stored for one document, computed from its decoded text (digest and st: of the
    bytes read and of the file before reading); extracted: what a format reader found besides
    the text (pages, title and date from the file's metadata)."""
    cleaned = clean(data_text)
    meta = extract(cleaned.text, cleaned.paragraphs, gazetteer=gazetteer)
    if meta.publication is None:  # the paper named by a folder: …/南方日报/2024/…
        meta.publication = publication_from_path(str(path))
    if extracted is not None and extracted.title:
        meta.title = extracted.title
    meta.date, date_source = choose_date(
        text=meta.date, metadata=extracted.date if extracted is not None else None,
        name=date_from_path(str(path)), metadata_first=extracted is not None and extracted.format == "html")
    meta_dict = meta.to_dict()
    meta_dict["date_source"] = date_source
    if extracted is not None and extracted.format != "text":
        meta_dict["format"] = extracted.format
        if extracted.pages:
            meta_dict["pages"] = clean_pages(cleaned.to_original, extracted.pages, len(cleaned.text))
        if extracted.ocr_pages:
            meta_dict["ocr_pages"] = list(extracted.ocr_pages)
    return {
        "id": doc_id_for(str(path)),
        "path": str(path),
        "folder": str(folder),
        "size": st.st_size,
        "mtime": st.st_mtime,
        "hash": digest,
        "encoding": encoding,
        "original": data_text,
        "text": cleaned.text,
        "match": match_text(cleaned.text),
        "meta": json.dumps(meta_dict, ensure_ascii=False),
        "title": meta.title,
        "city": meta.city,
        "person": meta.person,
        "series": meta.series,
        "series_no": meta.series_no,
        "date": meta.date,
        "date_source": date_source,
        "length": len(cleaned.text),
        "indexed_at": time.time(),
        "_meta": meta_dict,
    }


class Indexer:
    def __init__(self, store: ArchiveStore, words: WordIndex, gazetteer=None, ocr_cache: Path | None = None):
        self.store = store
        self.words = words
        self.gazetteer = gazetteer
        self.read_context = ReadContext()
        self.versions = Versions(store, write=True)  # version groups (issue 14), in the store's transaction
        if ocr_cache is not None:
            from desktop.core.ingest.formats import ocr

            if ocr.available():  # the engine itself loads on the first page not in the cache
                self.read_context.ocr = ocr.Ocr(ocr.OcrCache(ocr_cache))

    def reconcile(self) -> int:
        """Make the word index hold exactly the store's documents (after a crash between commits)."""
        if self.words.doc_count() == self.store.count():
            return 0  # the usual case; a crash between the two commits changes the count
        stored = {r[1]: r for r in self.store.all_meta()}
        indexed = self.words.ids()
        missing = [d for d in stored if d not in indexed]
        extra = [d for d in indexed if d not in stored]
        if not missing and not extra:
            return 0
        writer = self.words.writer()
        try:
            self.words.delete(writer, extra)
            for doc_id in missing:
                row = self.store.document_row(doc_id)
                if row is not None:
                    WordIndex.add(writer, doc_id, row["text"], json.loads(row["meta"]))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return len(missing) + len(extra)

    def run(self, roots: list[Path], *, progress: Progress | None = None, cancel: Cancel | None = None) -> IndexReport:
        started = time.perf_counter()
        report = IndexReport()
        self.read_context.cancel = cancel
        self.reconcile()
        files, folders = collect(roots, report)
        states = self.store.file_states()
        todo: list[tuple[Path, Path, tuple | None]] = []
        for path, root, st in files:
            old = states.get(path)
            if old and old[0] == st.st_size and old[1] == st.st_mtime:
                report.unchanged += 1
                continue
            todo.append((Path(path), root, old))
        found = {p for p, _, _ in files}
        gone = [p for folder in folders for p in self.store.paths_under(str(folder)) if p not in found]
        gone += [str(r) for r in roots if not r.exists() and str(r) in states]

        total = len(todo)
        if todo:  # until this run ends, the archive says it is incomplete (a crash or kill leaves it so)
            new = sum(1 for _, _, old in todo if old is None)
            expected = self.store.count() - len(gone) + new
            self.store.set_setting(RUN_KEY, json.dumps({"expected": expected, "started": time.time(),
                                                        "roots": [str(r) for r in roots]}, ensure_ascii=False))
        writer = self.words.writer(big=len(todo) >= BIG_RUN) if (todo or gone) else None
        batch = BIG_BATCH if len(todo) >= BIG_RUN else BATCH
        done = 0
        committed = time.monotonic()
        try:
            self.store.begin()
            self.versions.backfill()  # an archive indexed before version groups existed
            for path_str in gone:
                doc_id = self.store.delete_document(path_str)
                if doc_id:
                    self.versions.remove(doc_id)
                if doc_id and writer is not None:
                    self.words.delete(writer, [doc_id])
                    report.removed += 1
            for path, root, old in todo:
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                if progress is not None:
                    progress(done, total, str(path))
                self._index_one(path, root, old, writer, report)
                done += 1
                if done % batch == 0 or time.monotonic() - committed > COMMIT_SECONDS:
                    self.versions.flush()
                    self.store.commit()
                    self.store.begin()
                    committed = time.monotonic()
            if not report.cancelled:
                self._record_skipped(roots, report)
                self.store.delete_setting(RUN_KEY)
            self.versions.flush()
            self.store.commit()
            if writer is not None:
                writer.commit()
        except BaseException:
            self.versions.discard()
            self.store.rollback()
            if writer is not None:
                writer.cancel()
            raise
        if progress is not None:
            progress(done, total, "")
        report.seconds = time.perf_counter() - started
        return report

    def _record_skipped(self, roots: list[Path], report: IndexReport) -> None:
        """The archive's list of skipped files (what the GUI shows) becomes this run's, under its roots:
        every skip it met (symlink loops and unreadable folders too), none that was fixed or deleted."""
        current = {s.path: s.reason for s in report.skipped}
        exact = {str(r) for r in roots}
        prefixes = tuple(str(r).rstrip("/\\") + os.sep for r in roots)
        for path, _ in self.store.skipped():
            if path not in current and (path in exact or path.startswith(prefixes)):
                self.store.set_skipped(path, None)
        now = time.time()
        for path, reason in current.items():
            self.store.set_skipped(path, reason, now)

    def _index_one(self, path: Path, root: Path, old: tuple | None, writer, report: IndexReport) -> None:
        try:  # size and mtime from before the read: a change made while reading shows next run
            st = path.stat()
        except OSError as exc:
            report.skipped.append(SkippedFile(str(path), f"文件在索引时被删除或更改（{exc.strerror or exc}）"))
            return
        family = family_of(path)
        try:
            extracted = read_document(path, self.read_context)
        except UndecodableFile as exc:
            reason = str(exc).split(": ", 1)[-1]
            if self.read_context.cancelled():  # the file was not read to the end: it stays as it was,
                report.cancelled = True  # and the run is unfinished, for the next one to continue
                return
            report.count(family, "skipped")
            report.skipped.append(SkippedFile(str(path), reason))
            self.store.set_skipped(str(path), reason, time.time())
            if old is not None:  # a file that became unreadable leaves the index
                doc_id = self.store.delete_document(str(path))
                if doc_id:
                    self.versions.remove(doc_id)
                    self.words.delete(writer, [doc_id])
            return
        text, encoding, data = extracted.text, extracted.encoding, extracted.data
        digest = content_hash(data)
        report.count(family, "read")
        if extracted.ocr_pages:
            report.count(family, "ocr")
        if old is not None and old[2] == digest:
            self.store.touch(str(path), st.st_size, st.st_mtime)
            report.unchanged += 1
            return
        row = prepare(path, text, encoding, digest, st, root, self.gazetteer, extracted)
        meta = row.pop("_meta")
        self.store.put_document(row)
        self.versions.update(row["id"], row["match"])
        self.store.apply_corrections_to_row(row["path"])
        fixes = self.store.corrections(row["path"])
        meta.update({k: v for k, v in fixes.items()})
        if fixes.get("date"):
            meta["date_source"] = "user"
        self.store.set_skipped(str(path), None)
        WordIndex.add(writer, row["id"], row["text"], meta, new=old is None)
        report.bytes += len(data)
        if old is None:
            report.added += 1
        else:
            report.updated += 1

