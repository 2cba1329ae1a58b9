"""Issue 13, item 9: one huge line (a whole archive dumped without line breaks) indexes with memory
bounded by a small multiple of the file. The per-character structures are arrays, and the long
passes (bigram tokens, place-name starts, word segmentation) go a piece at a time; each piecewise
pass must give exactly what the whole-text pass gives."""

from __future__ import annotations

import json
import operator
import random
import subprocess
import sys
from array import array
from collections import Counter

from desktop.core.index import segmenter, store, word_schema
from desktop.core.ingest import gazetteer as gazetteer_module
from desktop.core.ingest.cleaning import clean
from tests.reliability.conftest import SEED_TEXTS, cli_args, cli_env, run_cli

ONE_LINE = "".join(t.replace("\n", "") for t in SEED_TEXTS.values())


def _whole_bigrams(match: str) -> str:
    return " ".join(map(operator.add, match, match[1:])) + " " + match[-1]


def test_bigrams_by_piece_are_the_whole_texts_bigrams(monkeypatch):
    rng = random.Random(9)
    for chunk in (1, 2, 5, 64, 1000):
        monkeypatch.setattr(store, "BIGRAM_CHUNK", chunk)
        for n in (64, 65, 66, 129, 1001, 3000):
            match = "".join(rng.choice("工会中国广东省abc1") for _ in range(n))
            assert store.bigrams(match) == _whole_bigrams(match), (chunk, n)


def test_words_by_piece_are_the_whole_texts_words():
    text = ONE_LINE * 2
    whole = Counter(segmenter.cut_all(text))
    for size in (40, 300, 5000):
        pieces = list(word_schema.pieces(text, size))
        assert "".join(pieces) == text and len(pieces) > 2
        assert Counter(w for p in pieces for w in segmenter.cut_all(p)) == whole, size


def test_place_name_starts_by_piece_are_the_whole_texts(monkeypatch):
    gaz = gazetteer_module.Gazetteer.load()
    text = ONE_LINE
    whole = list(gaz._starts(text))
    monkeypatch.setattr(gazetteer_module, "_STARTS_CHUNK", 97)
    assert list(gaz._starts(text)) == whole
    assert gaz.city_scores(text) == gaz.city_scores(text)  # deterministic through the generator


def test_clean_maps_a_long_spaced_line_back_with_an_array():
    raw = "  " + " ".join(ONE_LINE[i : i + 7] for i in range(0, len(ONE_LINE), 7)) + "\t\x00end  "
    cleaned = clean(raw)
    assert isinstance(cleaned.to_original, array)
    assert len(cleaned.to_original) == len(cleaned.text)
    assert all(raw[j] == ch for ch, j in zip(cleaned.text, cleaned.to_original))
    assert cleaned.text.replace(" ", "") == (ONE_LINE + "end").replace(" ", "")


def _peak_kb_of_index(folder, data_dir) -> int:
    """The child's peak resident memory (kB) while `index FOLDER` runs in a fresh process."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True);"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script,
                          *cli_args("index", folder, data_dir=data_dir)],
                         capture_output=True, text=True, env=cli_env(), timeout=300, check=True)
    return int(out.stdout.split()[-1])


def test_one_huge_line_indexes_in_bounded_memory(tmp_path):
    small, huge = tmp_path / "small", tmp_path / "huge"
    small.mkdir(), huge.mkdir()
    (small / "one.txt").write_text(SEED_TEXTS["maoming"], encoding="utf-8")
    body = (ONE_LINE * (12_000_000 // len(ONE_LINE.encode()) + 1)) + "尾标记ZZQX"
    (huge / "line.txt").write_text(body, encoding="utf-8")
    size_mb = len(body.encode()) / 1e6
    base = _peak_kb_of_index(small, tmp_path / "d1") / 1e3
    peak = _peak_kb_of_index(huge, tmp_path / "d2") / 1e3
    # Before: 44x the file above the interpreter's own (2.2 GB for 50 MB); now about 22x.
    print(f"peak {peak:.0f} MB, interpreter {base:.0f} MB, file {size_mb:.1f} MB")
    assert peak - base <= 30 * size_mb, (base, peak, size_mb)
    found = json.loads(run_cli("search", "尾标记ZZQX", "--json", data_dir=tmp_path / "d2").stdout)
    assert found["total"] == 1
