"""Bookmarks with re-anchoring, and the export of excerpts with their sources."""
