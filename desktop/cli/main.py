"""The command line: a second client of the engine, for scripts, tests and benchmarks.

Exit codes: 0 success, 2 a user's error (one line on stderr), 3 the index is busy.
"""

from __future__ import annotations

import sys

from desktop.cli.parser import build_parser, search_words
from desktop.core.errors import ArchiveError, IndexBusy, UserInputError


def main(argv: list[str] | None = None) -> int:
    from desktop.cli.common import safe_console

    safe_console()
    try:
        parser = build_parser()
        args = parser.parse_args(search_words(parser, list(sys.argv[1:] if argv is None else argv)))
        if args.command is None:
            parser.print_help()
            return 0
        handler = getattr(args, "handler", None)
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
        from desktop.core.errors import storage_error

        translated = storage_error(exc, "the archive")
        if translated is not None:  # a write path not wrapped by the engine: still the plain sentence
            sys.stderr.write(f"error: {translated}\n")
            return 2
        import logging
        import traceback

        from desktop.core import paths

        try:
            log = paths.cache_dir() / "error.log"
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f" (details in {log})"
        except Exception:
            where = ""
        logging.getLogger(__name__).debug("unexpected", exc_info=True)
        sys.stderr.write(f"error: unexpected {exc.__class__.__name__}: {exc}{where}\n")
        return 1
