#!/usr/bin/env python3
"""Python baseline: tiktoken's encode_ordinary_batch with the cl100k_base ranks.

JSONL in ({"id": ..., "text": ...}); batches of --batch documents go through
Encoding.encode_ordinary_batch(texts, num_threads=--threads) (Rust, one thread pool); JSONL out:
  {"id":<id>,"ids":[token ids]}
The encoding is tiktoken's own cl100k_base definition (pattern and special tokens from
tiktoken_ext.openai_public) with the ranks read from --ranks (no download).

usage: tiktoken_batch.py --ranks cl100k_base.tiktoken [--threads 2] [--batch 1000] [INPUT|-] [-o OUT]
"""
import tiktoken
import tiktoken_ext.openai_public as public
from tiktoken.load import load_tiktoken_bpe

from jsonl_batches import argument_parser, run


def main():
    ap = argument_parser(__doc__)
    ap.add_argument("--ranks", required=True)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    ranks = load_tiktoken_bpe(a.ranks)
    public.load_tiktoken_bpe = lambda *args, **kwargs: ranks
    enc = tiktoken.Encoding(**public.cl100k_base())
    run(a, lambda texts: enc.encode_ordinary_batch(texts, num_threads=a.threads), lambda d, e: {"id": d.get("id"), "ids": e})


if __name__ == "__main__":
    main()
