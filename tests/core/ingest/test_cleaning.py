from desktop.core.ingest.cleaning import clean, fold, match_offsets, match_text
from tests.conftest import SEED_FILES, SEEDS


def seed(name):
    return (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")


def test_ocr_spaces_inside_chinese_are_removed():
    text = clean(seed("yunfu")).text
    assert "第十五次代表大会报告" in text
    assert "第十五 次" not in text
    assert "请谈谈您对广东省工会第十五次代表大会报告" in text


def test_space_between_chinese_and_punctuation_removed():
    assert clean("市总工会主席吕红珍。 单位供图").text == "市总工会主席吕红珍。单位供图"
    assert clean("工会 , 职工").text == "工会,职工"


def test_latin_words_keep_their_space():
    assert clean("hello world 工会").text == "hello world工会"


def test_paragraph_split_mid_word_is_rejoined():
    text = clean(seed("heyuan")).text
    assert "在广东工会落地生根过程中" in text
    text = clean(seed("zhuhai")).text
    assert "相互呼应,前者着眼于" in text


def test_headings_and_turns_are_not_glued():
    cleaned = clean(seed("maoming"))
    paras = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
    assert any(p.startswith("谈体会 锚定") for p in paras)
    assert any(p.startswith("记者:请谈谈") for p in paras)
    assert "以心换心诠释职工之家的时代内涵" in paras
    # the title with its deliberate space stays a separate paragraph
    paras4 = [clean(seed("jiujiang")).text[s:e] for s, e in clean(seed("jiujiang")).paragraphs]
    assert paras4[0] == "绘就发展新蓝图 当好职工“娘家人”"


def test_map_back_to_original_is_exact():
    for name in SEED_FILES:
        original = seed(name)
        cleaned = clean(original)
        assert len(cleaned.text) == len(cleaned.to_original)
        for i, ch in enumerate(cleaned.text):
            if ch != "\n":
                assert original[cleaned.to_original[i]] == ch


def test_fold_width_case_and_traditional():
    assert fold("ＡＩ時代") == "ai时代"
    assert fold("工會") == "工会"
    assert len(fold("①工會ＡＢＣ")) == len("①工會ＡＢＣ")


def test_match_text_and_offsets_agree():
    cleaned = clean(seed("zhuhai")).text
    m = match_text(cleaned)
    offsets = match_offsets(cleaned)
    assert len(m) == len(offsets)
    assert all(not ch.isspace() for ch in m)


# ---- folding: the regex path for long texts equals the per-character table -------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_FOLD_ALPHABET = "漢與體測試國會工会ＡＢＣａ１２３ABCdef　，。！Ⅻ𠀎😀ΑΒΓÀÉǅ﹏㈠〇⺀\u3000 \n"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_FOLD_ALPHABET, min_size=0, max_size=700))
def test_fold_long_and_short_paths_agree(text):
    from desktop.core.ingest.cleaning import fold

    for sample in (text, (text + "漢ＡB") * 40):  # the second is always long
        expected = "".join(fold(ch) for ch in sample)  # one character at a time: the table path
        assert fold(sample) == expected
        assert len(fold(sample)) == len(sample)
