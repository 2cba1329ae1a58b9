"""Plain text and Markdown: the archive's original format, decoded by `decoding.read_text`."""

from __future__ import annotations

from pathlib import Path

from desktop.core.ingest.decoding import read_text
from desktop.core.ingest.formats.common import Extracted, ReadContext


def read(path: Path, ctx: ReadContext) -> Extracted:
    text, encoding, data = read_text(path)
    return Extracted(text=text, data=data, encoding=encoding, format="text")
