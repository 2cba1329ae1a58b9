"""What a user types into a document's metadata: `correct()` stores a correction apart from the
source file (it survives re-indexing), `city_name()` admits only a gazetteer's city."""

from __future__ import annotations

import json
import time
from typing import Any

from desktop.core.errors import UserInputError
from desktop.core.index.word_index import WordIndex
from desktop.core.models import Document
from desktop.core.service_writes import index_lock, writes

CORRECTABLE = ("city", "title", "person", "role", "series", "series_no", "publication", "edition", "date")


class CorrectionsMixin:
    """ArchiveService's corrections; they use its data_dir, store, words, searcher, gazetteer and document()."""

    def city_name(self, text: str | None) -> str | None:
        """A city a user typed, as the gazetteer's full name ("茂名" -> "茂名市"); "" or None: no city.
        Anything the gazetteer does not know as a city is refused with a plain message, so a city
        field only ever holds one of its cities."""
        text = (text or "").strip()
        if not text:
            return None
        gazetteer = self.gazetteer
        if gazetteer is None:
            raise UserInputError("地名表无法加载，暂时不能设置城市（the gazetteer could not be loaded）")
        found = gazetteer.city_named(text)
        if not found or not gazetteer.is_city(found):
            shown = text if len(text) <= 30 else text[:30] + "…"
            raise UserInputError(f"不认识的城市“{shown}”：城市须是地名表中的地级市，例如“茂名市”或“茂名”"
                                 "（unknown city）")
        return found

    @writes
    def correct(self, key: str, **fields: Any) -> Document:
        """Store the user's correction of metadata (never written into the source file)."""
        doc = self.document(key)
        unknown = set(fields) - set(CORRECTABLE)
        if unknown:
            raise UserInputError(f"不能修改这些字段: {', '.join(sorted(unknown))}")
        if "date" in fields:  # checked before the transaction: a bad date changes nothing
            fields["date"] = _user_date(fields["date"])
        with index_lock(self.data_dir, 10):
            self.store.begin()
            for name, value in fields.items():
                if name == "city":
                    value = self.city_name(value) or None
                self.store.set_correction(doc.path, name, value, time.time())
            self.store.apply_corrections_to_row(doc.path)
            self.store.commit()
            row = self.store.document_row(doc.id)
            writer = self.words.writer()
            WordIndex.add(writer, doc.id, row["text"], json.loads(row["meta"]))
            writer.commit()
        self.searcher.invalidate()
        return self.document(doc.id)


def _user_date(value: Any) -> str | None:
    """A user's date correction as ISO (YYYY-MM-DD, YYYY-MM or YYYY), or a plain message."""
    from desktop.core.ingest.dates import normalize

    try:
        return normalize(None if value is None else str(value))
    except ValueError:
        raise UserInputError(f"日期无效: {value}（请写作 2024-10-06、2024-10 或 2024）") from None
