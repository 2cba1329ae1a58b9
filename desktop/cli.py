"""The command line: a second client of the engine, for scripts, tests and benchmarks.

Exit codes: 0 success, 2 a user's error (one line on stderr), 3 the index is busy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .core.errors import ArchiveError, IndexBusy, UserInputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UserInputError(message)


def _data_dir_parent(default=argparse.SUPPRESS) -> argparse.ArgumentParser:
    """--data-dir on every subcommand; SUPPRESS keeps a value given before the command."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data-dir", metavar="DIR", default=default,
                        help="archive data folder (default: ARCHIVE_BROWSER_HOME or the user data dir)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    common = _data_dir_parent()
    parser = _Parser(prog="main.py", description="离线新闻档案浏览器 / offline Chinese news archive browser",
                     parents=[_data_dir_parent(None)])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("index", parents=[common], help="add folders/files and index them; no path: re-scan known folders")
    p.add_argument("paths", nargs="*")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait if another index run is in progress")
    p.add_argument("--progress-json", action="store_true", help="progress as JSON lines on stderr")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", parents=[common], help="search the archive")
    p.add_argument("query", nargs="?")
    p.add_argument("--city")
    p.add_argument("--person")
    p.add_argument("--series")
    p.add_argument("--limit", type=int, default=20, help="0 means all")
    p.add_argument("--snippets", type=int, default=3)
    p.add_argument("--sort", choices=["relevance", "city", "series"], default="relevance")
    p.add_argument("--batch", metavar="FILE", help="one query per line")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", parents=[common], help="show a document")
    p.add_argument("key", metavar="ID_OR_PATH")
    p.add_argument("--json", action="store_true")
    p.add_argument("--original", action="store_true", help="print the original (uncleaned) text")

    p = sub.add_parser("cities", parents=[common], help="cities with document counts")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("sources", parents=[common], help="the archive's folders and skipped files")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("remove", parents=[common], help="remove a folder or file from the archive")
    p.add_argument("source")

    p = sub.add_parser("correct", parents=[common], help="correct a document's metadata (stored by the app)")
    p.add_argument("key", metavar="ID_OR_PATH")
    p.add_argument("--city")
    p.add_argument("--title")
    p.add_argument("--person")
    p.add_argument("--json", action="store_true")

    try:
        from .cli_excerpts import register
    except ImportError:
        register = None
    if register is not None:
        register(sub, common)
    return parser


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _service(args):
    from .core.service import ArchiveService

    return ArchiveService(args.data_dir)


def cmd_index(args) -> int:
    svc = _service(args)
    last = [0.0]

    def progress(done: int, total: int, current: str) -> None:
        import time

        now = time.monotonic()
        if args.progress_json:
            sys.stderr.write(json.dumps({"done": done, "total": total, "file": current}, ensure_ascii=False) + "\n")
            sys.stderr.flush()
        elif now - last[0] > 0.5 or done == total:
            last[0] = now
            sys.stderr.write(f"\r索引 {done}/{total} {Path(current).name[:40]:<40}")
            sys.stderr.flush()

    import signal

    stop = {"now": False}

    def on_term(signum, frame):  # the GUI's Cancel: finish the current file, commit, exit
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_term)
    report = svc.index(args.paths or None, progress=progress, cancel=lambda: stop["now"], wait=args.wait)
    if not args.progress_json:
        sys.stderr.write("\n")
    for s in report.skipped:
        sys.stderr.write(f"跳过 {s.path}: {s.reason}\n")
    state = svc.index_state()
    if args.json:
        _print_json({
            "added": report.added, "updated": report.updated, "removed": report.removed,
            "unchanged": report.unchanged, "seconds": round(report.seconds, 3), "bytes": report.bytes,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "documents": state.documents, "cancelled": report.cancelled, "index": state.to_json(),
        })
    else:
        print(f"{report.summary()}; {state.documents} documents; {report.seconds:.1f} s")
        if not state.complete:
            print(f"{state.describe()}（再次运行 index 可继续 / run `index` again to continue）")
    return 0


