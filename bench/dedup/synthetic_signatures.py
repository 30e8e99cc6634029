#!/usr/bin/env python3
"""Synthetic `minhash` records for measuring `textmill dedup --signatures` (the clustering
alone, no worker pool) at any scale in seconds: N records {"id": i, "minhash": {"exact", "bands",
"shingles"}} as the `minhash` stage writes them. About 10 % are exact copies of a recent record,
15 % near copies (5 % of the n-grams and 30 % of the band keys replaced), the rest random
(60 n-grams, 14 band keys). Not real MinHash: only the shapes and collision rates matter here.

usage: bench/dedup/synthetic_signatures.py N OUT.jsonl [SEED]
then:  bench/peak_rss.py -- "textmill dedup --signatures OUT.jsonl --removed /tmp/r.jsonl --memory-entries 100000"
Standard library only.
"""
import base64
import json
import random
import struct
import sys


def pack(hashes):
    return base64.b64encode(struct.pack(f"<{len(hashes)}Q", *hashes)).decode()


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    recent = []  # a window of records to copy from
    with open(out, "w") as f:
        for i in range(n):
            r = rng.random()
            if recent and r < 0.1:
                exact, bands, shingles = rng.choice(recent)
            elif recent and r < 0.25:
                _, bands0, shingles0 = rng.choice(recent)
                exact = rng.getrandbits(64)
                shingles = sorted({x if rng.random() > 0.05 else rng.getrandbits(64) for x in shingles0})
                bands = [x if rng.random() > 0.3 else rng.getrandbits(64) for x in bands0]
            else:
                exact = rng.getrandbits(64)
                bands = [rng.getrandbits(64) for _ in range(14)]
                shingles = sorted({rng.getrandbits(64) for _ in range(60)})
            recent.append((exact, bands, shingles))
            if len(recent) > 5000:
                recent.pop(rng.randrange(len(recent)))
            minhash = {"exact": f"{exact:016x}", "bands": pack(bands), "shingles": pack(shingles)}
            f.write(json.dumps({"id": i, "minhash": minhash}) + "\n")


if __name__ == "__main__":
    main()
