#!/usr/bin/env python3
"""Writes hashing.jsonl (sklearn HashingVectorizer outputs) and murmur3.jsonl (raw MurmurHash3).

See README.md for the formats. Needs the venv (scikit-learn).
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from common import features, load_sample, out_dir_arg, write_jsonl

CONFIGS = [  # (n_features, alternate_sign, norm) -- in this order for every document
    (2**20, True, "l2"),
    (2**20, False, "l1"),
    (16, True, None),
    (2**18, True, "l2"),
]

# murmurhash3_32("aaaiTBFZ", seed=0) == -2**31: the one hash whose abs() overflows int32;
# sklearn special-cases it (index = (2**31 - 1 - (n_features - 1)) % n_features, sign -1).
# Found by inverting MurmurHash3's final block; verified below.
INT32_MIN_KEY = "aaaiTBFZ"

SYNTHETIC_BASE = 10000  # ids of synthetic feature lists (not from sample.jsonl) start here


def murmur(s: str, seed: int = 0) -> int:
    return int(murmurhash3_32(s, seed=seed, positive=False))


def opposite_sign_collision(n_features: int) -> tuple[str, str]:
    """First pair (in a fixed enumeration) of keys 'k0','k1',... landing on the same index
    with opposite signs: with alternate_sign=True they cancel to an explicit 0.0 entry."""
    seen: dict[int, tuple[str, int]] = {}
    i = 0
    while True:
        key = f"k{i}"
        h = murmur(key)
        idx = abs(h) % n_features
        if idx in seen and (seen[idx][1] >= 0) != (h >= 0):
            return seen[idx][0], key
        seen.setdefault(idx, (key, h))
        i += 1


def synthetic_docs() -> list[list[str]]:
    a, b = opposite_sign_collision(2**20)
    return [
        [INT32_MIN_KEY],                       # the -2**31 hash
        [INT32_MIN_KEY, "a", INT32_MIN_KEY],   # ... with a duplicate and another feature
        [a, b],                                # exact cancellation: explicit 0.0, all-zero row
        [a, b, "x"],                           # cancellation next to a non-zero entry
        ["same", "same", "same", "other"],     # duplicate counts
        [""],                                  # the empty-string feature (hash 0)
        [],                                    # no features at all
    ]


def hashing_rows(docs: list[tuple[int, list[str]]]):
    ids = [d[0] for d in docs]
    feats = [d[1] for d in docs]
    per_config = []
    for n, alt, norm in CONFIGS:
        hv = HashingVectorizer(analyzer=lambda doc: doc, n_features=n, alternate_sign=alt, norm=norm)
        X = hv.transform(feats)  # stateless: transform == fit_transform
        assert X.dtype == np.float64 and X.has_sorted_indices
        per_config.append(X)
    for row, (doc_id, f) in enumerate(zip(ids, feats)):
        for (n, alt, norm), X in zip(CONFIGS, per_config):
            start, end = X.indptr[row], X.indptr[row + 1]
            indices = [int(i) for i in X.indices[start:end]]
            values = [float(v) for v in X.data[start:end]]
            assert indices == sorted(set(indices))
            yield {"id": doc_id, "features": f,
                   "config": {"n_features": n, "alternate_sign": alt, "norm": norm},
                   "indices": indices, "values": values}


def murmur_keys(sample_features: list[str]) -> list[str]:
    keys: list[str] = []
    # every length 0..17 in bytes, for each kind of character (1, 2, 3 and 4 UTF-8 bytes)
    ascii_src = "abcdefghijklmnopqrstuvwxyz0123456789"
    for n in range(18):
        keys.append(ascii_src[:n])
    for n in range(18):
        keys.append("Hello, World! 0123"[:n])
    for unit in ("\u00e9", "\u4e2d", "\U0001F600", "\u00e9\u4e2d\U0001F600"):
        s = ""
        while len(s.encode()) <= 17:
            keys.append(s)
            s += unit
    for n in range(18):  # mixed byte widths so tails end inside multi-byte chars
        keys.append(("a\u00e9\u4e2d\U0001F600" * 5).encode()[:n].decode("utf-8", "ignore"))
    keys += ["foo", "bar", "the", "The", "THE", "caf\u00e9", "cafe\u0301", "stra\u00dfe",
             "\u0000", "\u0000\u0000", "\t", " ", "  ", "\u200b", "\U0010ffff", "\ufeff",
             "a b", "new york", INT32_MIN_KEY, "x" * 100, "\u044f" * 50]
    # plus features from the sample (first 200 distinct, in sample order)
    for f in sample_features:
        keys.append(f)
    out, seen = [], set()
    for k in keys:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out[:400]


def main() -> None:
    args = out_dir_arg(__doc__.splitlines()[0]).parse_args()
    sample = load_sample(args)

    assert murmur(INT32_MIN_KEY) == -(2**31)
    docs = [(d["id"], features(d["text"])) for d in sample]
    docs += [(SYNTHETIC_BASE + i, f) for i, f in enumerate(synthetic_docs())]
    write_jsonl(args.out / "hashing.jsonl", hashing_rows(docs))

    all_feats = [f for _, fs in docs for f in fs]
    rows = []
    for k in murmur_keys(all_feats):
        rows.append({"key": k, "utf8_len": len(k.encode()), "seed": 0, "hash": murmur(k)})
    for seed in (1, 42, 2**32 - 1):  # a few non-zero seeds
        for k in ("", "a", "abcd", "abcde", "caf\u00e9", "hello world"):
            rows.append({"key": k, "utf8_len": len(k.encode()), "seed": seed, "hash": murmur(k, seed)})
    write_jsonl(args.out / "murmur3.jsonl", rows)


if __name__ == "__main__":
    main()
