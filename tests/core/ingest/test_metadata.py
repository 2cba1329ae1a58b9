import pytest

from tests.conftest import SEED_FILES

EXPECTED = {
    "maoming": ("以心换心诠释职工之家的时代内涵", "黄奕奕", "茂名市", 13),
    "zhuhai": ('以职工群众满意度作为检验工作的"试金石"', "吕红珍", "珠海市", 2),
    "heyuan": ("职工对美好生活的向往,就是工会的奋斗目标", "黄远程", "河源市", 14),
    "yunfu": ("以真心践初心,用实干书写工会为民答卷", "江洪灿", "云浮市", 8),
    "jiujiang": ("绘就发展新蓝图 当好职工“娘家人”", "许淑娴", "佛山市", None),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_seed_metadata(seeded_service, name):
    doc = seeded_service.document(str(seeded_service.sources()[0]) + "/" + SEED_FILES[name])
    title, person, city, number = EXPECTED[name]
    assert doc.meta.title == title
    assert doc.meta.person == person
    assert doc.meta.city == city
    assert doc.meta.series_no == number


def test_series_and_roles(seeded_service):
    folder = seeded_service.sources()[0]
    doc = seeded_service.document(f"{folder}/{SEED_FILES['maoming']}")
    assert doc.meta.series == "工会主席访谈"
    assert doc.meta.role == "茂名市人大常委会副主任、市总工会主席"
    assert doc.meta.reporters == ["誉建业", "石蕾蕾", "阳海斌"]


def test_sections_and_turns(seeded_service):
    folder = seeded_service.sources()[0]
    doc = seeded_service.document(f"{folder}/{SEED_FILES['heyuan']}")
    labels = [s.label for s in doc.meta.sections]
    assert labels == ["谈体会", "谈思路", "谈未来"]
    assert doc.meta.sections[0].subtitle == "为推动河源实现绿色崛起作出更大贡献"
    assert doc.meta.sections[2].subtitle == "为广东工会工作高质量发展作出更多河源探索"
    questions = [t for t in doc.meta.turns if t.kind == "question"]
    answers = [t for t in doc.meta.turns if t.kind == "answer"]
    assert len(questions) >= 3 and len(answers) == len(questions)
    assert all(t.speaker == "黄远程" for t in answers)
    assert doc.text[questions[0].start :].startswith("记者:请谈谈")
    # OCR 淡思路 is read as 谈思路
    zhuhai = seeded_service.document(f"{folder}/{SEED_FILES['zhuhai']}")
    assert [s.label for s in zhuhai.meta.sections][:2] == ["谈体会", "谈思路"]


def test_header_ocr_slip_yields_to_body(seeded_service):
    folder = seeded_service.sources()[0]
    doc = seeded_service.document(f"{folder}/{SEED_FILES['yunfu']}")
    assert "汀洪灿" in doc.original  # the header's OCR slip is still in the source
    assert doc.meta.person == "江洪灿"


def test_captions_and_date(seeded_service):
    folder = seeded_service.sources()[0]
    doc = seeded_service.document(f"{folder}/{SEED_FILES['jiujiang']}")
    assert any("梁平摄" in c for c in doc.meta.captions)
    assert doc.meta.date == "--12-29"


def test_series_number_forms():
    from desktop.core.ingest.metadata import _parse_series

    assert _parse_series("学习贯彻落实广东省工会第十五次代表大会精神·工会主席访谈⑬") == ("工会主席访谈", 13)
    assert _parse_series("学习贯彻落实广东省工会第十五次代表大会精神,工会主席访谈2") == ("工会主席访谈", 2)
    assert _parse_series("工会主席访谈之十二") == ("工会主席访谈", 12)


def test_a_headline_ending_like_a_series_name_is_not_a_series():
    from desktop.core.ingest.cleaning import clean
    from desktop.core.ingest.metadata import extract

    for headline in ("俄称不接受最后通牒式对话", "中美经贸高层对话", "城市更新观察"):
        cleaned = clean(f"{headline}\n\n新华社北京12月3日电 这是一篇普通的新闻报道，没有系列名称，也没有期数编号。\n")
        meta = extract(cleaned.text, cleaned.paragraphs)
        assert meta.series is None and meta.series_no is None, headline
    cleaned = clean("学习贯彻落实广东省工会第十五次代表大会精神·工会主席访谈⑭\n\n正文。\n")
    meta = extract(cleaned.text, cleaned.paragraphs)
    assert (meta.series, meta.series_no) == ("工会主席访谈", 14)
