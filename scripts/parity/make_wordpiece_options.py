#!/usr/bin/env python3
"""WordPiece with the other normalizer options: writes OUT/wordpiece-options.jsonl.

For the committed small vocab and every sample doc, `BertWordPieceTokenizer(vocab,
lowercase=L, strip_accents=S)` for (L, S) in (False, False), (False, True), (True, False)
(clean_text and handle_chinese_chars stay on, no truncation or padding), tokenizers 0.23.3.
Same row format as wordpiece.jsonl plus "lowercase" and "strip_accents". Deterministic.
Not re-derived by check_fixtures.py (that one covers the README's fixtures).
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

from tokenizers import BertWordPieceTokenizer  # noqa: E402

from common import FIXTURES, SMALL_VOCAB, read_jsonl, write_jsonl  # noqa: E402
from make_wordpiece import encoding_row  # noqa: E402

OPTIONS = [(False, False), (False, True), (True, False)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=FIXTURES)
    args = p.parse_args()
    sample = read_jsonl(args.out / "sample.jsonl")
    rows = []
    for lowercase, strip in OPTIONS:
        tok = BertWordPieceTokenizer(str(SMALL_VOCAB), lowercase=lowercase, strip_accents=strip)
        for d in sample:
            row = {"lowercase": lowercase, "strip_accents": strip}
            row.update(encoding_row(d["id"], "small", tok.encode(d["text"], add_special_tokens=True)))
            rows.append(row)
    write_jsonl(args.out / "wordpiece-options.jsonl", rows)


if __name__ == "__main__":
    main()
