#!/usr/bin/env python3
"""Re-derives the fixtures from README.md's description alone (standard library only, no sklearn,
no tokenizers) and fails loudly if anything disagrees. This is what the Swift side will do, so a
pass here means the README is a sufficient spec.

  check_fixtures.py [--out DIR]     (default Tests/Fixtures/parity)
"""
from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

from common import SMALL_VOCAB, features, out_dir_arg, read_jsonl

failures = 0


def check(cond: bool, msg: str) -> None:
    global failures
    if not cond:
        failures += 1
        if failures <= 20:
            print("FAIL:", msg)


# --- MurmurHash3 x86_32, written from the reference algorithm --------------------------------
def murmur3_32(data: bytes, seed: int = 0) -> int:
    """Signed 32-bit result, like sklearn.utils.murmurhash3_32(..., positive=False)."""
    c1, c2, m = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
    h = seed & m
    n = len(data)
    nblocks = n // 4
    for i in range(nblocks):
        k = int.from_bytes(data[4 * i: 4 * i + 4], "little")
        k = (k * c1) & m
        k = ((k << 15) | (k >> 17)) & m
        k = (k * c2) & m
        h ^= k
        h = ((h << 13) | (h >> 19)) & m
        h = (h * 5 + 0xE6546B64) & m
    tail = data[4 * nblocks:]
    k = 0
    if len(tail) >= 3:
        k ^= tail[2] << 16
    if len(tail) >= 2:
        k ^= tail[1] << 8
    if len(tail) >= 1:
        k ^= tail[0]
        k = (k * c1) & m
        k = ((k << 15) | (k >> 17)) & m
        k = (k * c2) & m
        h ^= k
    h ^= n
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & m
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & m
    h ^= h >> 16
    return h - (1 << 32) if h >= (1 << 31) else h


def check_murmur(d: Path) -> None:
    rows = read_jsonl(d / "murmur3.jsonl")
    for r in rows:
        b = r["key"].encode("utf-8")
        check(len(b) == r["utf8_len"], f"murmur utf8_len {r!r}")
        check(murmur3_32(b, r["seed"]) == r["hash"], f"murmur {r!r}")
    check({len(r["key"].encode()) for r in rows} >= set(range(18)), "murmur lengths 0..17")
    print(f"murmur3.jsonl: {len(rows)} rows checked")


# --- HashingVectorizer --------------------------------------------------------------------------
def hashing_vector(feats: list[str], n: int, alternate_sign: bool, norm: str | None):
    acc: dict[int, float] = {}
    for f in feats:
        h = murmur3_32(f.encode("utf-8"))
        idx = (2**31 - 1 - (n - 1)) % n if h == -(2**31) else abs(h) % n
        v = (1.0 if h >= 0 else -1.0) if alternate_sign else 1.0
        acc[idx] = acc.get(idx, 0.0) + v              # zeros are kept
    idx = sorted(acc)
    vals = [acc[i] for i in idx]
    if norm is not None:
        s = 0.0
        for v in vals:                                 # in index order
            s += abs(v) if norm == "l1" else v * v
        if s != 0.0:
            if norm == "l2":
                s = math.sqrt(s)
            vals = [v / s for v in vals]               # divide, not multiply by 1/s
    return idx, vals


def check_hashing(d: Path, sample: list[dict]) -> None:
    rows = read_jsonl(d / "hashing.jsonl")
    texts = {s["id"]: s["text"] for s in sample}
    zeros = 0
    for r in rows:
        if r["id"] in texts:
            check(r["features"] == features(texts[r["id"]]), f"features of {r['id']}")
        c = r["config"]
        idx, vals = hashing_vector(r["features"], c["n_features"], c["alternate_sign"], c["norm"])
        check(idx == r["indices"], f"hashing indices {r['id']} {c}")
        check(vals == r["values"], f"hashing values {r['id']} {c}: {vals} != {r['values']}")
        zeros += sum(1 for v in r["values"] if v == 0.0)
    check(len(rows) == 4 * (len(sample) + 7), "hashing row count")
    print(f"hashing.jsonl: {len(rows)} rows checked bit-exactly ({zeros} explicit 0.0 entries)")


