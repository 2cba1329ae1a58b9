"""Markdown, plain text, HTML and JSON renderings of grouped excerpts."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from datetime import datetime

from desktop.core.excerpts.export.excerpt import Excerpt


def city_name(city: str, words: Mapping[str, str]) -> str:
    return city or words["unknown_city"]


def markdown_text(groups: list[tuple[str, list[Excerpt]]], title: str, words: Mapping[str, str]) -> str:
    lines = [f"# {title}", ""]
    for city, items in groups:
        lines += [f"## {city_name(city, words)}", ""]
        for ex in items:
            if ex.orphan:
                lines += [words["orphan"], ""]
            lines += [f"> {line}" if line.strip() else ">" for line in ex.text.split("\n")]
            lines += ["", f"—— {ex.citation()}  ", f"{words['source']}：`{ex.path}`"]
            if ex.tags:
                lines[-1] += "  "
                lines.append(f"{words['tags']}：{'、'.join(ex.tags)}")
            if ex.note:
                lines[-1] += "  "
                lines.append(f"{words['note']}：{ex.note}")
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
            lines += [ex.text, f"—— {ex.citation()}", f"{words['source']}：{ex.path}"]
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
                f'{e(words["source"])}：<span class="path">{e(ex.path)}</span></figcaption>'
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
