"""Offline OCR of page images: RapidOCR (PP-OCRv4 Chinese models shipped inside the
rapidocr-onnxruntime wheel; nothing is downloaded), with ONNX Runtime's threads capped.

Results are cached in the data folder by content hash ("<file hash>:<page>"), so a re-scan never
recognises an unchanged page again. Recognised lines are put back into paragraphs by their
geometry (a line that runs to the right margin continues on the next); the indexer's cleaning
step then repairs the text like any other OCR output.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

ENGINE = "rapidocr-onnxruntime 1.4.4 PP-OCRv4 ch, use_cls=False"
MAX_SIDE = 2400  # the engine shrinks larger images to this before detection


def available() -> bool:
    """Whether the OCR engine is installed (checked without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("rapidocr_onnxruntime") is not None and \
            importlib.util.find_spec("onnxruntime") is not None
    except (ImportError, ValueError):
        return False


def default_threads() -> int:
    """ONNX Runtime threads: OCR_THREADS if set, else half the cores (at least one)."""
    try:
        return max(1, int(os.environ.get("OCR_THREADS", "")))
    except ValueError:
        return max(1, (os.cpu_count() or 2) // 2)


class OcrCache:
    """key -> recognised text, in one SQLite file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None  # opened on first use
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS ocr (key TEXT PRIMARY KEY, engine TEXT NOT NULL, text TEXT NOT NULL,"
                " seconds REAL NOT NULL, at REAL NOT NULL)"
            )
        return self._db

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._conn().execute("SELECT text FROM ocr WHERE key=? AND engine=?", (key, ENGINE)).fetchone()
        return row[0] if row else None

    def put(self, key: str, text: str, seconds: float) -> None:
        with self._lock:
            self._conn().execute("INSERT OR REPLACE INTO ocr VALUES (?, ?, ?, ?, ?)",
                                 (key, ENGINE, text, seconds, time.time()))

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


class Ocr:
    """The recognizer, created on the first page that is not in the cache."""

    def __init__(self, cache: OcrCache | None = None, threads: int | None = None):
        self.cache = cache
        self.threads = threads or default_threads()
        self._engine: Any = None
        self._lock = threading.Lock()
        self.recognised = 0  # pages recognised (not from the cache) by this object
        self.seconds = 0.0

    def _get_engine(self):
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            self._engine = RapidOCR(
                use_cls=False, print_verbose=False, max_side_len=MAX_SIDE,
                intra_op_num_threads=self.threads, inter_op_num_threads=1,
            )
        return self._engine

    def recognize(self, image, key: str | None = None) -> str:
        """The text of a PIL image (cached under key when given)."""
        if key is not None and self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        import numpy as np

        started = time.perf_counter()
        rgb = np.asarray(image.convert("RGB"))[:, :, ::-1].copy()  # BGR, as OpenCV loads images
        with self._lock:
            result, _ = self._get_engine()(rgb, use_cls=False)
        text = lines_to_text(result or [])
        seconds = time.perf_counter() - started
        self.recognised += 1
        self.seconds += seconds
        if key is not None and self.cache is not None:
            self.cache.put(key, text, seconds)
        return text

    def recognize_pdf_page(self, page, key: str, dpi: int) -> str:
        """Render a pypdfium2 page at dpi and recognise it (cached under key)."""
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        image = page.render(scale=dpi / 72).to_pil()
        return self.recognize(image, key)


WIDE = 1.8  # a line this many times the median line width spans columns (a headline): a band of its own


def lines_to_text(result: list) -> str:
    """Recognised lines ([box, text, score], top to bottom) joined into paragraphs, column by column:
    a line that reaches the right margin of its column continues on the next one, others end a
    paragraph. Columns are the groups of lines whose horizontal extents overlap, read left to right
    within each band between lines that span columns (headlines), bands top to bottom."""
    lines = []
    for box, text, _score in result:
        text = (text or "").strip()
        if not text:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        lines.append((min(xs), max(xs), min(ys), max(ys), text))
    if not lines:
        return ""
    out: list[str] = []
    bands = reading_order(lines)
    columns = [(b, col) for b, band in enumerate(bands) for col in band]
    flat = [line for _, col in columns for line in col]
    margins = [(min(l[0] for l in col), max(l[1] for l in col)) for _, col in columns]
    where = [i for i, (_, col) in enumerate(columns) for _ in col]
    for i, (x0, x1, y0, y1, text) in enumerate(flat):
        out.append(text)
        if i + 1 == len(flat):
            break
        height = max(1.0, y1 - y0)
        nxt, here, there = flat[i + 1], where[i], where[i + 1]
        same_row = here == there and nxt[2] < y1 - height / 2  # a second box on the same line
        full = x1 >= margins[here][1] - 1.5 * height
        indented = nxt[0] > margins[there][0] + 1.5 * height
        same_band = columns[here][0] == columns[there][0]  # a headline never runs on into the text
        if same_row:
            out.append(" ")
        elif not (same_band and full and not indented and text[-1:] not in "。！？!?；;：:"):
            out.append("\n")
    return "".join(out)


def reading_order(lines: list[tuple]) -> list[list[list[tuple]]]:
    """Lines (x0, x1, y0, y1, text), top to bottom, as bands (top to bottom) of columns (left to
    right) of lines."""
    widths = sorted(l[1] - l[0] for l in lines)
    median = widths[len(widths) // 2]
    bands: list[list[list[tuple]]] = []
    band: list[tuple] = []
    for line in lines:
        if len(lines) >= 4 and line[1] - line[0] > WIDE * median:
            bands += [_split_columns(band), [[line]]] if band else [[[line]]]
            band = []
        else:
            band.append(line)
    if band:
        bands.append(_split_columns(band))
    return bands


def _split_columns(band: list[tuple]) -> list[list[tuple]]:
    """A band's lines grouped by overlapping horizontal extent, groups left to right, each in the
    lines' own (top to bottom) order."""
    if not band:
        return []
    order = sorted(range(len(band)), key=lambda i: band[i][0])
    groups: list[list[int]] = []
    reach = None
    for i in order:
        x0, x1 = band[i][0], band[i][1]
        if reach is None or x0 >= reach:
            groups.append([i])
            reach = x1
        else:
            groups[-1].append(i)
            reach = max(reach, x1)
    return [[band[i] for i in sorted(g)] for g in groups]
