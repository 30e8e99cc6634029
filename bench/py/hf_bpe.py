#!/usr/bin/env python3
"""Python baseline: HuggingFace tokenizers' Tokenizer.from_file(tokenizer.json).encode_batch.

JSONL in ({"id": ..., "text": ...}); batches of --batch documents go through encode_batch (Rust,
parallel over the batch with RAYON_NUM_THREADS threads, default 2; add_special_tokens=True as by
default); JSONL out: {"id":<id>,"ids":[token ids]} (textmill runs with --fields id,ids to match).

usage: hf_bpe.py --tokenizer tokenizer.json [--batch 1000] [INPUT|-] [-o OUT]
"""
import argparse
import itertools
import json
import os
import re
import sys

os.environ.setdefault("RAYON_NUM_THREADS", "2")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")

import orjson  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(line):
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        d = json.loads(line.decode("utf-8", "replace"))
        d["text"] = LONE_SURROGATE.sub("\ufffd", d["text"])
        return d


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", default="-")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--batch", type=int, default=1000)
    a = ap.parse_args()
    tok = Tokenizer.from_file(a.tokenizer)
    fin = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
    fout = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    dumps = orjson.dumps
    while True:
        lines = list(itertools.islice(fin, a.batch))
        if not lines:
            break
        docs = [loads(ln) for ln in lines if ln.strip()]
        encs = tok.encode_batch([d["text"] for d in docs])
        out = [dumps({"id": d.get("id"), "ids": e.ids}) for d, e in zip(docs, encs)]
        out.append(b"")
        fout.write(b"\n".join(out))
    fout.flush()


if __name__ == "__main__":
    main()
