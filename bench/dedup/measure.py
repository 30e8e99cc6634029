#!/usr/bin/env python3
"""Dedup benchmark: generates a corpus with planted near duplicates (exact copies, 1-3 word edits,
swapped sentences, added boilerplate) and near misses (a third of the words replaced), computes
the exact ground truth (a document is a duplicate when its word 5-gram Jaccard similarity with an
earlier document is >= 0.8; an inverted index finds every pair sharing a 5-gram), runs
`textmill dedup` under /usr/bin/time -v, and prints precision, recall, wall time and peak RSS.

usage: bench/dedup/measure.py TEXTMILL [--bases N] [--workers N] [--memory-entries N] [--keep DIR]
Run it on a quiet machine; the defaults (40,000 bases, about 64,000 documents) take minutes.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

BOILERPLATE = "subscribe to our newsletter for more stories like this".split()


def make_corpus(bases, seed=18):
    rng = random.Random(seed)
    syllables = ["ka", "to", "ri", "mu", "sen", "la", "do", "vi", "ne", "por", "st", "ia", "el", "un", "qua", "be"]
    vocabulary = ["".join(rng.choice(syllables) for _ in range(1 + rng.randrange(3))) for _ in range(20000)]
    docs, kinds, base_docs = [], [], []

    def add(sentences, kind):
        docs.append(" ".join(" ".join(s).capitalize() + "." for s in sentences))
        kinds.append(kind)

    for _ in range(bases):
        sentences = [[rng.choice(vocabulary) for _ in range(8 + rng.randrange(8))] for _ in range(8 + rng.randrange(8))]
        base_docs.append(sentences)
        add(sentences, "base")
        for _ in range(rng.randrange(3)):
            v = [list(s) for s in rng.choice(base_docs)]
            kind = rng.choice(["exact", "edit", "swap", "boilerplate", "near_miss", "near_miss"])
            if kind == "edit":
                for _ in range(1 + rng.randrange(3)):
                    s = rng.randrange(len(v))
                    v[s][rng.randrange(len(v[s]))] = rng.choice(vocabulary)
            elif kind == "swap":
                a, b = rng.randrange(len(v)), rng.randrange(len(v))
                v[a], v[b] = v[b], v[a]
            elif kind == "boilerplate":
                v.append(list(BOILERPLATE))
            elif kind == "near_miss":
                for s in v:
                    for w in range(len(s)):
                        if rng.randrange(3) == 0:
                            s[w] = rng.choice(vocabulary)
            add(v, kind)
    return docs, kinds


def shingles(text):
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 5:
        return {" ".join(words)}
    return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}


def ground_truth(docs, threshold=0.8):
    index = collections.defaultdict(list)
    sets, truth = [], set()
    for j, text in enumerate(docs):
        s = shingles(text)
        sets.append(s)
        shared = collections.Counter(i for g in s for i in index[g])
        for i, common in shared.items():
            if common / (len(sets[i]) + len(s) - common) >= threshold:
                truth.add(j)
                break
        for g in s:
            index[g].append(j)
    return truth


def main():
    p = argparse.ArgumentParser()
    p.add_argument("textmill")
    p.add_argument("--bases", type=int, default=40000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory-entries", type=int, default=4_000_000)
    p.add_argument("--keep")
    a = p.parse_args()
    work = a.keep or tempfile.mkdtemp(prefix="textmill-dedup-bench-")
    os.makedirs(work, exist_ok=True)
    docs, kinds = make_corpus(a.bases)
    src = os.path.join(work, "corpus.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i, t in enumerate(docs):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
    t0 = time.time()
    truth = ground_truth(docs)
    print(f"corpus: {len(docs)} documents, {os.path.getsize(src) / 1e6:.1f} MB; "
          f"{len(truth)} duplicates by ground truth ({time.time() - t0:.1f} s); planted: "
          + ", ".join(f"{k} {n}" for k, n in collections.Counter(kinds).most_common()))
    cmd = ["/usr/bin/time", "-v", a.textmill, "dedup", src, "-o", os.path.join(work, "kept.jsonl"),
           "--removed", os.path.join(work, "removed.jsonl"), "--workers", str(a.workers),
           "--memory-entries", str(a.memory_entries), "--spill-directory", work]
    t0 = time.time()
    run = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - t0
    if run.returncode != 0:
        sys.exit(f"dedup failed ({run.returncode}): {run.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    summary = [line for line in run.stderr.splitlines() if "dedup:" in line]
    removed = set()
    with open(os.path.join(work, "removed.jsonl")) as f:
        for line in f:
            removed.add(json.loads(line)["id"])
    tp = len(removed & truth)
    precision = tp / max(1, len(removed))
    recall = tp / max(1, len(truth))
    print(summary[0] if summary else "")
    print(f"precision {precision:.4f}, recall {recall:.4f} ({tp} of {len(truth)} found, {len(removed) - tp} wrong); "
          f"wall {wall:.1f} s ({len(docs) / wall:.0f} docs/s, {os.path.getsize(src) / 1e6 / wall:.2f} MB/s); "
          f"peak RSS of the coordinator {int(rss.group(1)) / 1024 if rss else float('nan'):.0f} MiB (workers not included)")
    missed = collections.Counter(kinds[j] for j in truth - removed)
    if missed:
        print("missed by kind:", dict(missed))


if __name__ == "__main__":
    main()
