"""Old entry point, kept so old instructions still work: the same as `python -m bench`."""
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path[0] = str(Path(__file__).resolve().parents[1])  # the repo root, not bench/ (its modules would shadow)
    from bench.run import main

    sys.exit(main())
