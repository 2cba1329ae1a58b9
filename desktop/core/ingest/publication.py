"""Which paper an article is from (南方日报, 广东工人报, …) and its printed page (版次), from the text's
header line or a 来源 line, or from the name of a folder holding the file."""

from __future__ import annotations

import re
from pathlib import PurePath

_NAME = r"[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|时报|商报|工人报|青年报|法治报|都市报|特区报|经济报|周报|周刊|导报|参考|新闻网|报)"
_EDITION = re.compile(r"第\s*([A-Za-z]?\d{1,3})\s*版|(?<![A-Za-z0-9])([A-Z]\d{1,3})\s*版")
# a header line that is the paper's masthead, maybe with its date and page: 南方日报 2024年12月29日 第A05版
_MASTHEAD = re.compile(rf"^《?(?P<name>{_NAME})》?(?:[\s·|｜/,，]*(?:\d{{4}}\s*年.*|第\s*[A-Za-z]?\d{{1,3}}\s*版.*|[A-Z]\d{{1,3}}\s*版.*))?$")
# 来源：南方日报 / （来源：《广东工人报》）/ 本文来源：…
_SOURCE = re.compile(rf"(?:本文)?来源\s*[:：]\s*《?(?P<name>{_NAME}|[\u4e00-\u9fff]{{2,12}}(?:网|客户端|电视台|广播电台))》?")
_FOLDER = re.compile(rf"^(?P<name>{_NAME})(?:[\s_\-]*\d{{2,8}})?$")


def edition_in(line: str) -> str | None:
    m = _EDITION.search(line)
    return (m.group(1) or m.group(2)).upper() if m else None


def masthead(line: str) -> tuple[str, str | None] | None:
    """(paper, edition) if this short header line is a masthead."""
    line = line.strip()
    if len(line) > 40:
        return None
    m = _MASTHEAD.match(line)
    return (m.group("name"), edition_in(line)) if m else None


def source_line(text: str) -> str | None:
    """The paper named by a 来源 line anywhere in the text."""
    m = _SOURCE.search(text)
    return m.group("name") if m else None


def from_path(path: str) -> str | None:
    """A paper named by one of the file's folders (the nearest first): …/南方日报/2024/…"""
    for part in reversed(PurePath(path).parts[:-1]):
        m = _FOLDER.match(part.strip())
        if m:
            return m.group("name")
    return None