def _search_once(svc, query: str, args) -> dict:
    result = svc.search(query, city=args.city, person=args.person, series=args.series,
                        limit=args.limit, snippets=args.snippets, sort=args.sort)
    return result


def cmd_search(args) -> int:
    svc = _service(args)
    svc.ensure_seeded()
    if args.batch:
        try:
            lines = Path(args.batch).read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise UserInputError(f"cannot read {args.batch}: {exc.strerror or exc}")
        for line in lines:
            if not line.strip():
                continue
            result = _search_once(svc, line, args)
            if args.json:
                _print_json(result.to_json())
            else:
                _print_text(result)
        return 0
    if args.query is None:
        raise UserInputError("search needs a QUERY (or --batch FILE)")
    result = _search_once(svc, args.query, args)
    if args.json:
        _print_json(result.to_json())
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


def _doc_json(doc) -> dict:
    m = doc.meta
    return {
        "id": doc.id, "path": doc.path, "encoding": doc.encoding,
        "title": m.title, "series": m.series, "series_no": m.series_no,
        "person": m.person, "role": m.role, "reporters": m.reporters, "city": m.city, "date": m.date,
        "captions": m.captions,
        "sections": [s.__dict__ for s in m.sections],
        "turns": [t.__dict__ for t in m.turns],
        "corrected": doc.corrected,
        "text": doc.text,
    }


def cmd_show(args) -> int:
    svc = _service(args)
    svc.ensure_seeded()
    doc = svc.document(args.key)
    if args.json:
        data = _doc_json(doc)
        if args.original:
            data["original"] = doc.original
        _print_json(data)
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
    svc = _service(args)
    svc.ensure_seeded()
    cities = svc.cities()
    if args.json:
        _print_json({"cities": [{"city": c.city, "count": c.count} for c in cities]})
    else:
        for c in cities:
            print(f"{c.city}\t{c.count}")
    return 0


def cmd_sources(args) -> int:
    svc = _service(args)
    state = svc.index_state()
    data = {"sources": svc.sources(), "skipped": [{"path": s.path, "reason": s.reason} for s in svc.skipped()],
            "index": state.to_json()}
    if args.json:
        _print_json(data)
    else:
        print(state.describe() + ("" if state.complete else "（再次运行 index 可继续）"))
        for s in data["sources"]:
            print(s)
        for s in data["skipped"]:
            print(f"跳过 {s['path']}: {s['reason']}")
    return 0


def cmd_remove(args) -> int:
    svc = _service(args)
    report = svc.remove_source(str(Path(args.source).expanduser().resolve()) if Path(args.source).exists() else args.source)
    print(f"removed {report.removed} documents")
    return 0


def cmd_correct(args) -> int:
    svc = _service(args)
    fields = {k: v for k, v in (("city", args.city), ("title", args.title), ("person", args.person)) if v is not None}
    if not fields:
        raise UserInputError("nothing to correct: give --city, --title or --person")
    doc = svc.correct(args.key, **fields)
    if args.json:
        _print_json(_doc_json(doc))
    else:
        print(f"{doc.id}: {doc.meta.title} [{doc.meta.city or ''} {doc.meta.person or ''}]")
    return 0


COMMANDS = {
    "index": cmd_index, "search": cmd_search, "show": cmd_show, "cities": cmd_cities,
    "sources": cmd_sources, "remove": cmd_remove, "correct": cmd_correct,
}


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        handler = COMMANDS.get(args.command) or getattr(args, "handler", None)
        if handler is None:
            raise UserInputError(f"unknown command {args.command}")
        return handler(args)
    except IndexBusy as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 3
    except (UserInputError, ArchiveError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        sys.stderr.write(f"error: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}\n")
        return 2
    except Exception as exc:  # never a traceback for the user; details go to the log
        import logging
        import traceback

        from .core import paths

        try:
            log = paths.cache_dir() / "error.log"
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" (details in {log})"
        except Exception:
            where = ""
        logging.getLogger(__name__).debug("unexpected", exc_info=True)
        sys.stderr.write(f"error: unexpected {exc.__class__.__name__}: {exc}{where}\n")
        return 1
