"""`python -m bench [options]`: the full benchmark (see bench/run.py); `python -m bench --scale ...`:
the scale benchmark (see bench/scale.py); `--versions`: version groups (bench/versions.py);
`--diff`: the compare view's diff (bench/diff.py); `--concordance`: KWIC (bench/concordance.py);
`--ocr`: OCR accuracy and speed (bench/ocr.py); `--formats`: extraction per format (bench/formats.py)."""

import sys

if "--scale" in sys.argv[1:]:
    from bench.scale import main
elif "--versions" in sys.argv[1:]:
    from bench.versions import main
elif "--diff" in sys.argv[1:]:
    from bench.diff import main
elif "--concordance" in sys.argv[1:]:
    from bench.concordance import main
elif "--ocr" in sys.argv[1:]:
    from bench.ocr import main
elif "--formats" in sys.argv[1:]:
    from bench.formats import main
else:
    from bench.run import main

sys.exit(main())
