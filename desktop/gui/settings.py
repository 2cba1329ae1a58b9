"""What the window remembers between launches (QSettings in an INI file).

The file sits in the archive's data directory, so ARCHIVE_BROWSER_HOME / --data-dir (and each
test's tmp_path) gets its own: geometry, splitters, open documents, the last query, recent
queries, the reader's font size and the interface language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("zh", "en")
MAX_RECENT = 15


class Settings:
    def __init__(self, path: Path | str | None = None) -> None:
        if path is None:
            self.qs = QSettings("ArchiveBrowser", "ArchiveBrowser")
        else:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> Settings:
        return cls(Path(data_dir) / "gui-settings.ini")

    # ---- plain values ----
    def _get_json(self, key: str, default: Any) -> Any:
        raw = self.qs.value(key)
        if raw in (None, ""):
            return default
        try:
            return json.loads(str(raw))
        except ValueError:
            return default

    def _set_json(self, key: str, value: Any) -> None:
        self.qs.setValue(key, json.dumps(value, ensure_ascii=False))

    @property
    def language(self) -> str:
        lang = str(self.qs.value("ui/language", "zh") or "zh")
        return lang if lang in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.qs.setValue("ui/language", value if value in LANGUAGES else "zh")

    @property
    def font_size(self) -> float:
        try:
            return min(max(float(self.qs.value("reader/font_size", 11.5)), 7.0), 32.0)
        except (TypeError, ValueError):
            return 11.5

    @font_size.setter
    def font_size(self, value: float) -> None:
        self.qs.setValue("reader/font_size", float(value))

    @property
    def last_query(self) -> str:
        return str(self.qs.value("search/last_query", "") or "")

    @last_query.setter
    def last_query(self, value: str) -> None:
        self.qs.setValue("search/last_query", value)

    @property
    def recent_queries(self) -> list[str]:
        return [str(q) for q in self._get_json("search/recent", []) if str(q).strip()]

    def remember_query(self, query: str) -> list[str]:
        query = query.strip()
        recent = [q for q in self.recent_queries if q != query]
        if query:
            recent.insert(0, query)
        recent = recent[:MAX_RECENT]
        self._set_json("search/recent", recent)
        return recent

    @property
    def open_documents(self) -> dict[str, Any]:
        """{"left": id or None, "right": id or None, "compare": bool, "lock": bool}"""
        data = self._get_json("reader/open", {})
        return data if isinstance(data, dict) else {}

    @open_documents.setter
    def open_documents(self, value: dict[str, Any]) -> None:
        self._set_json("reader/open", value)

    # ---- Qt byte arrays (geometry, window state, splitters) ----
    def bytes(self, key: str) -> QByteArray | None:
        value = self.qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qs.setValue(key, value)

    def sync(self) -> None:
        self.qs.sync()
