"""`index`, `sources`, `remove`, `correct`: what the archive holds and how it is indexed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import doc_json, open_service, print_json
from desktop.core.errors import UserInputError


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("index", parents=[common], help="add folders/files and index them; no path: re-scan known folders")
    p.add_argument("paths", nargs="*")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait if another index run is in progress")
    p.add_argument("--progress-json", action="store_true", help="progress as JSON lines on stderr")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("sources", parents=[common], help="the archive's folders and skipped files")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sources)

    p = sub.add_parser("remove", parents=[common], help="remove a folder or file from the archive")
    p.add_argument("source")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("correct", parents=[common], help="correct a document's metadata (stored by the app)")
    p.add_argument("key", metavar="ID_OR_PATH")
    p.add_argument("--city")
    p.add_argument("--title")
    p.add_argument("--person")
    p.add_argument("--publication", help="the paper or site the article is from (南方日报)")
    p.add_argument("--edition", help="its printed page, 版次 (A05)")
    p.add_argument("--date", help="its publication date: 2024-10-06, 2024-10 or 2024 (empty: none)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_correct)


FORMAT_NAMES = {"text": "文本", "pdf": "PDF", "docx": "Word", "html": "网页", "epub": "EPUB", "image": "图片"}


def cmd_index(args) -> int:
    svc = open_service(args)
    last = [0.0]
    # a terminal gets one line rewritten twice a second; a log file or pipe a line every 10 seconds
    live = sys.stderr.isatty()
    every, end = (0.5, "") if live else (10.0, "\n")

    def progress(done: int, total: int, current: str) -> None:
        import time

        now = time.monotonic()
        if args.progress_json:
            sys.stderr.write(json.dumps({"done": done, "total": total, "file": current}, ensure_ascii=False) + "\n")
            sys.stderr.flush()
        elif now - last[0] > every or (done == total and live):
            last[0] = now
            name = Path(current).name[:40]
            sys.stderr.write((f"\r索引 {done}/{total} {name:<40}" if live else f"索引 {done}/{total} {name}") + end)
            sys.stderr.flush()

    import signal

    stop = {"now": False}

    def on_term(signum, frame):  # the GUI's Cancel: finish the current file, commit, exit
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_term)
    try:
        report = svc.index(args.paths or None, progress=progress, cancel=lambda: stop["now"], wait=args.wait)
    except BaseException:
        if not args.progress_json and last[0] and live:
            sys.stderr.write("\n")  # the error on a line of its own, not after the progress line
        raise
    if not args.progress_json and live:
        sys.stderr.write("\n")
    for s in report.skipped:
        sys.stderr.write(f"跳过 {s.path}: {s.reason}\n")
    state = svc.index_state()
    if args.json:
        print_json({
            "added": report.added, "updated": report.updated, "removed": report.removed,
            "unchanged": report.unchanged, "seconds": round(report.seconds, 3), "bytes": report.bytes,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "documents": state.documents, "cancelled": report.cancelled, "index": state.to_json(),
            "formats": report.formats,
        })
    else:
        print(f"{report.summary()}；共 {state.documents} 篇；用时 {report.seconds:.1f} 秒")
        for family, counts in sorted(report.formats.items()):
            print(f"  {FORMAT_NAMES.get(family, family)}: 读取 {counts['read']}，其中文字识别 {counts['ocr']}，"
                  f"跳过 {counts['skipped']}")
        if not state.complete:
            print(f"{state.describe()}（再次运行 index 可继续 / run `index` again to continue）")
    return 0


def cmd_sources(args) -> int:
    svc = open_service(args)
    state = svc.index_state()
    data = {"sources": svc.sources(), "skipped": [{"path": s.path, "reason": s.reason} for s in svc.skipped()],
            "index": state.to_json()}
    if args.json:
        print_json(data)
    else:
        print(state.describe() + ("" if state.complete else "（再次运行 index 可继续）"))
        for s in data["sources"]:
            print(s)
        for s in data["skipped"]:
            print(f"跳过 {s['path']}: {s['reason']}")
    return 0


def cmd_remove(args) -> int:
    svc = open_service(args)
    report = svc.remove_source(str(Path(args.source).expanduser().resolve()) if Path(args.source).exists() else args.source)
    print(f"removed {report.removed} documents")
    return 0


def cmd_correct(args) -> int:
    svc = open_service(args)
    names = ("city", "title", "person", "publication", "edition", "date")
    fields = {k: getattr(args, k) for k in names if getattr(args, k, None) is not None}
    if not fields:
        raise UserInputError("nothing to correct: give --city, --title, --person, --publication or --edition")
    doc = svc.correct(args.key, **fields)
    if args.json:
        print_json(doc_json(doc))
    else:
        print(f"{doc.id}: {doc.meta.title} [{doc.meta.city or ''} {doc.meta.person or ''}]")
    return 0
