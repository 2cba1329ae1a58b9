"""Route the command line: no subcommand (or GUI options) starts the app, anything else the CLI."""

from __future__ import annotations

CLI_COMMANDS = {"index", "search", "show", "cities", "sources", "remove", "correct", "bookmark", "export", "-h", "--help"}


def run(argv: list[str]) -> int:
    words = [a for a in argv if not a.startswith("--data-dir")]
    if any(a in CLI_COMMANDS for a in argv[:3]) and not any(a.startswith("--screenshot") for a in argv):
        from .cli import main

        return main(argv)
    from .app import main as app_main

    return app_main(argv)


def main_console() -> int:
    import sys

    return run(sys.argv[1:])
