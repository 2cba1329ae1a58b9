"""Chinese place names -> prefecture-level city, and which city an article is about.

The data (resources/gazetteer.json) is built by scripts/build_gazetteer.py from
the Ministry of Civil Affairs' division table: every prefecture-level city, every
county-level division, and every township (镇/乡/街道), each mapped to its
prefecture-level city. Pure Python, no Qt.

Detection scans a text once, left to right, taking the longest known name at
each position (so "广东营商" reads as 广东 + 营商, never as 东营). Candidate
positions come from a set of the names' first two characters, so the cost is
one set look-up per character plus a few dict look-ups per candidate.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "resources" / "gazetteer.json"

GUANGDONG = "广东省"

# Token kinds.
_PROVINCE, _CITY, _CITY_SHORT, _COUNTY, _COUNTY_SHORT, _TOWN, _BLOCK = range(7)

# Base weight of one mention, by kind.
_WEIGHT = {
    _CITY: 3.0,
    _CITY_SHORT: 2.0,
    _COUNTY: 2.0,
    _COUNTY_SHORT: 1.0,
    _TOWN: 1.5,
}
_STARTS_CHUNK = 1 << 18  # characters of a long text looked at at a time for place-name starts
_HEAD_BONUS = 4.0  # a mention in the head counts this much more (on top of the text's)
_MIN_SCORE = 4.0  # below this nothing is "about" a city (one passing mention is not enough)
_DOMINANCE = 1.5  # the best city must beat the second by this factor
_SHARE = 0.45  # ... and hold this share of all cities' scores (roundups name many)
_DATELINE_WEIGHT = 0.5  # "新华社北京6月24日电": where it was filed, not what it is about
_DATELINE = re.compile(r"\s*[（(]?\d{1,2}月\d{1,2}日")
_MAX_AMBIGUOUS = 6  # an ambiguous name with more candidates is used only through context

# Words that contain a place name but are something else: consumed, never scored.
_BLOCKERS = (
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
_BAD_SUFFIXES = (
    "大学", "学院", "医院", "医科", "路", "大道", "大街", "公园", "站", "纪念", "先生",
    "同志", "女士", "陵", "装", "舰", "号", "时间", "合作组织", "条约", "堂", "师范",
    "宣言", "共识", "精神", "卫星发射", "航天发射",
)
# A short name ending in 州 right after one of these is the tail of a foreign
# place (佛罗里达州, 苏梅州, 马里兰州), not 达州/梅州/兰州.
_FOREIGN_BEFORE = frozenset(
    "华尼亚斯里苏克罗拉纳萨塞弗伊阿俄特尔丹卡哈科基波维莱索蒂奥多佩芬朗贝布普利洛曼韦赫兹茨"
    "乌杰戈加米图塔穆雅埃因蒙谢契希瑞诺鲁沃瓦"
)
# A short name right after one of these surnames is usually part of a person's
# name (孙中山, 李长春). Characters that often end other words (于, 向, 江, 苏,
# 林, 金, 石, 高, 方, 白, 万, 龙, 武, 习, 史, 田 ...) are left out on purpose.
_SURNAMES = frozenset(
    "孙李王张刘陈杨赵吴周徐朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖萧董袁潘蒋蔡余杜叶程魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范廖贾韦邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱严覃戴莫孔汤"
)


@dataclass(frozen=True)
class _Token:
    """What a name found in text means."""

    kind: int
    cities: tuple[int, ...] = ()
    province: int = -1


@dataclass
class _Hit:
    start: int
    end: int
    token: _Token
    text: str
    weight: float
    source: int = 0  # 0: the text, 1: the head
    weak: bool = False  # counts only right after its county or city
    city: int = -1  # resolved city, -1 while unknown / dropped


class Gazetteer:
    """Place-name look-ups and city detection over the bundled gazetteer."""

    def __init__(self, data: dict) -> None:
        """Build the look-up tables from the JSON structure (see scripts/build_gazetteer.py)."""
        self._provinces: list[str] = [p[0] for p in data["provinces"]]
        self._province_short: list[str] = [p[1] for p in data["provinces"]]
        self._cities: list[str] = [c[0] for c in data["cities"]]
        self._city_province: list[int] = [c[2] for c in data["cities"]]
        gd = self._provinces.index(GUANGDONG) if GUANGDONG in self._provinces else -2
        self._guangdong = gd
        nodetect = set(data.get("nodetect", ()))
        detect_short = set(data.get("detect_short", ()))
        self._weak: frozenset[str] = frozenset(data.get("weak", ()))

        def idx(value: int | list[int]) -> tuple[int, ...]:
            return (value,) if isinstance(value, int) else tuple(value)

        # name -> candidate cities, for look-ups (all names, including unsafe ones)
        lookup: dict[str, tuple[int, ...]] = {}
        tokens: dict[str, _Token] = {}

        def add_token(name: str, token: _Token) -> None:
            if name and name not in tokens:
                tokens[name] = _Token(_BLOCK) if name in nodetect else token

        for i, (full, short, _prov) in enumerate(data["cities"]):
            lookup.setdefault(full, (i,))
            add_token(full, _Token(_CITY, (i,)))
        for i, (full, short, _prov) in enumerate(data["cities"]):
            if short:
                lookup.setdefault(short, (i,))
                add_token(short, _Token(_CITY_SHORT, (i,)))
        for p, (full, short) in enumerate(data["provinces"]):
            add_token(full, _Token(_PROVINCE, province=p))
            add_token(short, _Token(_PROVINCE, province=p))
        for name, value in data["counties"].items():
            lookup.setdefault(name, idx(value))
            add_token(name, _Token(_COUNTY, idx(value)))
        for name, value in data["county_short"].items():
            lookup.setdefault(name, idx(value))
            if name in detect_short:
                add_token(name, _Token(_COUNTY_SHORT, idx(value)))
        for name, value in data["towns"].items():
            lookup.setdefault(name, idx(value))
            add_token(name, _Token(_TOWN, idx(value)))
        for name in _BLOCKERS:
            tokens[name] = _Token(_BLOCK)
        self._lookup = lookup
        self._tokens = tokens
        # first two characters -> lengths of the names starting with them, longest first
        lengths: dict[str, set[int]] = {}
        for name in tokens:
            if len(name) >= 2:
                lengths.setdefault(name[:2], set()).add(len(name))
        self._first2: dict[str, tuple[int, ...]] = {
            k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()
        }
        self._pair_table = None  # the same pairs as a numpy look-up table, made on first long scan

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        """The gazetteer at ``path`` (default resources/gazetteer.json), loaded once per path."""
        key = Path(path or DEFAULT_PATH).resolve()
        with _CACHE_LOCK:
            cached = _CACHE.get(key)
            if cached is None:
                cached = cls(json.loads(key.read_text(encoding="utf-8")))
                _CACHE[key] = cached
            return cached

    # ------------------------------------------------------------------ look-ups

    def cities(self) -> list[str]:
        """Every prefecture-level city's full name (plus municipalities and
        province-administered county-level units such as 仙桃市)."""
        return list(self._cities)

    def city_named(self, user_text: str) -> str | None:
        """The city a user's text names exactly: a city's full or short name, or another place name
        of exactly one city (南海区 -> 佛山市), with or without its province in front. Unlike
        :meth:`normalize_city`, no leading part of a longer text is taken (北京路 is no city)."""
        text = user_text.strip().strip(",，。.;；:：、 ")
        for name in dict.fromkeys((text, self._strip_province(text))):
            cands = self._lookup.get(name)
            if cands:
                if len(cands) == 1:
                    return self._cities[cands[0]]
                gd = [c for c in cands if self._city_province[c] == self._guangdong]
                return self._cities[gd[0]] if len(gd) == 1 else None
        return None

    def is_city(self, name: str | None) -> bool:
        """Whether name is exactly one of :meth:`cities` (the only values a city field may hold)."""
        names = self.__dict__.get("_city_names")
        if names is None:
            names = self.__dict__["_city_names"] = frozenset(self._cities)
        return name in names

    def provinces(self) -> list[str]:
        """Every province-level name that is not itself a city (广东省, 香港特别行政区 ...)."""
        return list(self._provinces)

    def province_of(self, city: str) -> str | None:
        """The province of a city's full name ("佛山市" -> "广东省"); None for municipalities."""
        cands = self._lookup.get(city)
        if not cands or len(cands) != 1:
            return None
        p = self._city_province[cands[0]]
        return self._provinces[p] if p >= 0 else None

    def city_of(self, name: str) -> str | None:
        """The prefecture-level city of a place name: "茂名"/"茂名市" -> "茂名市",
        "南海区"/"九江镇" -> "佛山市". An ambiguous name resolves only when exactly
        one candidate is in Guangdong; otherwise None."""
        name = name.strip()
        if not name:
            return None
        cands = self._lookup.get(name)
        if cands is None:
            cands = self._lookup.get(self._strip_province(name))
        if cands is None:
            # "佛山市南海区", "南海区九江镇": the longest known leading name
            rest = self._strip_province(name)
            for end in range(len(rest) - 1, 1, -1):
                cands = self._lookup.get(rest[:end])
                if cands is not None:
                    break
        if not cands:
            return None
        if len(cands) == 1:
            return self._cities[cands[0]]
        gd = [c for c in cands if self._city_province[c] == self._guangdong]
        return self._cities[gd[0]] if len(gd) == 1 else None

    def normalize_city(self, user_text: str) -> str | None:
        """A user's city filter text as a city's full name: "茂名" -> "茂名市"."""
        text = user_text.strip().strip(",，。.;；:：、 ")
        return self.city_of(text) if text else None

    def _strip_province(self, name: str) -> str:
        for full, short in zip(self._provinces, self._province_short):
            for prefix in (full, short):
                if name.startswith(prefix) and len(name) > len(prefix):
                    return name[len(prefix):]
        return name

    # ------------------------------------------------------------------ detection

    def _starts(self, text: str) -> Iterable[int]:
        """Offsets where a place name may begin (its first two characters start some name), in order."""
        if len(text) < 64:
            first2 = self._first2
            return [i for i in range(len(text) - 1) if text[i : i + 2] in first2]
        if self._pair_table is None:
            self._pair_table = self._make_pair_table()
        import numpy as np

        first_id, second_id, width, table = self._pair_table
        if len(text) <= _STARTS_CHUNK:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            return np.flatnonzero(table[first_id[codes[:-1]] * width + second_id[codes[1:]]]).tolist()
        return self._starts_by_piece(text, np, first_id, second_id, width, table)

    @staticmethod
    def _starts_by_piece(text: str, np, first_id, second_id, width, table) -> Iterator[int]:
        """_starts of a long text a piece at a time: memory stays that of one piece, not of every offset."""
        for s in range(0, len(text) - 1, _STARTS_CHUNK):
            codes = np.frombuffer(text[s : s + _STARTS_CHUNK + 1].encode("utf-32-le"), dtype=np.uint32)
            yield from (np.flatnonzero(table[first_id[codes[:-1]] * width + second_id[codes[1:]]]) + s).tolist()

    def _make_pair_table(self):
        """Every character pair that starts a name, as a look-up table over numbered characters."""
        import numpy as np

        first_id = np.zeros(0x110000, dtype=np.int32)  # character -> its number as a first character
        second_id = np.zeros(0x110000, dtype=np.int32)
        for i, ch in enumerate(sorted({k[0] for k in self._first2}), 1):
            first_id[ord(ch)] = i
        for i, ch in enumerate(sorted({k[1] for k in self._first2}), 1):
            second_id[ord(ch)] = i
        width = int(second_id.max()) + 1
        table = np.zeros((int(first_id.max()) + 1) * width, dtype=bool)
        for k in self._first2:
            table[first_id[ord(k[0])] * width + second_id[ord(k[1])]] = True
        return first_id, second_id, width, table

    def _scan(self, text: str, weight_factor: float, source: int = 0) -> list[_Hit]:
        """All usable place mentions in ``text``, in order; ``source`` tags them (0 text, 1 head)."""
        hits: list[_Hit] = []
        tokens = self._tokens
        first2 = self._first2
        prev_end = -1
        pos = 0
        for start in self._starts(text):
            if start < pos:
                continue
            for length in first2[text[start : start + 2]]:
                word = text[start : start + length]
                token = tokens.get(word)
                if token is not None:
                    break
            else:
                continue
            end = pos = start + len(word)
            kind = token.kind
            if kind == _BLOCK:
                prev_end = end
                continue
            if kind in (_CITY_SHORT, _COUNTY_SHORT):
                if (
                    text.startswith(_BAD_SUFFIXES, end)
                    or (text.startswith("街", end) and not text.startswith("街道", end))
                    or (
                        start > 0
                        and start != prev_end
                        and (
                            text[start - 1] in _SURNAMES
                            or (word[-1] == "州" and text[start - 1] in _FOREIGN_BEFORE)
                        )
                    )
                ):
                    prev_end = end
                    continue
            elif kind == _COUNTY and word[-1] == "区" and text.startswith("域", end):
                prev_end = end  # 顺德区域, 新建区域: "region", not the district
                continue
            base = 1.0 if kind == _PROVINCE else _WEIGHT[kind]
            if kind == _TOWN and not any(
                self._city_province[c] == self._guangdong for c in token.cities
            ):
                base = 1.0
            if (
                kind in (_CITY, _CITY_SHORT)
                and text[end : end + 1].isdigit()
                and _DATELINE.match(text, end)
            ):
                base = _DATELINE_WEIGHT
            hits.append(_Hit(start, end, token, word, base * weight_factor, source, word in self._weak))
            prev_end = end
        return hits

    def detect_city(self, text: str, *, head: str = "") -> str | None:
        """The prefecture-level city ``text`` is about, or None when no city dominates.

        ``head`` is the article's first lines (title, the interviewee line);
        mentions there weigh much more. ``text`` is the whole cleaned text.
        """
        ranked = self.city_scores(text, head=head)
        if not ranked:
            return None
        best, s1 = ranked[0]
        s2 = ranked[1][1] if len(ranked) > 1 else 0.0
        if s1 < _MIN_SCORE or s1 < _DOMINANCE * s2 or s1 < _SHARE * sum(v for _, v in ranked):
            return None
        return best

    def city_scores(self, text: str, *, head: str = "") -> list[tuple[str, float]]:
        """Every city mentioned with its weighted score, best first (what
        :meth:`detect_city` decides on; handy for explaining a result)."""
        hits = self._scan(text, 1.0)
        if head:
            hits += self._scan(head, _HEAD_BONUS, 1)
        if not hits:
            return []
        scores: dict[int, float] = {}
        prov: dict[int, float] = {}
        cities = self._city_province

        # Towns seen in the text: a bare city short name equal to a town's stem
        # (九江 next to 九江镇 of 佛山) means that town.
        stems: dict[str, int] = {}
        for h in hits:
            if h.token.kind == _TOWN and len(h.token.cities) == 1 and not h.weak:
                stem = h.text[:-2] if h.text.endswith("街道") else h.text[:-1]
                if len(stem) >= 2:
                    stems[stem] = h.token.cities[0]

        ambiguous: list[tuple[_Hit, _Hit | None]] = []
        prev: _Hit | None = None
        for h in hits:
            t = h.token
            if h.weak:
                chained = (
                    prev is not None
                    and prev.source == h.source
                    and prev.end == h.start
                    and prev.city in t.cities
                )
                if not chained:
                    prev = h
                    continue
                h.city = prev.city
            elif t.kind == _PROVINCE:
                prov[t.province] = prov.get(t.province, 0.0) + h.weight
            elif t.kind == _CITY_SHORT and h.text in stems:
                h.city = stems[h.text]
            elif len(t.cities) == 1:
                h.city = t.cities[0]
            else:
                ambiguous.append((h, prev))
            if h.city >= 0:
                scores[h.city] = scores.get(h.city, 0.0) + h.weight
            prev = h

        # Resolve ambiguous names: a chain (南海区九江镇) first, then the city or
        # province the rest of the text points to, then Guangdong.
        for h, before in ambiguous:
            cands = h.token.cities
            choice = -1
            if (
                before is not None
                and before.source == h.source
                and before.end == h.start
                and before.city in cands
            ):
                choice = before.city
            else:
                best = max(cands, key=lambda c: scores.get(c, 0.0))
                if scores.get(best, 0.0) > 0 and sum(
                    1 for c in cands if scores.get(c, 0.0) == scores[best]
                ) == 1:
                    choice = best
                elif len(cands) <= _MAX_AMBIGUOUS:
                    pscore = {c: prov.get(cities[c], 0.0) for c in cands}
                    top = max(pscore.values())
                    tops = [c for c in cands if pscore[c] == top]
                    if top > 0 and len(tops) == 1:
                        choice = tops[0]
                    else:
                        gd = [c for c in tops if cities[c] == self._guangdong]
                        if len(gd) == 1 and prov.get(self._guangdong, 0.0) > 0:
                            choice = gd[0]
            if choice >= 0:
                h.city = choice
                scores[choice] = scores.get(choice, 0.0) + h.weight * 0.75

        if not scores:
            return []
        # Cities of the provinces the text talks about get a small lift, so a
        # Guangdong article prefers Guangdong places.
        for c in scores:
            p = cities[c]
            if p >= 0:
                scores[c] += 0.25 * min(prov.get(p, 0.0), 4.0)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(self._cities[c], round(v, 3)) for c, v in ranked]


_CACHE: dict[Path, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()
