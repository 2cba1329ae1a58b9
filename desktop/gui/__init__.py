"""The desktop GUI (PySide6): a thin client of `desktop.core`; it never opens Whoosh or SQLite."""
