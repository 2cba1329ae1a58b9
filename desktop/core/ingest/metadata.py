"""Find an article's title, series, interviewee, reporters, sections, turns, captions and date.

Works on the cleaned text and its paragraphs (see cleaning.clean). The city comes from the
gazetteer; OCR disagreements between the header and the body are settled by the body.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.core.ingest import publication
from desktop.core.models import DocumentMeta, Section, Turn

_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①..⑳
_CIRCLED.update({chr(0x3251 + i): 21 + i for i in range(15)})  # ㉑..㉟
_CIRCLED.update({chr(0x32B1 + i): 36 + i for i in range(15)})  # ㊱..㊿
_SERIES = re.compile(
    r"(?P<series>[\u4e00-\u9fff]{0,12}(?:访谈|专访|系列|对话|述评|观察|巡礼)(?:录)?)\s*"
    r"(?:之|第)?\s*(?P<no>[0-9０-９]{1,3}|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|[一二三四五六七八九十]{1,3})?\s*(?:期|篇)?$"
)
_ROLE_WORDS = "主席|副主席|书记|副书记|主任|副主任|局长|市长|县长|区长|镇长|部长|厅长|理事长|会长|院长|校长|经理|董事长|委员"
_PERSON_LINE = re.compile(rf"^(?P<role>.{{2,60}}?(?:{_ROLE_WORDS}))(?P<name>[\u4e00-\u9fff]{{2,4}})\s*[:：.。]?$")
_SPEAKER = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})[:：]")
_SECTION = re.compile(r"^(?P<label>[谈淡谭](?:体会|思路|未来|发展|举措|成效|愿景|目标|感受|规划|做法|经验))[\s\"“”:：]*(?P<rest>.*)$")
_CAPTION_END = re.compile(r"(供图|摄|图片|图/|摄影)\s*$")
_BYLINE = re.compile(r"(全媒体记者|本报记者|记者|通讯员)")
_CN_NUM = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def _series_number(token: str | None) -> int | None:
    if not token:
        return None
    if token in _CIRCLED:
        return _CIRCLED[token]
    if token.isdigit():
        return int(token.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if all(c in _CN_NUM for c in token):
        if token == "十":
            return 10
        if token.startswith("十"):
            return 10 + _CN_NUM[token[1]]
        if len(token) == 3 and token[1] == "十":
            return _CN_NUM[token[0]] * 10 + _CN_NUM[token[2]]
        if len(token) == 2 and token[1] == "十":
            return _CN_NUM[token[0]] * 10
        return _CN_NUM[token[0]] if len(token) == 1 else None
    return None


def _parse_series(line: str) -> tuple[str, int | None] | None:
    """"学习…精神·工会主席访谈⑬" -> ("工会主席访谈", 13)."""
    tail = re.split(r"[·・,，:：\-—|｜ ]+", line.strip())[-1]
    m = _SERIES.search(tail)
    number = _series_number(m.group("no")) if m else None
    if not m or not m.group("series") or number is None:  # a series has a running number: 访谈⑬, 第3期
        return None
    return m.group("series"), number


def _reporters(line: str) -> list[str]:
    names: list[str] = []
    body = line.lstrip("■□● ")
    for part in re.split(r"(全媒体记者|本报记者|记者|通讯员|实习生)", body):
        part = part.strip(" /:：")
        if not part or part in ("全媒体记者", "本报记者", "记者", "通讯员", "实习生"):
            continue
        names.extend(p for p in re.split(r"[\s、,，/]+", part) if p)
    return names


def _edit_distance_one(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def extract(text: str, paragraphs: list[tuple[int, int]], *, gazetteer=None) -> DocumentMeta:
    meta = DocumentMeta()
    paras = [(s, e, text[s:e]) for s, e in paragraphs]
    header_end = 0
    header_person: str | None = None
    title_candidates: list[str] = []

    # The header: everything before the first section heading, turn, or long body paragraph.
    for i, (s, e, p) in enumerate(paras[:10]):
        if _SECTION.match(p) or p.startswith("记者:") or p.startswith("记者：") or _SPEAKER.match(p) and i > 1:
            break
        if len(p) > 60 and p[-1:] in "。！？":
            break
        header_end = i + 1
        series = _parse_series(p) if len(p) <= 60 else None
        if series and meta.series is None:
            meta.series, meta.series_no = series
            continue
        pm = _PERSON_LINE.match(p)
        if pm and header_person is None and len(p) <= 60:
            header_person = pm.group("name")
            meta.role = pm.group("role").rstrip("、，, ")
            continue
        if _BYLINE.search(p) and len(p) <= 60:
            meta.reporters = _reporters(p)
            continue
        if _CAPTION_END.search(p):
            meta.captions.append(p.lstrip("■□● "))
            continue
        mast = publication.masthead(p) if meta.publication is None else None
        if mast is not None:
            meta.publication, meta.edition = mast
            continue
        if len(p) <= 4:  # page labels such as 重点, 要闻
            continue
        if meta.edition is None and len(p) <= 20 and publication.edition_in(p):  # 第A05版 要闻
            meta.edition = publication.edition_in(p)
            continue
        title_candidates.append(p)
    if title_candidates:
        meta.title = title_candidates[0]
        # 引题 / 副题: short lines that are not sentences (a lead paragraph ends with 。)
        meta.headlines = [p for p in title_candidates[1:3] if len(p) <= 60 and not re.search(r"[。！？]", p)]
    elif paras:
        meta.title = paras[0][2][:40]

    # Sections and turns in the body.
    speakers: Counter[str] = Counter()
    current_turn: Turn | None = None
    subtitle_para = -1
    for i, (s, e, p) in enumerate(paras):
        sm = _SECTION.match(p) if len(p) <= 60 and p[-1:] not in "。" else None
        if sm and i >= 1:
            label = "谈" + sm.group("label")[1:]
            if meta.sections:
                meta.sections[-1].end = s
            rest = sm.group("rest").strip(" \"“”")
            if not rest and i + 1 < len(paras):
                nxt = paras[i + 1][2]
                if len(nxt) <= 40 and nxt[-1:] not in "。！？" and not _SPEAKER.match(nxt):
                    rest, subtitle_para = nxt, i + 1
            meta.sections.append(Section(label, rest, s, len(text)))
            current_turn = None
            continue
        if i == subtitle_para:
            continue
        if i >= header_end and (p.startswith("■") or _CAPTION_END.search(p)) and len(p) <= 80:
            meta.captions.append(p.lstrip("■□● "))
            continue
        spk = _SPEAKER.match(p)
        if spk and i >= max(header_end, 1):
            name = spk.group("name")
            kind = "question" if name in ("记者", "本报记者", "问") else "answer"
            if kind == "answer":
                speakers[name] += 1
            if current_turn is not None:
                current_turn.end = s
            sec = len(meta.sections) - 1 if meta.sections else None
            current_turn = Turn(name, kind, s, e, sec)
            meta.turns.append(current_turn)
        elif current_turn is not None:
            current_turn.end = e
    if meta.sections:
        meta.sections[-1].end = len(text)
    _settle_person(meta, header_person, speakers, text)
    _find_date(meta, text)
    if meta.publication is None:
        meta.publication = publication.source_line(text)
    if gazetteer is not None:
        head = "\n".join(p for _, _, p in paras[: max(header_end, 3)])
        try:
            meta.city = gazetteer.detect_city(text, head=head)
        except Exception:
            meta.city = None
        if meta.city is not None and not gazetteer.is_city(meta.city):  # only the gazetteer's cities
            meta.city = None
    return meta


def _settle_person(meta: DocumentMeta, header: str | None, speakers: Counter[str], text: str) -> None:
    body = speakers.most_common(1)[0][0] if speakers else None
    if header and body and header != body and _edit_distance_one(header, body):
        meta.person = body  # the body's consistent form wins over an OCR slip in the header
    elif header:
        meta.person = header
    elif body:
        meta.person = body
    else:
        found = Counter(
            m.group(1)
            for m in re.finditer(rf"(?:{_ROLE_WORDS})([\u4e00-\u9fff]{{3}})(?=当选|表示|说|介绍|指出|强调|晒|在|[,，。:：])", text)
        )
        for name, _ in found.most_common():
            if text.count(name) >= 2:
                meta.person = name
                role = re.search(rf"([\u4e00-\u9fff]{{0,12}}(?:{_ROLE_WORDS})){name}", text)
                if role and not meta.role:
                    meta.role = role.group(1).removeprefix("当选的")
                break
    for turn in meta.turns:  # name the speaker consistently in the turns too
        if turn.kind == "answer" and meta.person and _edit_distance_one(turn.speaker, meta.person):
            turn.speaker = meta.person


def _find_date(meta: DocumentMeta, text: str) -> None:
    from desktop.core.ingest.dates import from_text

    meta.date = from_text(text) or meta.date
