"""The vector counts equal str.count for every term they accept, whatever the texts hold."""

from hypothesis import given, settings, strategies as st

from desktop.core.index.textscan import TextColumns

ALPHABET = "工会工人会议党经济哈\x00\uffff a\U0002070e\U0001F600"
texts_st = st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=12)
term_st = st.text(alphabet=ALPHABET, min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(texts_st, term_st)
def test_counts_equal_str_count(texts, term):
    columns = TextColumns(list(range(1, len(texts) + 1)), texts, [float(len(t) or 1) for t in texts])
    if not TextColumns.handles(term):
        return
    assert columns.counts(term).tolist() == [t.count(term) for t in texts]


def test_handles_leaves_self_overlapping_and_astral_terms_to_the_caller():
    assert TextColumns.handles("工") and TextColumns.handles("工会")
    assert not TextColumns.handles("哈哈")  # str.count counts 哈哈哈 once; positions would count twice
    assert not TextColumns.handles("\U0002070e")
    assert not TextColumns.handles("\x00")
    assert TextColumns.handles("工会主席") and TextColumns.handles("高质量发展")
    assert not TextColumns.handles("工会工") and not TextColumns.handles("一一")  # can overlap itself


def test_bm25_ranks_denser_documents_first_and_reports_df():
    texts = ["工会工会", "工会" + "其他" * 20, "没有"]
    columns = TextColumns([10, 20, 30], texts, [float(len(t)) for t in texts])
    rows, scores, df = columns.bm25("工会", n=3, avg_length=sum(map(len, texts)) / 3)
    assert df == 2 and rows == [10, 20]
    assert scores[0] > scores[1] > 0


def test_empty_archive():
    columns = TextColumns([], [], [])
    assert columns.counts("工").tolist() == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET + "ab ", max_size=200))
def test_bigram_string_is_every_pair_then_the_last_character(text):
    from desktop.core.index.store import bigrams

    expected = " ".join(text[i : i + 2] for i in range(len(text) - 1))
    if text:
        expected = (expected + " " if len(text) > 1 else "") + text[-1]
    assert bigrams(text) == expected
