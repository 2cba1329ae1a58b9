"""`python -m bench [options]`: the full benchmark (see bench/run.py)."""

import sys

from bench.run import main

sys.exit(main())
