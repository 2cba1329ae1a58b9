"""The gazetteer's name tables: every place name with its kind and candidate cities, built from
resources/gazetteer.json (see scripts/build_gazetteer.py), and the word lists that tell a place
name from a word that only contains one.
"""

from __future__ import annotations

from dataclasses import dataclass

# Token kinds.
PROVINCE, CITY, CITY_SHORT, COUNTY, COUNTY_SHORT, TOWN, BLOCK = range(7)

# Words that contain a place name but are something else: consumed, never scored.
BLOCKERS = (
    "孙中山", "中山大学", "中山医", "中山装", "中山陵", "中山舰", "中山堂", "中山先生",
    "中山公园", "中山路", "中山站", "中山纪念", "中山图书馆", "中山北路", "中山南路",
    "中山东路", "中山西路", "中山大道", "中山狼", "李长春", "王岐山", "张德江",
    "长治久安", "三明治", "大理石", "普洱茶", "哈密瓜", "和田玉", "长白山", "美丽水",
    "北京时间", "上海合作组织", "上合组织", "长江门", "珠江门", "西江门", "黄河源",
    "河源头", "河源流", "经营口", "运营口", "聚焦作", "新乡村", "新乡镇", "广安门", "天门山",
    "北海道", "北海公园", "拱北海关", "入海口", "出海口", "大庆典", "均衡水", "平衡水",
    "乌海军", "挪威海", "峨眉山", "面临高", "关怀化", "大理论", "大理想", "大理由", "大理念",
    "大理解", "大理性", "新增城", "新会员", "越来越秀", "宝宝安", "马里兰州", "佛罗里达州",
    "苏梅州", "西南山区", "东南山区", "寒潮南", "云台山", "五台山",
)

# After a short name (茂名, 中山, 顺德), these make it an institution, a road,
# a person, a ship, ... rather than the place.
BAD_SUFFIXES = (
    "大学", "学院", "医院", "医科", "路", "大道", "大街", "公园", "站", "纪念", "先生",
    "同志", "女士", "陵", "装", "舰", "号", "时间", "合作组织", "条约", "堂", "师范",
    "宣言", "共识", "精神", "卫星发射", "航天发射",
)
# A short name ending in 州 right after one of these is the tail of a foreign
# place (佛罗里达州, 苏梅州, 马里兰州), not 达州/梅州/兰州.
FOREIGN_BEFORE = frozenset(
    "华尼亚斯里苏克罗拉纳萨塞弗伊阿俄特尔丹卡哈科基波维莱索蒂奥多佩芬朗贝布普利洛曼韦赫兹茨"
    "乌杰戈加米图塔穆雅埃因蒙谢契希瑞诺鲁沃瓦"
)
# A short name right after one of these surnames is usually part of a person's
# name (孙中山, 李长春). Characters that often end other words (于, 向, 江, 苏,
# 林, 金, 石, 高, 方, 白, 万, 龙, 武, 习, 史, 田 ...) are left out on purpose.
SURNAMES = frozenset(
    "孙李王张刘陈杨赵吴周徐朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖萧董袁潘蒋蔡余杜叶程魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范廖贾韦邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱严覃戴莫孔汤"
)


@dataclass(frozen=True)
class Token:
    """What a name found in text means."""

    kind: int
    cities: tuple[int, ...] = ()
    province: int = -1


@dataclass(frozen=True)
class NameTables:
    """lookup: name -> candidate cities, for look-ups (all names, including unsafe ones);
    tokens: name -> what it means in a text; first2: a name's first two characters -> the lengths
    of the names starting with them, longest first."""

    lookup: dict[str, tuple[int, ...]]
    tokens: dict[str, Token]
    first2: dict[str, tuple[int, ...]]


def name_tables(data: dict) -> NameTables:
    """The look-up tables of the JSON structure (see scripts/build_gazetteer.py)."""
    nodetect = set(data.get("nodetect", ()))
    detect_short = set(data.get("detect_short", ()))

    def idx(value: int | list[int]) -> tuple[int, ...]:
        return (value,) if isinstance(value, int) else tuple(value)

    lookup: dict[str, tuple[int, ...]] = {}
    tokens: dict[str, Token] = {}

    def add_token(name: str, token: Token) -> None:
        if name and name not in tokens:
            tokens[name] = Token(BLOCK) if name in nodetect else token

    for i, (full, short, _prov) in enumerate(data["cities"]):
        lookup.setdefault(full, (i,))
        add_token(full, Token(CITY, (i,)))
    for i, (full, short, _prov) in enumerate(data["cities"]):
        if short:
            lookup.setdefault(short, (i,))
            add_token(short, Token(CITY_SHORT, (i,)))
    for p, (full, short) in enumerate(data["provinces"]):
        add_token(full, Token(PROVINCE, province=p))
        add_token(short, Token(PROVINCE, province=p))
    for name, value in data["counties"].items():
        lookup.setdefault(name, idx(value))
        add_token(name, Token(COUNTY, idx(value)))
    for name, value in data["county_short"].items():
        lookup.setdefault(name, idx(value))
        if name in detect_short:
            add_token(name, Token(COUNTY_SHORT, idx(value)))
    for name, value in data["towns"].items():
        lookup.setdefault(name, idx(value))
        add_token(name, Token(TOWN, idx(value)))
    for name in BLOCKERS:
        tokens[name] = Token(BLOCK)
    lengths: dict[str, set[int]] = {}
    for name in tokens:
        if len(name) >= 2:
            lengths.setdefault(name[:2], set()).add(len(name))
    first2 = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
    return NameTables(lookup, tokens, first2)
