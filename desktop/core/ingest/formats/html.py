"""Saved web pages: the article's main content only, through trafilatura (Apache-2.0), which also
reads the title and publication date from the page's own metadata (Open Graph, JSON-LD, <meta>).
Navigation, menus, footers, related-article lists, comments and scripts are left out. The page is
decoded by its BOM or declared charset (GBK pages are common; GB18030 is read for GBK/GB2312),
then by the archive's usual guessing."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.errors import UndecodableFile
from desktop.core.ingest.formats.common import Extracted, ReadContext, fold_compat, iso_date, read_bytes, skip, tidy

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "x-sjis": "shift_jis"}


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _XML_ENCODING.match(head.lstrip()) or _CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip().lower()
    name = _ALIASES.get(name, name)
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    from desktop.core.ingest.decoding import decode_bytes

    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies: guess
    try:
        return decode_bytes(data, path.name)
    except UndecodableFile:
        if declared:
            return data.decode(declared, errors="replace"), declared
        raise


_HEAVY = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<svg\b.*?</svg\s*>", re.S | re.I)
_INLINE_DATA = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{64,}")


def strip_heavy(markup: str) -> str:
    """Scripts, styles, comments, inline SVG and base64 images removed (never article text): the
    extractor then works on a fraction of a heavy page."""
    return _INLINE_DATA.sub("data:,", _HEAVY.sub(" ", markup))


def read(path: Path, ctx: ReadContext) -> Extracted:
    data = read_bytes(path, ctx.limits.max_html_bytes)
    markup, encoding = decode_html(path, data)
    return extract(path, data, markup, encoding, ctx)


def read_mhtml(path: Path, ctx: ReadContext) -> Extracted:
    """A page saved as one file (.mhtml/.mht: MIME multipart): its first text/html part, decoded by
    its declared charset (or the page's own), then read like any web page."""
    import email
    import email.policy

    data = read_bytes(path, ctx.limits.max_html_bytes)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        body = part.get_payload(decode=True) if part is not None else None
    except Exception as exc:
        raise skip(path, "MHTML 文件已损坏，无法读取，已跳过") from exc
    if not body:
        raise skip(path, "MHTML 文件中没有网页部分，已跳过")
    charset = part.get_content_charset()
    markup = encoding = None
    if charset:
        import codecs

        try:
            encoding = codecs.lookup(_ALIASES.get(charset.lower(), charset)).name
            markup = body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            markup = None
    if markup is None:
        markup, encoding = decode_html(path, body)
    return extract(path, data, markup, encoding, ctx)


def extract(path: Path, data: bytes, markup: str, encoding: str, ctx: ReadContext) -> Extracted:
    """The main content, title and date of decoded markup (data: the file's bytes, for its hash)."""
    if "<" not in markup[:65536]:
        raise skip(path, "文件不是网页（没有 HTML 标记），已跳过")
    markup = strip_heavy(markup)
    if len(markup) > ctx.limits.max_html_chars:
        raise skip(path, f"网页过大（去掉脚本和内嵌图片后仍有 {len(markup) // 1048576} M 字符），不像单篇文章，已跳过")
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup, include_comments=False, include_tables=True, include_images=False,
            include_links=False, with_metadata=True, favor_recall=True, deduplicate=False,
        )
        doc = doc.as_dict() if doc is not None else {}
    except Exception as exc:
        raise skip(path, "网页无法解析（文件可能已损坏），已跳过") from exc
    text = tidy(fold_compat((doc or {}).get("text") or ""))
    if not text:
        raise skip(path, "网页中没有找到正文，已跳过")
    title = ((doc or {}).get("title") or "").strip() or None
    return Extracted(text=text, data=data, encoding=encoding, format="html",
                     title=fold_compat(title) if title else None, date=iso_date((doc or {}).get("date")))
