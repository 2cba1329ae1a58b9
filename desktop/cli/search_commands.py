"""`search`, `show`, `cities`: finding and reading documents."""

from __future__ import annotations

import sys
from typing import Any

from desktop.cli.common import doc_json, open_service, print_json
from desktop.core.errors import UserInputError


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("search", parents=[common], help="search the archive")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="the query; its words may start with - (NOT): search -珠海, search 工会 -珠海")
    p.add_argument("--city")
    p.add_argument("--person")
    p.add_argument("--series")
    p.add_argument("--limit", type=int, default=20, help="0 means all")
    p.add_argument("--snippets", type=int, default=3)
    p.add_argument("--sort", choices=["relevance", "city", "series", "date", "-date"], default="relevance",
                   help="date: oldest first, -date: newest first; undated last")
    p.add_argument("--batch", metavar="FILE", help="one query per line")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", parents=[common], help="show a document")
    p.add_argument("key", metavar="ID_OR_PATH")
    p.add_argument("--json", action="store_true")
    p.add_argument("--original", action="store_true", help="print the original (uncleaned) text")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("cities", parents=[common], help="cities with document counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cities)


def _search_once(svc, query: str, args) -> dict:
    result = svc.search(query, city=args.city, person=args.person, series=args.series,
                        limit=args.limit, snippets=args.snippets, sort=args.sort, variants=True)
    return result


MAX_BATCH_LINE = 64 * 1024  # bytes; a query is cut at 2000 characters anyway


def _batch_lines(name: str):
    """The batch file's queries, read as a stream one line at a time (a pipe or /dev/zero too): a
    line longer than MAX_BATCH_LINE bytes or not UTF-8 stops the batch with a plain message."""
    try:
        f = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UserInputError(f"无法读取 {name}（{exc.strerror or exc}）")
    try:
        number = 0
        while True:
            try:
                raw = f.readline(MAX_BATCH_LINE + 1)
            except OSError as exc:
                raise UserInputError(f"无法读取 {name}（{exc.strerror or exc}）")
            if not raw:
                return
            number += 1
            if len(raw) > MAX_BATCH_LINE and not raw.endswith(b"\n"):
                raise UserInputError(f"{name} 第 {number} 行太长（超过 {MAX_BATCH_LINE // 1024} KB），"
                                     "每行应是一个查询（line too long）")
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UserInputError(f"{name} 第 {number} 行不是 UTF-8 文本（第 {exc.start + 1} 字节），"
                                     "请先把文件转成 UTF-8（not UTF-8）") from None
            yield line.rstrip("\r\n")
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def cmd_search(args) -> int:
    svc = open_service(args)
    svc.ensure_seeded()
    if args.batch:
        for line in _batch_lines(args.batch):
            if not line.strip():
                continue
            result = _search_once(svc, line, args)
            if args.json:
                print_json(result.to_json())
            else:
                _print_text(result)
            sys.stdout.flush()
        return 0
    if args.query is None:
        raise UserInputError("search needs a QUERY (or --batch FILE)")
    result = _search_once(svc, args.query, args)
    if args.json:
        print_json(result.to_json())
    else:
        _print_text(result)
    return 0


def _print_text(result) -> None:
    if result.message:
        print(f"提示: {result.message}")
    if result.partial:
        print("提示: 索引未完成，结果可能不全（运行 index 继续）")
    print(f"{result.total} 篇文档 ({result.took_ms:.1f} ms): {result.query}")
    for i, hit in enumerate(result.hits, 1):
        place = " · ".join(x for x in (hit.city, hit.person) if x)
        print(f"{i}. {hit.title}  [{place}]  匹配 {hit.matches} 处  {hit.id}")
        print(f"   {hit.path}")
        for s in hit.snippets:
            print(f"   {s}")
    if result.variants_total:
        print(f"可能的识别错误: {result.variants_total} 篇")
        for hit in result.variants:
            found = "、".join(dict.fromkeys(t for m in hit.matched for t in m["terms"]))
            print(f"   {hit.title}  （{found}）  {hit.id}")
            print(f"   {hit.path}")


def cmd_show(args) -> int:
    svc = open_service(args)
    svc.ensure_seeded()
    doc = svc.document(args.key)
    if args.json:
        data = doc_json(doc)
        data["versions"] = svc.document_versions(doc.id)
        if args.original:
            data["original"] = doc.original
        print_json(data)
        return 0
    m = doc.meta
    print(m.title)
    for label, value in (("系列", f"{m.series or ''} {m.series_no or ''}".strip()), ("人物", f"{m.person or ''} {m.role or ''}".strip()),
                         ("城市", m.city), ("记者", "、".join(m.reporters)), ("日期", m.date), ("文件", doc.path)):
        if value:
            print(f"{label}: {value}")
    print()
    print(doc.original if args.original else doc.text)
    return 0


def cmd_cities(args) -> int:
    svc = open_service(args)
    svc.ensure_seeded()
    cities = svc.cities()
    if args.json:
        print_json({"cities": [{"city": c.city, "count": c.count} for c in cities]})
    else:
        for c in cities:
            print(f"{c.city}\t{c.count}")
    return 0