# --- TF-IDF ------------------------------------------------------------------------------------
def check_tfidf(d: Path, sample: list[dict]) -> None:
    lines = (d / "tfidf-vocab.tsv").read_text(encoding="utf-8").split("\n")
    header, body = lines[0], [l for l in lines[1:] if l]
    n = len(sample)
    check(header == f"#textmill-vocab v1 docs={n} fingerprint=parity", f"vocab header {header!r}")
    terms, count, df = [], {}, {}
    for l in body:
        t, c, f = l.split("\t")
        terms.append(t)
        count[t], df[t] = int(c), int(f)
    keys = [(-count[t], t.encode()) for t in terms]
    check(keys == sorted(keys), "vocab order")
    docs = {s["id"]: features(s["text"]) for s in sample}
    all_counts = Counter(f for fs in docs.values() for f in fs)
    check(all_counts == Counter(count), "vocab counts")
    row = {t: i for i, t in enumerate(terms)}

    idf_rows = read_jsonl(d / "tfidf-idf.jsonl")
    idf = {}
    for r in idf_rows:
        check(terms[r["row"]] == r["term"] and df[r["term"]] == r["df"], f"idf row {r}")
        want = math.log((1 + n) / (1 + r["df"])) + 1
        check(want == r["idf"], f"idf {r} vs {want!r}")
        idf[r["term"]] = r["idf"]
    check(len(idf_rows) == len(terms), "idf row count")

    worst_ulps = 0.0
    for r in read_jsonl(d / "tfidf.jsonl"):
        c = Counter(docs[r["id"]])
        w = {t: ((1.0 + math.log(k)) if r["sublinear_tf"] else float(k)) * idf[t] for t, k in c.items()}
        # exact: sum squares in code-point (= UTF-8 byte) order of the terms
        s = 0.0
        for t in sorted(w):
            s += w[t] * w[t]
        s = math.sqrt(s)
        pairs = sorted((row[t], v / s) for t, v in w.items())
        check([p[0] for p in pairs] == r["indices"], f"tfidf indices {r['id']}")
        check([p[1] for p in pairs] == r["values"], f"tfidf values {r['id']} {r['sublinear_tf']}")
        # the natural Swift order (vocab row order) is within a few ulps
        s2 = 0.0
        for t in sorted(w, key=row.__getitem__):
            s2 += w[t] * w[t]
        s2 = math.sqrt(s2)
        for t in w:
            a, b = w[t] / s2, w[t] / s
            worst_ulps = max(worst_ulps, abs(a - b) / math.ulp(b))
    print(f"tfidf: {len(terms)} terms, idf and vectors checked bit-exactly; "
          f"summing in vocab-row order instead differs by at most {worst_ulps:.0f} ulp")


# --- WordPiece ----------------------------------------------------------------------------------
def check_wordpiece(d: Path, sample: list[dict]) -> None:
    texts = {s["id"]: s["text"] for s in sample}
    small = SMALL_VOCAB.read_text(encoding="utf-8").split("\n")[:-1]
    small_id = {t: i for i, t in enumerate(small)}
    utf16_differs = 0
    for name in ("wordpiece.jsonl", "wordpiece-trunc16.jsonl"):
        rows = read_jsonl(d / name)
        for r in rows:
            text = texts[r["id"]]
            k = len(r["ids"])
            check(all(len(r[f]) == k for f in ("tokens", "offsets", "attention_mask", "type_ids",
                                                 "special_tokens_mask")), f"lengths {name} {r['id']}")
            if "max_length" in r:
                check(k == r["max_length"], f"padded length {r['id']}")
            else:
                check(all(r["attention_mask"]), "no padding without max_length")
            check(r["tokens"][0] == "[CLS]" and "[SEP]" in r["tokens"], f"specials {r['id']}")
            for tok, (s, e), sp, am in zip(r["tokens"], r["offsets"], r["special_tokens_mask"],
                                           r["attention_mask"]):
                if sp:
                    check((s, e) == (0, 0) and tok in ("[CLS]", "[SEP]", "[PAD]"), f"special {tok}")
                    check(am == (0 if tok == "[PAD]" else 1), "mask of special")
                else:
                    check(0 <= s < e <= len(text), f"offset range {r['id']} {tok} {(s, e)}")
                    # offsets are code points: a plain ASCII piece must equal its source slice
                    piece = tok[2:] if tok.startswith("##") else tok
                    if piece.isascii() and tok != "[UNK]" and text[s:e].isascii():
                        check(text[s:e].lower() == piece, f"slice {r['id']} {tok!r} {text[s:e]!r}")
            check(all(t == 0 for t in r["type_ids"]), "type ids")
            if r["vocab"] == "small":
                check([small_id[t] for t in r["tokens"]] == r["ids"], f"small ids {r['id']}")
            if name == "wordpiece.jsonl" and len(text.encode("utf-16-le")) // 2 != len(text):
                utf16_differs += 1
        print(f"{name}: {len(rows)} rows checked")
    print(f"  ({utf16_differs // 2} sample texts have astral characters: UTF-16 offsets would differ)")


def main() -> None:
    args = out_dir_arg(__doc__.splitlines()[0]).parse_args()
    d = args.out
    sample = read_jsonl(args.sample or d / "sample.jsonl")
    check_murmur(d)
    check_hashing(d, sample)
    check_tfidf(d, sample)
    check_wordpiece(d, sample)
    total = sum(p.stat().st_size for p in Path(d).iterdir() if p.is_file())
    print(f"fixtures total {total} bytes")
    if failures:
        sys.exit(f"{failures} check(s) failed")
    print("all fixture checks passed")


if __name__ == "__main__":
    main()
