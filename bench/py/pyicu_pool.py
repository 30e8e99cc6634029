#!/usr/bin/env python3
"""Python baseline: multiprocessing.Pool + PyICU, the way a Python user would write it.

JSONL in ({"id": ..., "text": ...}), NFKC_Casefold + ICU word break (root locale),
segments whose rule status is not in [UBRK_WORD_NONE, UBRK_WORD_NONE_LIMIT) kept,
JSONL out: {"id":<id>,"tokens":[...]} -- the same bytes as bench/c/icu_ceiling.c.

The Normalizer2 and the BreakIterator are built once per worker (Pool initializer);
input is cut into chunks of --chunk lines (default 1000) with itertools.islice and
sent through pool.imap, so the output keeps the input order.

PyICU's break positions are UTF-16 indices.  Python strs are indexed by code point, so
the normalized text is sliced directly only when it has no characters outside the BMP
(then both index spaces agree); otherwise the UTF-16LE bytes are sliced and decoded.

usage: pyicu_pool.py [-j N] [--chunk 1000] [INPUT|-] [-o OUT]
"""
import argparse
import itertools
import json
import multiprocessing
import re
import sys

import icu
import orjson

_NORM = None
_BI = None
_NONE_LO = None
_NONE_HI = None
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def init_worker():
    global _NORM, _BI, _NONE_LO, _NONE_HI
    _NORM = icu.Normalizer2.getNFKCCasefoldInstance()
    _BI = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    _NONE_LO = icu.UWordBreak.NONE
    _NONE_HI = icu.UWordBreak.NONE_LIMIT


def tokenize(text):
    # a lone surrogate (from a "\ud800" escape) cannot go through ICU or UTF-8: U+FFFD,
    # as the C program does
    try:
        norm = _NORM.normalize(text)
        u16 = norm.encode("utf-16-le")
    except UnicodeEncodeError:
        norm = _NORM.normalize(_LONE_SURROGATE.sub("\ufffd", text))
        u16 = norm.encode("utf-16-le")
    bi = _BI
    bi.setText(norm)
    lo, hi = _NONE_LO, _NONE_HI
    out = []
    start = bi.first()
    if len(u16) == 2 * len(norm):  # BMP only: UTF-16 index == code point index
        for end in bi:
            st = bi.getRuleStatus()
            if st < lo or st >= hi:
                out.append(norm[start:end])
            start = end
    else:
        for end in bi:
            st = bi.getRuleStatus()
            if st < lo or st >= hi:
                out.append(u16[2 * start:2 * end].decode("utf-16-le"))
            start = end
    return out


def work(lines):
    buf = []
    for line in lines:
        if not line.strip():
            continue
        try:
            doc = orjson.loads(line)
        except orjson.JSONDecodeError:  # lone surrogate escapes, invalid UTF-8: stdlib json
            doc = json.loads(line.decode("utf-8", "replace"))
        buf.append(b'{"id":%s,"tokens":%s}\n' % (orjson.dumps(doc.get("id")), orjson.dumps(tokenize(doc["text"]))))
    return b"".join(buf)


def chunks(f, n):
    while True:
        chunk = list(itertools.islice(f, n))
        if not chunk:
            return
        yield chunk


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", default="-")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("-j", "--processes", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=1000)
    a = ap.parse_args()
    fin = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
    fout = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    with multiprocessing.Pool(a.processes, initializer=init_worker) as pool:
        for out in pool.imap(work, chunks(fin, a.chunk)):
            fout.write(out)
    fout.flush()


if __name__ == "__main__":
    main()
