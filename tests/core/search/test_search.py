"""The search contract, checked against a plain substring scan of the cleaned texts."""

import random

import pytest

from desktop.core.ingest.cleaning import match_text
from tests.conftest import SEED_FILES


def brute(svc, needle):
    needle = match_text(needle)
    return {d["id"] for d in svc.documents() if needle in match_text(svc.document(d["id"]).text)}


def found(svc, query, **kw):
    return {h.id for h in svc.search(query, limit=0, **kw).hits}


def test_every_random_substring_finds_every_document(seeded_service):
    rng = random.Random(7)
    docs = [seeded_service.document(d["id"]) for d in seeded_service.documents()]
    texts = {d.id: match_text(d.text) for d in docs}
    for _ in range(400):
        doc = rng.choice(docs)
        m = texts[doc.id]
        n = rng.choice([1, 2, 2, 3, 4, 5, 8, 12])
        start = rng.randrange(0, len(m) - n)
        needle = m[start : start + n]
        if any(ch in needle for ch in '"“”()（）-') or needle in ("OR", "|"):
            continue
        expected = {i for i, t in texts.items() if needle in t}
        result = seeded_service.search(needle, limit=0)
        assert {h.id for h in result.hits} == expected, needle
        assert result.total == len(expected)


def test_substrings_that_jieba_splits_differently(seeded_service):
    # 省工会 is segmented 广东省/工会 in the text; OCR spaces split 第十五 次代表大会
    for q in ["省工会", "东省工", "第十五次代表大会", "会落地生", "劳模工匠", "工", "会"]:
        assert found(seeded_service, q) == brute(seeded_service, q), q


def test_query_with_spaces_ranks_exact_string_first(seeded_service):
    result = seeded_service.search("第十五 次代表大会", limit=0)
    exact = brute(seeded_service, "第十五次代表大会")
    assert exact and {h.id for h in result.hits} >= exact
    top = [h.id for h in result.hits[: len(exact)]]
    assert set(top) == exact


def test_and_or_not_phrase(seeded_service):
    s = seeded_service
    both = found(s, "劳模 河源")
    assert both == brute(s, "劳模") & brute(s, "河源")
    assert found(s, "珠海 OR 茂名") == brute(s, "珠海") | brute(s, "茂名")
    assert found(s, "工会 -珠海") == brute(s, "工会") - brute(s, "珠海")
    assert found(s, "工会 NOT 珠海") == brute(s, "工会") - brute(s, "珠海")
    assert found(s, '"广东 工会"') == brute(s, "广东工会")
    assert found(s, "(珠海 OR 茂名) 劳模") == (brute(s, "珠海") | brute(s, "茂名")) & brute(s, "劳模")


def test_field_filters(seeded_service):
    s = seeded_service
    assert {h.city for h in s.search("工会", city="茂名", limit=0).hits} == {"茂名市"}
    assert {h.city for h in s.search("city:佛山 工会", limit=0).hits} == {"佛山市"}
    assert {h.person for h in s.search("person:江洪灿", limit=0).hits} == {"江洪灿"}
    assert {h.series_no for h in s.search("series:14", limit=0).hits} == {14}
    assert len(s.search("title:试金石", limit=0).hits) == 1


def test_traditional_and_latin_case(seeded_service):
    s = seeded_service
    assert found(s, "工會") == brute(s, "工会")
    assert found(s, "勞模工匠") == brute(s, "劳模工匠")
    assert found(s, "ai时代") == found(s, "AI时代") == brute(s, "AI时代")
    assert found(s, "ＡＩ") == brute(s, "AI")


