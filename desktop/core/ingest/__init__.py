"""A file in -> decoded, repaired text and its metadata (decoding, OCR repair, metadata, gazetteer)."""
