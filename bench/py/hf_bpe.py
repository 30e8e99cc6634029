#!/usr/bin/env python3
"""Python baseline: HuggingFace tokenizers' Tokenizer.from_file(tokenizer.json).encode_batch.

JSONL in ({"id": ..., "text": ...}); batches of --batch documents go through encode_batch (Rust,
parallel over the batch with RAYON_NUM_THREADS threads, default 2; add_special_tokens=True as by
default); JSONL out: {"id":<id>,"ids":[token ids]} (textmill runs with --fields id,ids to match).

usage: hf_bpe.py --tokenizer tokenizer.json [--batch 1000] [INPUT|-] [-o OUT]
"""
import os

os.environ.setdefault("RAYON_NUM_THREADS", "2")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

from tokenizers import Tokenizer  # noqa: E402

from jsonl_batches import argument_parser, run  # noqa: E402


def main():
    ap = argument_parser(__doc__)
    ap.add_argument("--tokenizer", required=True)
    a = ap.parse_args()
    tok = Tokenizer.from_file(a.tokenizer)
    run(a, tok.encode_batch, lambda d, e: {"id": d.get("id"), "ids": e.ids})


if __name__ == "__main__":
    main()