def test_hit_fields_and_snippets(seeded_service):
    result = seeded_service.search("劳模工匠", limit=10)
    assert result.total == 5 or result.total == len(brute(seeded_service, "劳模工匠"))
    for hit in result.hits:
        assert hit.title and hit.path.endswith(".txt") and hit.city
        assert hit.matches >= 1 and hit.snippets
        for snippet in hit.snippets:
            assert "【劳模工匠】" in snippet
            assert abs(snippet.index("【") - len(snippet) // 2) < 40
    counts = [h.matches for h in result.hits]
    doc = seeded_service.document(result.hits[0].id)
    assert counts[0] == match_text(doc.text).count("劳模工匠")


def test_interviewee_name_finds_their_interview(seeded_service):
    for name, key in [("黄奕奕", "maoming"), ("吕红珍", "zhuhai"), ("黄远程", "heyuan"), ("江洪灿", "yunfu"), ("许淑娴", "jiujiang")]:
        hits = seeded_service.search(name, limit=0).hits
        assert hits and hits[0].path.endswith(SEED_FILES[key])


@pytest.mark.parametrize(
    "query",
    ['"', '"工会', "(((", ")", "工会)", "AND", "-", "OR OR", "NOT", "foo:bar", "city:", "工" * 10000,
     "😀", "\x00\x07", ".*[a-z]+$", "\\", "'", "''", "*", "^", "NEAR(a b)", '"" OR ""', "-工会", "--", "（工会"],
)
def test_malformed_queries_never_raise(seeded_service, query):
    result = seeded_service.search(query, limit=5)
    assert result.total >= 0
    assert result.total == 0 or result.hits or result.message is not None


def test_unknown_field_is_read_literally(seeded_service):
    assert seeded_service.search("foo:bar", limit=0).total == 0
    assert seeded_service.search("请谈谈您对", limit=0).total == len(brute(seeded_service, "请谈谈您对"))


def test_negation_alone_returns_the_rest(seeded_service):
    assert found(seeded_service, "-珠海") == {d["id"] for d in seeded_service.documents()} - brute(seeded_service, "珠海")


def test_highlight_spans_in_document(seeded_service):
    doc = seeded_service.document(seeded_service.search("劳模工匠", limit=1).hits[0].id)
    spans = seeded_service.spans_in(doc, "劳模工匠")
    assert spans and all(doc.text[s:e] == "劳模工匠" for s, e in spans)


@pytest.mark.parametrize("units_per_doc", [10**12, 1e-12])
def test_vector_and_index_paths_agree(seeded_service, monkeypatch, units_per_doc):
    """Common terms are counted as vectors over every text, rare ones through the bigram index: same
    answers (the first run forces the vectors, the second the index)."""
    import desktop.core.search.searcher as search_module

    monkeypatch.setattr(search_module, "COLUMN_UNITS_PER_DOC", units_per_doc)
    monkeypatch.setattr(search_module, "COLUMN_UNITS_PER_DOC_LONG", units_per_doc)
    rng = random.Random(11)
    docs = [seeded_service.document(d["id"]) for d in seeded_service.documents()]
    texts = {d.id: match_text(d.text) for d in docs}
    for _ in range(100):
        m = texts[rng.choice(docs).id]
        n = rng.choice([2, 3, 6])
        start = rng.randrange(0, len(m) - n)
        needle = m[start : start + n]
        if any(ch in needle for ch in '"“”()（）-|'):
            continue
        assert found(seeded_service, needle) == {i for i, t in texts.items() if needle in t}, needle
    words = ["工会", "职工", "发展", "劳模", "服务"]
    for a in words:  # AND narrows through the bigram index, then each path counts
        for b in words:
            expected = {i for i, t in texts.items() if a in t and b in t}
            assert found(seeded_service, f"{a} {b}") == expected, (a, b)


@pytest.mark.parametrize("query,filters", [("工会", {}), ("工会", {"city": "茂名市"}), ("", {"city": "珠海市"}),
                                           ("劳模 OR 职工", {"person": "x"}), ("\"((", {})])
def test_facets_from_the_search_equal_facet_counts(seeded_service, query, filters):
    """The GUI asks one search for its facets; they must be what facet_counts says for the same query."""
    result = seeded_service.search(query, limit=5, snippets=0, facets=True, **filters)
    assert result.facets == seeded_service.facet_counts(query, **filters)
