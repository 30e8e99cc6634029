#!/usr/bin/env python3
"""Python baseline: tiktoken's encode_ordinary_batch with the cl100k_base ranks.

JSONL in ({"id": ..., "text": ...}); batches of --batch documents go through
Encoding.encode_ordinary_batch(texts, num_threads=--threads) (Rust, one thread pool); JSONL out:
  {"id":<id>,"ids":[token ids]}
The encoding is tiktoken's own cl100k_base definition (pattern and special tokens from
tiktoken_ext.openai_public) with the ranks read from --ranks (no download).

usage: tiktoken_batch.py --ranks cl100k_base.tiktoken [--threads 2] [--batch 1000] [INPUT|-] [-o OUT]
"""
import argparse
import itertools
import json
import re
import sys

import orjson
import tiktoken
import tiktoken_ext.openai_public as public
from tiktoken.load import load_tiktoken_bpe

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
    ap.add_argument("--ranks", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=1000)
    a = ap.parse_args()
    ranks = load_tiktoken_bpe(a.ranks)
    public.load_tiktoken_bpe = lambda *args, **kwargs: ranks
    enc = tiktoken.Encoding(**public.cl100k_base())
    fin = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
    fout = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    dumps = orjson.dumps
    while True:
        lines = list(itertools.islice(fin, a.batch))
        if not lines:
            break
        docs = [loads(ln) for ln in lines if ln.strip()]
        encs = enc.encode_ordinary_batch([d["text"] for d in docs], num_threads=a.threads)
        out = [dumps({"id": d.get("id"), "ids": e}) for d, e in zip(docs, encs)]
        out.append(b"")
        fout.write(b"\n".join(out))
    fout.flush()


if __name__ == "__main__":
    main()
