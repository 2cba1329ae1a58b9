"""Corpus-scale recall: random substrings of the 19,886 real articles find every document that
contains them (checked against a plain scan of the same folded texts). Skips without ../shared."""

import random

from desktop.core.ingest.cleaning import clean, match_text
from desktop.core.service import ArchiveService


def test_random_substrings_of_the_corpus_find_every_document(corpus_dir, tmp_path):
    svc = ArchiveService(tmp_path / "data")
    report = svc.index([corpus_dir])
    assert report.added > 19000 and svc.stats()["documents"] == report.added
    texts = {}
    for doc in svc.documents():
        path = doc["path"]
        if path.endswith(("SOURCES.tsv", "SUBSET_3000.txt")):
            continue
        original = open(path, encoding="utf-8").read()
        texts[doc["id"]] = match_text(clean(original).text)
    ids = sorted(texts)
    rng = random.Random(2026)
    checked = 0
    while checked < 150:
        m = texts[rng.choice(ids)]
        n = rng.choice([1, 2, 2, 3, 4, 6, 9])
        if len(m) <= n:
            continue
        start = rng.randrange(0, len(m) - n)
        needle = m[start : start + n]
        if any(ch in needle for ch in '"“”()（）-|:：') or needle.upper() in ("OR", "AND", "NOT"):
            continue
        expected = {i for i in ids if needle in texts[i]}
        found = {h.id for h in svc.search(needle, limit=0, snippets=0).hits} & set(ids)
        assert found == expected, (needle, len(found), len(expected))
        checked += 1
    svc.close()
