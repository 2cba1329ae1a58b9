"""The query language, parsed into a small tree. Parsing never raises.

    工会主席             every document containing that exact string (whitespace ignored)
    劳模 工匠            AND
    "广东 工会"          exact phrase (its spaces ignored, like the text's)
    劳模 OR 工匠         OR (also |)
    -茂名  NOT 茂名      NOT
    ( ... )              grouping
    city:茂名 person:黄奕奕 title:初心 series:13   field filters (also 城市: 人物: 标题: 系列:)
    date:2024 date:2024-03 date:2024-01..2024-06 date:..2023-12 date:2024-03..   dates (search/date_filter.py)

Anything unbalanced or unknown is read literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.ingest.cleaning import fold, strip_invisible

FIELDS = {
    "city": "city", "城市": "city", "市": "city",
    "person": "person", "人物": "person", "人": "person",
    "title": "title", "标题": "title",
    "series": "series", "系列": "series",
    "date": "date", "日期": "date",
}
MAX_QUERY_CHARS = 2000
MAX_TERMS = 64


@dataclass
class Term:
    text: str  # folded, whitespace removed
    raw: str
    phrase: bool = False


@dataclass
class Field:
    name: str
    value: str  # folded


@dataclass
class Not:
    child: "Node"


@dataclass
class And:
    children: list["Node"] = field(default_factory=list)


@dataclass
class Or:
    children: list["Node"] = field(default_factory=list)


Node = Term | Field | Not | And | Or


@dataclass
class ParsedQuery:
    root: Node | None
    message: str | None = None
    joined: str | None = None  # whole query as one string, when it is plain words with spaces


_TOKEN = re.compile(r'"[^"]*"?|“[^”]*”?|\(|\)|（|）|[^\s()（）"“]+')
_WS = re.compile(r"\s+")


def _term(raw: str, phrase: bool = False) -> Term | None:
    text = _WS.sub("", fold(raw))
    return Term(text, raw, phrase) if text else None


def parse(query: str) -> ParsedQuery:
    message = None
    query = strip_invisible(query)  # as the texts' match form does: 工\u200b会 is 工会, not 工 AND 会
    query = "".join(ch if ch.isprintable() or ch in " \t" else " " for ch in query)
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        message = f"查询过长，只使用了前 {MAX_QUERY_CHARS} 个字符"
    tokens = _TOKEN.findall(query)
    if len(tokens) > MAX_TERMS:
        tokens = tokens[:MAX_TERMS]
        message = f"查询词过多，只使用了前 {MAX_TERMS} 个"
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def parse_or(depth: int) -> Node | None:
        nonlocal pos
        options: list[Node] = []
        current = parse_and(depth)
        if current is not None:
            options.append(current)
        while peek() in ("OR", "|", "或"):
            pos += 1
            nxt = parse_and(depth)
            if nxt is not None:
                options.append(nxt)
        if not options:
            return None
        return options[0] if len(options) == 1 else Or(options)

    def parse_and(depth: int) -> Node | None:
        nonlocal pos
        parts: list[Node] = []
        while pos < len(tokens):
            tok = tokens[pos]
            if tok in ("OR", "|", "或"):
                break
            if tok in (")", "）"):
                if depth > 0:
                    break
                pos += 1  # an unmatched ')' is ignored
                continue
            node = parse_unary(depth)
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def parse_unary(depth: int) -> Node | None:
        nonlocal pos
        tok = tokens[pos]
        if tok in ("AND", "&&", "&"):
            pos += 1
            return None
        if tok in ("NOT", "非") or tok == "-":
            pos += 1
            if pos >= len(tokens) or tokens[pos] in ("OR", "|", ")", "）"):
                return None
            inner = parse_unary(depth)
            return Not(inner) if inner is not None else None
        if tok.startswith("-") and len(tok) > 1:
            tokens[pos] = tok[1:]
            inner = parse_unary(depth)
            return Not(inner) if inner is not None else None
        if tok in ("(", "（"):
            pos += 1
            inner = parse_or(depth + 1)
            if peek() in (")", "）"):
                pos += 1
            return inner
        pos += 1
        if tok[0] in '"“':
            body = tok[1:]
            if body.endswith('"') or body.endswith("”"):
                body = body[:-1]
            return _term(body, phrase=True)
        name, sep, value = tok.partition(":")
        if not sep:
            name, sep, value = tok.partition("：")
        if sep and name.lower() in FIELDS:
            if not value and pos < len(tokens) and tokens[pos][0] in '"“':
                value = tokens[pos].strip('"“”')
                pos += 1
            value = _WS.sub("", fold(value))
            return Field(FIELDS[name.lower()], value) if value else None
        return _term(tok)

    root = parse_or(0)
    joined = None
    if isinstance(root, And) and all(isinstance(c, Term) and not c.phrase for c in root.children):
        joined = "".join(c.text for c in root.children)  # type: ignore[union-attr]
    if root is None and not message:
        message = "查询中没有可搜索的词" if query.strip() else None
    return ParsedQuery(root, message, joined)


def positive_terms(node: Node | None) -> list[str]:
    """Strings to highlight: every term not under a NOT."""
    out: list[str] = []

    def walk(n: Node | None, negated: bool) -> None:
        if n is None:
            return
        if isinstance(n, Term):
            if not negated:
                out.append(n.text)
        elif isinstance(n, Not):
            walk(n.child, not negated)
        elif isinstance(n, (And, Or)):
            for c in n.children:
                walk(c, negated)

    walk(node, False)
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]
