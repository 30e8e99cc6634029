#!/usr/bin/env python3
"""Python baseline: HuggingFace tokenizers' BertWordPieceTokenizer.encode_batch.

JSONL in ({"id": ..., "text": ...}); batches of --batch documents go through
BertWordPieceTokenizer(vocab, lowercase=True).encode_batch (Rust, parallel over the
batch with RAYON_NUM_THREADS threads, default 2); JSONL out:
  {"id":<id>,"ids":[token ids],"tokens":[...],"offsets":[[start,end],...],"attention_mask":[...]}
Special tokens ([CLS] ... [SEP]) are added, as encode_batch does by default; no
truncation, no padding.

usage: hf_wordpiece.py --vocab VOCAB [--batch 1000] [INPUT|-] [-o OUT]
"""
import os

os.environ.setdefault("RAYON_NUM_THREADS", "2")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

from tokenizers import BertWordPieceTokenizer  # noqa: E402

from jsonl_batches import argument_parser, run  # noqa: E402


def main():
    ap = argument_parser(__doc__)
    ap.add_argument("--vocab", required=True, help="bert-base-uncased vocab.txt")
    a = ap.parse_args()
    tok = BertWordPieceTokenizer(a.vocab, lowercase=True)
    run(a, tok.encode_batch, lambda d, e: {"id": d.get("id"), "ids": e.ids, "tokens": e.tokens,
                               "offsets": e.offsets, "attention_mask": e.attention_mask})


if __name__ == "__main__":
    main()
