"""EPUB (a ZIP of XHTML chapters): chapters in spine order, each chapter a page; the title and
date from the package's Dublin Core metadata. Read with zipfile and the standard library's XML and
HTML parsers; the container is checked first (truncated files, zip bombs)."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from desktop.core.ingest.formats.common import (
    Extracted,
    ReadContext,
    fold_compat,
    iso_date,
    join_pages,
    open_zip,
    read_bytes,
    skip,
    tidy,
    zip_member,
)

_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section",
           "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "pre", "hr", "figcaption", "title"}
_SKIP = {"script", "style", "head", "nav", "svg", "math"}


class _Text(HTMLParser):
    """An XHTML chapter's visible text, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def chapter_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return tidy("\n".join(line for line in lines if line))


def _xml(path: Path, data: bytes, name: str):
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise skip(path, f"EPUB 文件已损坏（{name} 无法解析），已跳过") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read(path: Path, ctx: ReadContext) -> Extracted:
    data = read_bytes(path, ctx.limits.max_file_bytes)
    zf = open_zip(path, data, ctx.limits, "EPUB")
    with zf:
        container = _xml(path, zip_member(path, zf, "META-INF/container.xml", "EPUB", ctx.limits), "container.xml")
        rootfile = next((e.get("full-path") for e in container.iter() if _local(e.tag) == "rootfile"), None)
        if not rootfile:
            raise skip(path, "EPUB 文件缺少内容目录（OPF），已跳过")
        opf = _xml(path, zip_member(path, zf, rootfile, "EPUB", ctx.limits), rootfile)
        base = posixpath.dirname(rootfile)
        manifest: dict[str, str] = {}
        spine: list[str] = []
        title = date = None
        for e in opf.iter():
            name = _local(e.tag)
            if name == "item" and e.get("id") and e.get("href"):
                manifest[e.get("id")] = posixpath.normpath(posixpath.join(base, unquote(e.get("href"))))
            elif name == "itemref" and e.get("idref") and e.get("linear", "yes") != "no":
                spine.append(e.get("idref"))
            elif name == "title" and title is None and (e.text or "").strip():
                title = e.text.strip()
            elif name == "date" and date is None and (e.text or "").strip():
                date = iso_date(e.text)
        chapters: list[str] = []
        for idref in spine[: ctx.limits.max_pdf_pages]:
            href = manifest.get(idref)
            if href is None:
                continue
            raw = zip_member(path, zf, href, "EPUB", ctx.limits)
            markup = raw.decode("utf-8", errors="replace")
            text = fold_compat(chapter_text(markup))
            if text:
                chapters.append(text)
    if not chapters:
        raise skip(path, "EPUB 中没有可读取的章节文字，已跳过")
    text, pages = join_pages(chapters)
    return Extracted(text=text, data=data, encoding="epub", format="epub", pages=pages,
                     title=fold_compat(title) if title else None, date=date)
