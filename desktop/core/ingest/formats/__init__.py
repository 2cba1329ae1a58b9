"""Format readers, one small module per family, chosen by a table keyed by extension.

`read_document(path, ctx)` looks the extension up in `READERS`, checks the file's first bytes
(a file whose extension lies is read as what it is, or skipped with a plain reason), and calls
the reader, which returns an `Extracted` (text, page ranges, metadata) or raises UndecodableFile.
Readers are imported on first use, so that indexing plain text never loads PDF or OCR libraries.
Adding a format is adding a module and a table row.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from desktop.core.ingest.formats.common import Extracted, Limits, ReadContext, skip

__all__ = ["EXTENSIONS", "READERS", "Extracted", "Limits", "ReadContext", "family_of", "read_document"]

# extension -> (family, "module:function")
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "text:read"),
    ".text": ("text", "text:read"),
    ".md": ("text", "text:read"),
    ".markdown": ("text", "text:read"),
    ".pdf": ("pdf", "pdf:read"),
    ".docx": ("docx", "docx:read"),
    ".html": ("html", "html:read"),
    ".htm": ("html", "html:read"),
    ".xhtml": ("html", "html:read"),
    ".mhtml": ("html", "html:read_mhtml"),
    ".mht": ("html", "html:read_mhtml"),
    ".epub": ("epub", "epub:read"),
    ".png": ("image", "image:read"),
    ".jpg": ("image", "image:read"),
    ".jpeg": ("image", "image:read"),
    ".tif": ("image", "image:read"),
    ".tiff": ("image", "image:read"),
}
EXTENSIONS = frozenset(READERS)
_FAMILY_READER = {family: target for family, target in reversed(READERS.values())}  # a family's first row
_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "epub": "EPUB", "image": "图片", "html": "网页", "text": "文本"}


def family_of(path: Path | str) -> str:
    """The format family a file is read as, by its extension ("text" for an unknown one)."""
    return READERS.get(Path(path).suffix.lower(), ("text", ""))[0]


def sniff(head: bytes) -> str | None:
    """The family the first bytes show, when they show one (None for text, HTML or unknown)."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if b"mimetypeapplication/epub+zip" in head[:200]:
            return "epub"
        return "zip"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc / .xls
    return None


def _reader(family: str, path: Path | None = None):
    """The family's reader; the file's own row when its extension is of that family (.mhtml)."""
    row = READERS.get(path.suffix.lower()) if path is not None else None
    module, func = (row[1] if row and row[0] == family else _FAMILY_READER[family]).split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def read_document(path: Path, ctx: ReadContext | None = None) -> Extracted:
    """Read any supported file; UndecodableFile (a plain reason) when it cannot be read."""
    ctx = ctx or ReadContext()
    family = family_of(path)
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        head = b""  # the reader reports why
    actual = sniff(head) if head else None
    if actual == "ole":
        raise skip(path, "这是旧版 Word/Excel（.doc/.xls）文件，暂不支持；请另存为 .docx 后再添加")
    if actual == "zip":  # DOCX and EPUB are both ZIP files: the extension decides between them
        actual = family if family in ("docx", "epub") else "docx"
    if actual is not None and actual != family:
        # a PDF or image saved under another name (a .txt that is a PDF, a .docx that is a JPEG):
        # read as what it is
        return _reader(actual)(path, ctx)
    if actual is None and family in ("pdf", "docx", "epub", "image") and head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype html" in lowered:
            return _reader("html")(path, ctx)  # a web page saved under another name
        raise skip(path, f"扩展名是 {path.suffix}，但内容不是{_NAMES[family]}文件（可能已损坏或被改名），已跳过")
    return _reader(family, path)(path, ctx)
