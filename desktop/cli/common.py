"""What every command group shares: opening the archive and writing JSON."""

from __future__ import annotations

import codecs
import json
import re
import sys
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def print_json(data: Any) -> None:
    """One JSON line. A lone surrogate (a file name that is not UTF-8, as Python hands it over) is
    written as its \\u escape: the line stays valid UTF-8 and JSON, and decodes to the same string."""
    text = json.dumps(data, ensure_ascii=False)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def _file_name_bytes(exc: UnicodeError):
    """Text output: a file name's undecodable bytes written back as they were (what `ls` shows);
    any other lone surrogate as a \\u escape. Never an exception."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        out += bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}".encode()
    return bytes(out), exc.end


codecs.register_error("archive_file_names", _file_name_bytes)


def safe_console() -> None:
    """stdout and stderr never fail on a file name that is not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="archive_file_names")
        except (AttributeError, ValueError, OSError):
            pass


def open_service(args):
    from desktop.core.service import ArchiveService

    return ArchiveService(args.data_dir)


def doc_json(doc) -> dict:
    m = doc.meta
    return {
        "id": doc.id, "path": doc.path, "encoding": doc.encoding,
        "title": m.title, "series": m.series, "series_no": m.series_no,
        "person": m.person, "role": m.role, "reporters": m.reporters, "city": m.city, "date": m.date, "date_source": m.date_source,
        "publication": m.publication, "edition": m.edition,
        "captions": m.captions,
        "sections": [s.__dict__ for s in m.sections],
        "turns": [t.__dict__ for t in m.turns],
        "corrected": doc.corrected,
        "format": doc.format,
        "pages": [{"page": n, "start": s, "end": e, "ocr": n in doc.ocr_pages}
                  for n, (s, e) in enumerate(doc.pages, start=1)],
        "text": doc.text,
    }
