"""Entry point: `python main.py` opens the desktop app; `python main.py COMMAND ...` is the CLI."""

import sys

from desktop.entry import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
