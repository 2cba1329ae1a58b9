"""Route the command line: no subcommand starts the desktop app, a subcommand the CLI."""

from __future__ import annotations

import os
import sys

GUI_OPTIONS_WITH_VALUE = {"--data-dir", "--screenshot", "--query", "--open", "--compare", "--lang", "--size"}
CLI_COMMANDS = {"index", "search", "show", "cities", "sources", "remove", "correct", "bookmark", "export"}


def wants_gui(argv: list[str]) -> bool:
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            return False
        if arg.startswith("-"):
            if arg in GUI_OPTIONS_WITH_VALUE:
                i += 1
            i += 1
            continue
        if arg in CLI_COMMANDS or not os.path.exists(arg):
            return False  # a subcommand (or an unknown word: the CLI explains)
        i += 1  # a folder or file: the window opens and adds it, as "open with" does
    return True


def run(argv: list[str]) -> int:
    if wants_gui(argv):
        try:
            from .app import main as app_main
        except ImportError as exc:
            sys.stderr.write(f"error: the desktop interface cannot start ({exc}); is PySide6 installed?\n")
            return 2
        return app_main(argv)
    from .cli.main import main

    return main(argv)


def main_console() -> int:
    return run(sys.argv[1:])
