"""A diff of two versions written out as Markdown or HTML: deleted runs <del>, inserted <ins>, each
with its kind as class (edit, ocr, space); every piece of text escaped. The summary line is wording
the caller built (the core returns numbers); it is escaped too."""

from __future__ import annotations

import html
from pathlib import Path

from desktop.core.excerpts.export.files import ExportError, atomic_write, check_target
from desktop.core.excerpts.export.text_formats import md_inline, md_lines
from desktop.core.search.diff import DiffResult

DIFF_FORMATS = ("md", "html")


def _pieces(result: DiffResult):
    """(tag, kind, text) in reading order: tag is '' (same), 'del' or 'ins'."""
    a, b = result.a_text, result.b_text
    for o in result.opcodes:
        if o.op == "equal":
            yield "", "", a[o.a[0]:o.a[1]]
            continue
        if o.a[1] > o.a[0]:
            yield "del", o.kind, a[o.a[0]:o.a[1]]
        if o.b[1] > o.b[0]:
            yield "ins", o.kind, b[o.b[0]:o.b[1]]


def _lines(result: DiffResult, escape, wrap) -> list[str]:
    lines, current = [], []
    for tag, kind, text in _pieces(result):
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append("".join(current))
                current = []
            if part:
                current.append(wrap(tag, kind, escape(part)))
            elif tag and k == 0 and len(parts) > 1:
                current.append(wrap(tag, kind, "¶"))  # a line break itself deleted or inserted
    lines.append("".join(current))
    return lines


def _md_escape(text: str) -> str:
    out = md_lines(text)
    return out if isinstance(out, str) else " ".join(out)


def _wrap(tag: str, kind: str, text: str) -> str:
    return f'<{tag} class="{kind}">{text}</{tag}>' if tag else text


def markdown(result: DiffResult, title_a: str, title_b: str, summary: str) -> str:
    head = [f"# {md_inline(title_a)} ↔ {md_inline(title_b)}", "", md_inline(summary), ""]
    body = [line for line in _lines(result, _md_escape, _wrap) if line.strip()]
    return "\n".join(head + "\n\n".join(body).split("\n")) + "\n"


def html_page(result: DiffResult, title_a: str, title_b: str, summary: str) -> str:
    esc = html.escape
    body = "\n".join(f"<p>{line}</p>" for line in _lines(result, esc, _wrap) if line.strip())
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(title_a)} ↔ {esc(title_b)}</title><style>"
        "del.edit{background:#fbd0d0;color:#900}ins.edit{background:#cdeccd;color:#060;text-decoration:none}"
        "del.ocr,del.space,ins.ocr,ins.space{background:none;color:#777;text-decoration:underline dotted}"
        "</style></head><body>\n"
        f"<h1>{esc(title_a)} ↔ {esc(title_b)}</h1>\n<p class=\"summary\">{esc(summary)}</p>\n{body}\n</body></html>\n"
    )


def export_diff(result: DiffResult, path: str | Path, title_a: str, title_b: str, summary: str) -> Path:
    """Write the diff to path, its format from the suffix (.md or .html); ExportError otherwise."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in DIFF_FORMATS:
        raise ExportError(f"A diff is exported as .md or .html, not {path.suffix or 'a file without suffix'}.")
    check_target(path)
    text = (markdown if fmt == "md" else html_page)(result, title_a, title_b, summary)
    atomic_write(path, text.encode("utf-8"))
    return path
