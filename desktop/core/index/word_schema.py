"""What the Whoosh word index holds and how its segments are written: shared by the index and by
its writer process (word_writer), which import this module and not each other."""

from __future__ import annotations

import re
from collections import Counter

from whoosh import fields
from whoosh.analysis import LowercaseFilter, SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.system import pack_uint

from desktop.core.index import segmenter

_WORDS = SpaceSeparatedTokenizer() | LowercaseFilter()


class WordsField(fields.TEXT):
    """Jieba words, given already segmented and counted ({word: count}, a list, or a string).

    Taking counts skips Whoosh's per-token analyzer pipeline: the same postings, several times
    faster to add. Single characters are left out: the character index answers those exactly.
    """

    def index(self, value, **kwargs):
        counts = value if isinstance(value, dict) else word_counts(value.split() if isinstance(value, str) else value)
        boost = self.format.field_boost
        for word, freq in counts.items():
            yield word.encode("utf-8"), freq, float(freq) * boost, pack_uint(freq)


def word_counts(words) -> dict[str, int]:
    return Counter(w.lower() for w in words if len(w) > 1 and not w.isspace())


def schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        words=WordsField(analyzer=_WORDS, phrase=False),
        city=fields.ID(stored=True),
        person=fields.ID(stored=True),
        series=fields.ID(stored=True),
        series_no=fields.NUMERIC(stored=True),
        title=fields.STORED,
    )


class WordsCodec(W3Codec):
    """Whoosh 3's codec without per-block length statistics: those serve only Whoosh's own top-N
    skipping (unused here: the page is scored directly), and gathering them reads every posting's
    document length back from disk while a segment is written."""

    length_stats = False


def writer_options() -> dict:
    """How segments are written: uncompressed posting blocks, one file per part, no block length
    statistics. A third less commit time (zlib on every block, copying the parts into one compound
    file, a length read per posting) for about a third more disk; reading is no slower."""
    return {"codec": WordsCodec(compression=0), "compound": False}


SEGMENT_CHUNK = 200_000  # characters segmented at a time: a 50 MB line never becomes one word list
# Where a text may be cut without changing a single token: after a mark jieba always makes a token
# of its own (it is neither in its word-character class nor whitespace).
_CUT_AFTER = re.compile("[。，、；：！？…“”‘’（）《》\n]")


def pieces(text: str, size: int = SEGMENT_CHUNK):
    """text in consecutive pieces of about size characters, each ending just after a safe mark
    (a piece without one runs on to the next mark, or to the end)."""
    start, n = 0, len(text)
    while n - start > size:
        m = _CUT_AFTER.search(text, start + size)
        back = text.rfind("。", start, start + size)
        end = back + 1 if back > start else (m.end() if m else n)
        yield text[start:end]
        start = end
    if start < n:
        yield text[start:]


def words_of(text: str) -> dict[str, int]:
    """The word field's value for a text: its jieba words (two characters or more) with counts."""
    counts: Counter[str] = Counter()
    for piece in pieces(text):
        counts.update(segmenter.cut_all(piece))
    out: dict[str, int] = {}
    for word, n in counts.items():
        if len(word) > 1 and not word.isspace():
            key = word.lower()
            out[key] = out.get(key, 0) + n
    return out
