"""The files ArchiveService writes besides the archive: concordance rows as a table, a diff of two
documents as Markdown or HTML (and the diff itself, for the compare view)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def diff_texts(text_a: str, text_b: str):
    """The character-level diff of two texts (search/diff.py's DiffResult), for the compare view."""
    from desktop.core.search.diff import diff

    return diff(text_a, text_b)


class ExportsMixin:
    """ArchiveService's exports of concordances and diffs; they use its document()."""

    def export_concordance(self, rows: list[dict[str, Any]], path: str | Path) -> Path:
        """Concordance rows to .csv (UTF-8 with BOM) or .xlsx, one row per hit."""
        from desktop.core.excerpts.export.concordance_export import export_rows

        return export_rows(rows, path)

    def diff(self, id_a: str, id_b: str):
        """The character-level diff of two documents' cleaned texts (search/diff.py's DiffResult)."""
        return diff_texts(self.document(id_a).text, self.document(id_b).text)

    def export_diff(self, result, path: str | os.PathLike, title_a: str, title_b: str, summary: str) -> Path:
        """Write a diff as Markdown or HTML (by the suffix); summary is the caller's wording."""
        from desktop.core.excerpts.export.diff_export import export_diff

        return export_diff(result, path, title_a, title_b, summary)
