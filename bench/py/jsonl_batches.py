"""The JSONL loop the batch baselines share: documents in, one encode call per batch, JSONL out.

Each baseline script supplies only its tokenizer call and its output record, so the baselines
differ in nothing but the library they measure.
"""
import argparse
import itertools
import json
import re
import sys

import orjson

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def loads(line):
    """orjson for valid lines; stdlib json for lone surrogate escapes / invalid UTF-8, whose
    lone surrogates become U+FFFD as textmill's input decoding makes them."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        d = json.loads(line.decode("utf-8", "replace"))
        d["text"] = LONE_SURROGATE.sub("\ufffd", d["text"])
        return d


def argument_parser(doc):
    """The options every baseline takes: INPUT (or -), -o OUT (or -), --batch."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", default="-")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--batch", type=int, default=1000)
    return ap


def run(a, encode_batch, record):
    """Reads a.input in batches of a.batch documents, calls encode_batch(texts) once per batch
    and writes record(document, encoding) (a dict) per document to a.output as JSONL."""
    fin = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
    fout = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    dumps = orjson.dumps
    while True:
        lines = list(itertools.islice(fin, a.batch))
        if not lines:
            break
        docs = [loads(ln) for ln in lines if ln.strip()]
        encs = encode_batch([d["text"] for d in docs])
        out = [dumps(record(d, e)) for d, e in zip(docs, encs)]
        out.append(b"")
        fout.write(b"\n".join(out))
    fout.flush()
