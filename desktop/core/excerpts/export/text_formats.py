"""Markdown, plain text, HTML and JSON renderings of grouped excerpts."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import datetime

from desktop.core.excerpts.export.excerpt import Excerpt


def city_name(city: str, words: Mapping[str, str]) -> str:
    return city or words["unknown_city"]


# ---- Markdown: every field is text, never markup ----
#
# Whatever a note, title, path or passage holds (a line starting with #, a bare ```, <script>, a
# [link](javascript:...), a backtick in a file name), the exported document keeps its structure: the
# characters Markdown would interpret are backslash-escaped, HTML's < > & become entities, a marker at
# the start of a line (#, >, -, +, =, 1.) is escaped, and leading spaces (an indented code block) are
# written as character references.

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!$^])")
_MD_LINE_START = re.compile(r"^([ \t]*)([-+=>.:]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md_inline(text: str) -> str:
    """One line of text that renders as exactly that text (newlines become spaces)."""
    return md_lines(" ".join(str(text).splitlines()))


def md_lines(text: str) -> list[str] | str:
    """Text of any number of lines, escaped line by line (a list for several lines, else a string)."""
    out = []
    for line in str(text).split("\n"):
        line = _CONTROL.sub("", line.rstrip("\r"))
        line = line.replace("&", "&amp;")
        line = _MD_SPECIAL.sub(r"\\\1", line).replace("<", "&lt;").replace(">", "&gt;")
        line = line.replace("\\&lt;", "&lt;").replace("\\&gt;", "&gt;")
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        m = _MD_LINE_START.match(stripped)
        if m:
            marker = m.group(2)
            stripped = marker[:-1] + "\\" + marker[-1] + stripped[len(marker):]
        out.append("".join("&#9;" if c == "\t" else "&#32;" for c in indent) + stripped)
    return out if len(out) > 1 else out[0]


def md_code(text: str) -> str:
    """A code span that holds text exactly, whatever backticks it contains (its fence is longer than
    any run of backticks inside); line breaks and control characters shown as \\n, \\t."""
    text = str(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_block(text: str) -> list[str]:
    lines = md_lines(text)
    return lines if isinstance(lines, list) else [lines]


def markdown_text(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    lines = [f"# {md_inline(title)}", ""]
    for city, items in groups:
        lines += [f"## {md_inline(city_name(city, words))}", ""]
        for ex in items:
            if ex.orphan:
                lines += [md_inline(words["orphan"]), ""]
            lines += [f"> {line}" if line.strip() else ">" for line in _md_block(ex.text)]
            lines += ["", f"—— {md_inline(ex.citation())}  ", f"{md_inline(words['source'])}：{md_code(ex.source())}"]
            if ex.tags:
                lines[-1] += "  "
                lines.append(f"{md_inline(words['tags'])}：{md_inline('、'.join(ex.tags))}")
            if ex.note:
                lines[-1] += "  "
                note = _md_block(ex.note)
                note[0] = f"{md_inline(words['note'])}：{note[0]}"
                # a note of several lines stays in its paragraph: hard breaks, blank lines kept as breaks
                lines.append("  \n".join(n if n.strip() else "&#32;" for n in note))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def plain_text(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    lines = [title, "=" * max(4, len(title) * 2), ""]
    for city, items in groups:
        name = city_name(city, words)
        lines += [name, "-" * max(4, len(name) * 2), ""]
        for ex in items:
            if ex.orphan:
                lines.append(words["orphan"])
            lines += [ex.text, f"—— {ex.citation()}", f"{words['source']}：{ex.source()}"]
            if ex.tags:
                lines.append(f"{words['tags']}：{'、'.join(ex.tags)}")
            if ex.note:
                lines.append(f"{words['note']}：{ex.note}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_HTML_STYLE = """
body { font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
       sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
figure { margin: 1.2em 0; }
blockquote { margin: 0; padding: 0.2em 1em; border-left: 4px solid #b33; background: #faf7f5; }
figcaption { font-size: 0.9em; color: #555; margin-top: 0.3em; }
.path { font-family: monospace; font-size: 0.85em; color: #777; word-break: break-all; }
.note, .tags { font-size: 0.9em; } .orphan { color: #a40; font-size: 0.9em; }
"""


def html_page(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{_HTML_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
    ]
    for city, items in groups:
        out.append("<section>")
        out.append(f"<h2>{e(city_name(city, words))}</h2>")
        for ex in items:
            out.append('<figure class="excerpt">')
            if ex.orphan:
                out.append(f'<p class="orphan">{e(words["orphan"])}</p>')
            paras = "".join(f"<p>{e(p)}</p>" for p in ex.text.split("\n") if p.strip())
            out.append(f"<blockquote>{paras}</blockquote>")
            out.append(
                f"<figcaption>—— {e(ex.citation())}<br>"
                f'{e(words["source"])}：<span class="path">{e(ex.source())}</span></figcaption>'
            )
            if ex.tags:
                out.append(f'<p class="tags">{e(words["tags"])}：{e("、".join(ex.tags))}</p>')
            if ex.note:
                out.append(f'<p class="note">{e(words["note"])}：{e(ex.note)}</p>')
            out.append("</figure>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def json_text(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    data = {
        "title": title,
        "exported": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cities": [{"city": city or None, "excerpts": [ex.to_json() for ex in items]} for city, items in groups],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
