#!/usr/bin/env python3
"""Python baseline: spaCy's rule-based English tokenizer, spacy.blank("en") + nlp.pipe.

JSONL in ({"id": ..., "text": ...}); JSONL out {"id":<id>,"tokens":[token texts]}
(whitespace tokens included, as spaCy produces them).  Slow: the harness runs it on the
10 MB slice only.

usage: spacy_blank.py [--batch 1000] [--processes 1] [INPUT|-] [-o OUT]
"""
import argparse
import json
import re
import sys

import orjson
import spacy


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read(fin, ids):
    for line in fin:
        if not line.strip():
            continue
        try:
            d = orjson.loads(line)
        except orjson.JSONDecodeError:
            # lone surrogate escapes / invalid UTF-8: stdlib json, lone surrogates -> U+FFFD
            d = json.loads(line.decode("utf-8", "replace"))
            d["text"] = LONE_SURROGATE.sub("\ufffd", d["text"])
        ids.append(d.get("id"))
        yield d["text"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", default="-")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=1)
    a = ap.parse_args()
    nlp = spacy.blank("en")
    fin = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
    fout = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    ids = []
    i = 0
    for doc in nlp.pipe(read(fin, ids), batch_size=a.batch, n_process=a.processes):
        fout.write(b'{"id":%s,"tokens":%s}\n' % (orjson.dumps(ids[i]), orjson.dumps([t.text for t in doc])))
        ids[i] = None
        i += 1
    fout.flush()


if __name__ == "__main__":
    main()
