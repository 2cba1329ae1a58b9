"""What every format reader shares: the result it returns, the limits it keeps, and small helpers.

A reader returns an `Extracted`: the document's text as read (pages joined by blank lines), the
page ranges in that text, the raw bytes (for the content hash) and what the file's own metadata
says (title, date). A file that cannot be read raises `UndecodableFile` with a plain reason.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from desktop.core.errors import UndecodableFile

PAGE_SEPARATOR = "\n\n"


@dataclass
class Limits:
    """Bounds that keep one bad file from taking the indexer's time or memory."""

    max_file_bytes: int = 200 * 1024 * 1024  # any binary format
    max_html_bytes: int = 64 * 1024 * 1024  # a saved web page (inline images and scripts included)
    max_html_chars: int = 8 * 1024 * 1024  # its markup once scripts, styles and inline data are cut
    max_zip_member_bytes: int = 64 * 1024 * 1024  # one part of a DOCX/EPUB, uncompressed
    max_zip_total_bytes: int = 128 * 1024 * 1024  # all parts, uncompressed
    max_zip_members: int = 10_000
    max_pdf_pages: int = 5_000  # pages read from one PDF
    max_ocr_pages: int = 200  # pages without a text layer recognised in one file
    max_image_pixels: int = 60_000_000  # about 7700 x 7700: a newspaper page at 300 dpi fits
    max_text_chars: int = 20_000_000  # characters kept from one document


@dataclass
class ReadContext:
    """What a reader may use besides the file: limits, a cancel flag, the OCR engine (or None)."""

    limits: Limits = field(default_factory=Limits)
    cancel: Callable[[], bool] | None = None
    ocr: Any = None  # desktop.core.ingest.formats.ocr.Ocr, created by the indexer on first need

    def cancelled(self) -> bool:
        return bool(self.cancel is not None and self.cancel())


@dataclass
class Extracted:
    text: str  # the text as read, pages joined by PAGE_SEPARATOR
    data: bytes  # the file's bytes (the content hash is taken of them)
    encoding: str  # a text encoding ("utf-8", "gb18030") or the format read ("pdf", "docx", ...)
    format: str  # the reader's family: text, pdf, docx, html, epub, image
    pages: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in text; empty: no pages
    title: str | None = None  # from the file's own metadata
    date: str | None = None  # ISO date from the file's own metadata
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages recognised by OCR
    notes: list[str] = field(default_factory=list)  # what was left out (pages past a limit ...)


def skip(path: Path, reason: str) -> UndecodableFile:
    """The error a reader raises: the indexer records the reason after the file name."""
    return UndecodableFile(f"{path.name}: {reason}")


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, or a plain reason why not (missing, unreadable, too large, empty)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise skip(path, f"文件过大（{size / 1048576:.0f} MB，上限 {limit // 1048576} MB），已跳过")
        with open(path, "rb") as f:  # (read(n) allocates n bytes first: ask for what the file has)
            data = f.read(min(size, limit) + 1)
            if len(data) > size and len(data) <= limit:  # grew since stat: read the rest, bounded
                data += f.read(limit + 1 - len(data))
    except PermissionError as exc:
        raise skip(path, "没有读取权限") from exc
    except FileNotFoundError as exc:
        raise skip(path, "文件在读取前被删除或移动") from exc
    except IsADirectoryError as exc:
        raise skip(path, "这是文件夹，不是文件") from exc
    except OSError as exc:
        raise skip(path, f"无法读取（{exc.strerror or exc}）") from exc
    if len(data) > limit:
        raise skip(path, f"文件过大（上限 {limit // 1048576} MB），已跳过")
    if not data.strip():
        raise skip(path, "空文件")
    return data


