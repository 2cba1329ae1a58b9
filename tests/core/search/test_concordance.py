"""The concordance: exact totals, contiguous contexts, left-sort order, phrases, AND and city."""

from desktop.core.ingest.cleaning import match_text
from desktop.core.search.concordance import KEY_CHARS


def _docs(svc):
    return [svc.document(d["id"]) for d in svc.documents()]


def _count(svc, needle):
    needle = match_text(needle)
    return sum(match_text(d.text).count(needle) for d in _docs(svc))


def test_total_is_the_sum_of_exact_counts(seeded_service):
    for q in ["工会", "会", "劳模工匠"]:
        conc = seeded_service.concordance(q)
        assert conc.total == _count(seeded_service, q) > 0, q
        assert sum(conc.by_city().values()) == conc.total
        assert sum(conc.by_month().values()) == conc.total
        assert len(conc.rows(0, None)) == conc.total


def test_rows_are_contiguous_passages(seeded_service):
    conc = seeded_service.concordance("工会", width=12)
    texts = {d.id: d.text for d in _docs(seeded_service)}
    for row in conc.rows(0, None):
        text = texts[row["id"]]
        assert text[row["start"] - len(row["left"]):row["end"] + len(row["right"])] == row["left"] + row["hit"] + row["right"]
        assert match_text(row["hit"]) == "工会"
        assert len(row["left"]) <= 12 and len(row["right"]) <= 12


def test_left_sort_is_reversed_left_context_order(seeded_service):
    conc = seeded_service.concordance("工会", width=8, sort="left")
    texts = {d.id: d.text for d in _docs(seeded_service)}
    rows = conc.rows(0, None)
    # the text before the hit, read outward (whitespace left out, as searches see it)
    keys = [match_text(texts[r["id"]][:r["start"]])[::-1][:KEY_CHARS] for r in rows]
    assert len(keys) > 5 and len(set(keys)) > 5
    assert keys == sorted(keys)
    assert all(k.startswith(match_text(r["left"])[::-1]) for k, r in zip(keys, rows))
    conc.sort_by("right")
    rights = [match_text(texts[r["id"]][r["end"]:])[:KEY_CHARS] for r in conc.rows(0, None)]
    assert rights == sorted(rights)


def test_phrase_and_and_city(seeded_service):
    svc = seeded_service
    phrase = svc.concordance('"第十五次代表大会"')
    assert phrase.total == _count(svc, "第十五次代表大会")
    both = svc.concordance("工会 劳模")
    docs = [d for d in _docs(svc) if "工会" in match_text(d.text) and "劳模" in match_text(d.text)]
    expected = sum(match_text(d.text).count("工会") + match_text(d.text).count("劳模") for d in docs)
    assert both.total == expected
    assert {r["hit"] for r in both.rows(0, None)} >= {"工会", "劳模"} or both.total == 0
    city = next(c for c in both.by_city() if c)
    only = svc.concordance("工会", city=city)
    assert {r["city"] for r in only.rows(0, None)} == {city}
    assert only.total == sum(match_text(d.text).count("工会") for d in _docs(svc) if d.city == city)


def test_empty_and_bad_queries_give_no_rows(seeded_service):
    assert seeded_service.concordance("").total == 0
    assert seeded_service.concordance("不存在的词语啊").total == 0


def test_by_month_puts_dates_without_a_year_with_the_undated():
    from desktop.core.search.concordance import Concordance

    conc = Concordance.__new__(Concordance)
    conc.per_doc = {1: 2, 2: 3, 3: 1, 4: 4}
    conc._dates = {1: "2024-03-05", 2: "--04-14", 3: None, 4: "2023"}
    assert conc.by_month() == {"": 4, "2023": 4, "2024-03": 2}
