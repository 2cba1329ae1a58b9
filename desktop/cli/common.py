"""What every command group shares: opening the archive and writing JSON."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def open_service(args):
    from desktop.core.service import ArchiveService

    return ArchiveService(args.data_dir)


def doc_json(doc) -> dict:
    m = doc.meta
    return {
        "id": doc.id, "path": doc.path, "encoding": doc.encoding,
        "title": m.title, "series": m.series, "series_no": m.series_no,
        "person": m.person, "role": m.role, "reporters": m.reporters, "city": m.city, "date": m.date,
        "captions": m.captions,
        "sections": [s.__dict__ for s in m.sections],
        "turns": [t.__dict__ for t in m.turns],
        "corrected": doc.corrected,
        "text": doc.text,
    }