def join_pages(pages: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Pages joined by a blank line, with each page's [start, end) in the joined text."""
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    pos = 0
    for i, page in enumerate(pages):
        if i:
            parts.append(PAGE_SEPARATOR)
            pos += len(PAGE_SEPARATOR)
        parts.append(page)
        ranges.append((pos, pos + len(page)))
        pos += len(page)
    return "".join(parts), ranges


# Kangxi radicals, CJK radicals supplement and compatibility ideographs, as some PDF fonts emit
# them: NFKC maps them to the unified characters users type. Nothing else is changed (full-width
# punctuation stays as printed).
_COMPAT = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_RADICALS_SUPPLEMENT = {  # the supplement has no NFKC mapping; the common simplified forms
    "\u2ec5": "见", "\u2ed4": "贝", "\u2ee2": "车", "\u2ee9": "黄", "\u2ea0": "民",
    "\u2ecf": "阝", "\u2ed6": "阝", "\u2ec4": "西", "\u2ee0": "飞", "\u2ee8": "麦",
}


def fold_compat(text: str) -> str:
    """Kangxi radicals and compatibility ideographs -> the unified characters (NFKC on those only)."""
    if not _COMPAT.search(text):
        return text

    def one(m: re.Match) -> str:
        ch = m.group()
        if ch in _RADICALS_SUPPLEMENT:
            return _RADICALS_SUPPLEMENT[ch]
        n = unicodedata.normalize("NFKC", ch)
        return n if len(n) == 1 else ch

    return _COMPAT.sub(one, text)


_SPACE_RUNS = re.compile(r"[ \t\u00a0\u3000]+\n")
_BLANKS = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Trailing spaces and runs of blank lines removed; form feeds become line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\x00", "")
    text = _SPACE_RUNS.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip()


def open_zip(path: Path, data: bytes, limits: Limits, what: str) -> zipfile.ZipFile:
    """A ZIP container (DOCX, EPUB) checked before anything is decompressed: a truncated or
    corrupt file, or one whose parts would unpack beyond the limits (a zip bomb), is refused.
    zipfile stops every part at its declared size, so the declared sizes bound the memory."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise skip(path, f"文件已损坏或不完整（不是有效的 {what} 文件），已跳过") from exc
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise skip(path, f"{what} 文件包含的部件过多（{len(infos)} 个），疑似恶意文件，已跳过")
    total = 0
    for info in infos:
        if info.file_size > limits.max_zip_member_bytes:
            raise skip(path, f"{what} 文件中的部件解压后过大（{info.file_size // 1048576} MB），疑似压缩炸弹，已跳过")
        total += info.file_size
    if total > limits.max_zip_total_bytes:
        raise skip(path, f"{what} 文件解压后过大（{total // 1048576} MB），疑似压缩炸弹，已跳过")
    return zf


def zip_member(path: Path, zf: zipfile.ZipFile, name: str, what: str, limits: Limits | None = None) -> bytes:
    """One part of a checked ZIP container, or a plain reason (missing, corrupt). Read in chunks:
    `ZipFile.read` inflates a whole part in one call, however large it really is; here no more than
    the declared size (and the part limit) is ever inflated, and a part that lies fails its CRC."""
    limit = (limits or Limits()).max_zip_member_bytes
    try:
        info = zf.getinfo(name)
        chunks: list[bytes] = []
        size = 0
        with zf.open(info) as member:
            while True:
                chunk = member.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > min(limit, info.file_size):
                    raise skip(path, f"{what} 文件中的部件解压后过大，疑似压缩炸弹，已跳过")
                chunks.append(chunk)
        return b"".join(chunks)
    except KeyError as exc:
        raise skip(path, f"{what} 文件缺少 {name}，无法读取，已跳过") from exc
    except UndecodableFile:
        raise
    except Exception as exc:  # BadZipFile (bad CRC), zlib.error, EOFError, NotImplementedError ...
        raise skip(path, f"{what} 文件已损坏或不完整（{name} 无法解压），已跳过") from exc


def safe_copy(path: Path, zf: zipfile.ZipFile, limits: Limits, what: str) -> bytes:
    """The container rewritten (uncompressed) from parts read by zip_member, for a library that
    reads parts with ZipFile.read itself: nothing it reads can inflate beyond the limits."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in zf.infolist():
            if info.is_dir():
                continue
            copy.writestr(info.filename, zip_member(path, zf, info.filename, what, limits))
    return out.getvalue()


_ISO = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")


def iso_date(value: str | None) -> str | None:
    """The first date in a metadata value as ISO "YYYY-MM-DD" (PDF's D:YYYYMMDD too), or None."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"^D?:?(\d{4})(\d{2})(\d{2})", value)
    if m is None:
        m = _ISO.search(value)
    if m is None:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1800 <= y <= 2200 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _width(line: str) -> float:
    return sum(0.5 if ord(ch) < 0x1100 else 1.0 for ch in line)


def rejoin_lines(text: str) -> str:
    """Lines a layout broke at the right margin joined back into paragraphs: a line about as long
    as the page's long lines continues on the next; a shorter one (or a blank line) ends its
    paragraph. Chinese lines are joined without a space, others with one."""
    lines = text.split("\n")
    widths = sorted(_width(line.strip()) for line in lines if line.strip())
    if len(widths) < 3:
        return text
    full = widths[int(len(widths) * 0.8)]
    if full < 8:
        return text
    out: list[str] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        out.append(line)
        if i + 1 == len(lines):
            break
        nxt = lines[i + 1].strip()
        if line and nxt and _width(line) >= 0.85 * full:
            if ord(line[-1]) < 0x1100 and ord(nxt[0]) < 0x1100:
                out.append(" ")
        else:
            out.append("\n")
    return "".join(out)
