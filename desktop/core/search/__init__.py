"""The query language, the searcher (exact counts, BM25 ranking) and snippets."""
