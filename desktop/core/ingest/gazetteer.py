"""Chinese place names -> prefecture-level city, and which city an article is about.

The data (resources/gazetteer.json) is built by scripts/build_gazetteer.py from
the Ministry of Civil Affairs' division table: every prefecture-level city, every
county-level division, and every township (镇/乡/街道), each mapped to its
prefecture-level city; its name tables are built in place_names.py. Pure Python, no Qt.

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

from desktop.core.ingest.place_names import (
    BAD_SUFFIXES,
    BLOCK,
    CITY,
    CITY_SHORT,
    COUNTY,
    COUNTY_SHORT,
    FOREIGN_BEFORE,
    PROVINCE,
    SURNAMES,
    TOWN,
    Token,
    name_tables,
)

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "resources" / "gazetteer.json"

GUANGDONG = "广东省"

# Base weight of one mention, by kind.
_WEIGHT = {
    CITY: 3.0,
    CITY_SHORT: 2.0,
    COUNTY: 2.0,
    COUNTY_SHORT: 1.0,
    TOWN: 1.5,
}
_STARTS_CHUNK = 1 << 18  # characters of a long text looked at at a time for place-name starts
_HEAD_BONUS = 4.0  # a mention in the head counts this much more (on top of the text's)
_MIN_SCORE = 4.0  # below this nothing is "about" a city (one passing mention is not enough)
_DOMINANCE = 1.5  # the best city must beat the second by this factor
_SHARE = 0.45  # ... and hold this share of all cities' scores (roundups name many)
_DATELINE_WEIGHT = 0.5  # "新华社北京6月24日电": where it was filed, not what it is about
_DATELINE = re.compile(r"\s*[（(]?\d{1,2}月\d{1,2}日")
_MAX_AMBIGUOUS = 6  # an ambiguous name with more candidates is used only through context


@dataclass
class _Hit:
    start: int
    end: int
    token: Token
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
        self._weak: frozenset[str] = frozenset(data.get("weak", ()))
        tables = name_tables(data)
        self._lookup, self._tokens, self._first2 = tables.lookup, tables.tokens, tables.first2
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
            if kind == BLOCK:
                prev_end = end
                continue
            if kind in (CITY_SHORT, COUNTY_SHORT):
                if (
                    text.startswith(BAD_SUFFIXES, end)
                    or (text.startswith("街", end) and not text.startswith("街道", end))
                    or (
                        start > 0
                        and start != prev_end
                        and (
                            text[start - 1] in SURNAMES
                            or (word[-1] == "州" and text[start - 1] in FOREIGN_BEFORE)
                        )
                    )
                ):
                    prev_end = end
                    continue
            elif kind == COUNTY and word[-1] == "区" and text.startswith("域", end):
                prev_end = end  # 顺德区域, 新建区域: "region", not the district
                continue
            base = 1.0 if kind == PROVINCE else _WEIGHT[kind]
            if kind == TOWN and not any(
                self._city_province[c] == self._guangdong for c in token.cities
            ):
                base = 1.0
            if (
                kind in (CITY, CITY_SHORT)
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
            if h.token.kind == TOWN and len(h.token.cities) == 1 and not h.weak:
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
            elif t.kind == PROVINCE:
                prov[t.province] = prov.get(t.province, 0.0) + h.weight
            elif t.kind == CITY_SHORT and h.text in stems:
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