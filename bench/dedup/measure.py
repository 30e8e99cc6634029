#!/usr/bin/env python3
"""Dedup benchmark: generates a corpus with planted near duplicates (exact copies, 1-3 word edits,
swapped sentences, added boilerplate) and near misses (a third of the words replaced), computes
the exact ground truth (a document is a duplicate when its word 5-gram Jaccard similarity with an
earlier document is >= 0.8; an inverted index finds every pair sharing a 5-gram), runs
`textmill dedup` and, with --datatrove, datatrove's MinHash pipeline (datatrove_minhash.py) on the
same files, and prints for each: precision, recall, wall time, throughput, the peak memory of the
main process and the peak sum over its process tree (bench/peak_rss.py samples /proc).

--scales 1,4,10 also runs textmill on corpora that many times larger (no ground truth; the 1x
run is the one above) with --scaling-memory-entries (default 250,000: sort buffers of 4 MB, so
every size spills) and prints the coordinator's peak RSS for each: with everything per
document on disk it stays flat as the corpus grows. --only-scaling skips the ground truth,
the precision/recall run and datatrove (runs 1x with the scaling memory too).

usage: bench/dedup/measure.py TEXTMILL [--bases N] [--workers N] [--threads N] [--memory-entries N]
           [--datatrove VENV_PYTHON] [--scales 1,4,10 [--scaling-memory-entries N] [--only-scaling]] [--keep DIR]
Run it on a quiet machine (`make bench-dedup`); the defaults (40,000 bases, about 64,000
documents) take minutes.
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


PEAK_RSS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peak_rss.py")


def write_corpus(docs, folder, shards):
    """Contiguous shards (corpus-00000.jsonl, ...), so reading them in name order is input order."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for k in range(shards):
        path = os.path.join(folder, f"corpus-{k:05d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i in range(len(docs) * k // shards, len(docs) * (k + 1) // shards):
                f.write(json.dumps({"id": i, "text": docs[i]}) + "\n")
        paths.append(path)
    return paths


def measured(name, cmd, work):
    """Runs CMD (a shell string) under peak_rss.py; returns its JSON result."""
    run = subprocess.run([sys.executable, PEAK_RSS, "--name", name, "--", cmd], capture_output=True, text=True)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if not lines:
        sys.exit(f"{name}: no measurement ({run.returncode}): {run.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if result["exit_status"] != 0:
        sys.exit(f"{name} failed ({result['exit_status']}); see {work}")
    return result


def run_textmill(a, paths, work, tag, memory_entries=None):
    stderr = os.path.join(work, f"textmill-{tag}.stderr")
    removed = os.path.join(work, f"textmill-{tag}-removed.jsonl")
    cmd = " ".join([a.textmill, "dedup", *paths, "-o", os.path.join(work, f"textmill-{tag}-kept.jsonl"),
                    "--removed", removed, "--workers", str(a.workers), "--threads", str(a.threads or a.workers),
                    "--memory-entries", str(memory_entries or a.memory_entries), "--spill-directory", work]) + f" 2> {stderr}"
    result = measured(f"textmill-{tag}", cmd, work)
    with open(stderr) as f:
        result["summary"] = next((line.strip() for line in f if "dedup:" in line), "")
    with open(removed) as f:
        result["removed"] = {json.loads(line)["id"] for line in f}
    return result


def report(name, result, truth, docs, size_mb):
    wall = result["wall_s"]
    line = (f"{name}: wall {wall:.1f} s ({docs / wall:.0f} docs/s, {size_mb / wall:.2f} MB/s); peak RSS main "
            f"{(result['main_hwm_kib'] or 0) / 1024:.0f} MiB, process tree {(result['tree_peak_kib'] or 0) / 1024:.0f} MiB")
    if truth is not None:
        removed = result["removed"]
        tp = len(removed & truth)
        line += (f"; precision {tp / max(1, len(removed)):.4f}, recall {tp / max(1, len(truth)):.4f} "
                 f"({tp} of {len(truth)} found, {len(removed) - tp} wrong)")
    print(line)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("textmill")
    p.add_argument("--bases", type=int, default=40000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int)
    p.add_argument("--memory-entries", type=int, default=4_000_000)
    p.add_argument("--datatrove", help="the python of bench/dedup/setup-venv.sh's venv: also run datatrove")
    p.add_argument("--scaling", action="store_true", help="the same as --scales 1,4")
    p.add_argument("--scales", help="corpus sizes (multiples of --bases) for the memory scaling runs, e.g. 1,4,10")
    p.add_argument("--scaling-memory-entries", type=int, default=250_000)
    p.add_argument("--only-scaling", action="store_true")
    p.add_argument("--keep")
    a = p.parse_args()
    scales = [int(x) for x in (a.scales or ("1,4" if a.scaling or a.only_scaling else "")).split(",") if x]
    a.textmill = os.path.abspath(a.textmill)
    work = os.path.abspath(a.keep or tempfile.mkdtemp(prefix="textmill-dedup-bench-"))
    os.makedirs(work, exist_ok=True)
    if not a.only_scaling:
        accuracy_run(a, work)
    if scales:
        scaling_runs(a, work, scales)


def accuracy_run(a, work):
    docs, kinds = make_corpus(a.bases)
    paths = write_corpus(docs, os.path.join(work, "corpus"), max(1, a.workers))
    size_mb = sum(os.path.getsize(path) for path in paths) / 1e6
    t0 = time.time()
    truth = ground_truth(docs)
    print(f"corpus: {len(docs)} documents, {size_mb:.1f} MB in {len(paths)} files; "
          f"{len(truth)} duplicates by ground truth ({time.time() - t0:.1f} s); planted: "
          + ", ".join(f"{k} {n}" for k, n in collections.Counter(kinds).most_common()))

    textmill = run_textmill(a, paths, work, "accuracy")
    print(textmill["summary"])
    report("textmill dedup", textmill, truth, len(docs), size_mb)
    missed = collections.Counter(kinds[j] for j in truth - textmill["removed"])
    if missed:
        print("  textmill missed by kind:", dict(missed))

    if a.datatrove:
        dt_work = os.path.join(work, "datatrove")
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "datatrove_minhash.py")
        cmd = f"{a.datatrove} {script} {os.path.join(work, 'corpus')} {dt_work} --tasks {a.workers} > {work}/datatrove.out 2> {work}/datatrove.log"
        result = measured("datatrove", cmd, work)
        with open(os.path.join(dt_work, "removed-ids.txt")) as f:
            result["removed"] = {int(line) for line in f if line.strip()}
        with open(f"{work}/datatrove.out") as f:
            stages = f.read().strip()
        report("datatrove MinHash", result, truth, len(docs), size_mb)
        print(f"  datatrove stages: {stages}")


def scaling_runs(a, work, scales):
    """textmill alone on corpora `scales` times --bases, with the same small sort memory: the
    coordinator's peak RSS for each, and how much it grew per added document."""
    print(f"memory scaling: --memory-entries {a.scaling_memory_entries} (sort buffers of "
          f"{a.scaling_memory_entries * 16 / 2**20:.1f} MiB), --workers {a.workers}")
    rows = []
    for scale in scales:
        docs, _ = make_corpus(a.bases * scale, seed=18 + scale)
        paths = write_corpus(docs, os.path.join(work, f"corpus-{scale}x"), max(1, a.workers))
        size_mb = sum(os.path.getsize(path) for path in paths) / 1e6
        del docs
        result = run_textmill(a, paths, work, f"{scale}x", a.scaling_memory_entries)
        documents = int(re.search(r"dedup: (\d+) documents", result["summary"]).group(1))
        print(f"  {scale}x: {result['summary']}")
        report(f"  textmill dedup {scale}x ({documents} documents, {size_mb:.1f} MB)", result, None, documents, size_mb)
        rows.append((scale, documents, size_mb, result))
        for path in paths + [os.path.join(work, f"textmill-{scale}x-kept.jsonl")]:
            os.remove(path)
    print("| corpus | documents | MB | peak RSS main MiB | process tree MiB | wall s |")
    print("|---|---:|---:|---:|---:|---:|")
    for scale, documents, size_mb, result in rows:
        print(f"| {scale}x | {documents:,} | {size_mb:.1f} | {(result['main_hwm_kib'] or 0) / 1024:.0f} | "
              f"{(result['tree_peak_kib'] or 0) / 1024:.0f} | {result['wall_s']:.1f} |")
    (s0, d0, _, r0), (s1, d1, _, r1) = rows[0], rows[-1]
    if d1 > d0:
        grown = ((r1["main_hwm_kib"] or 0) - (r0["main_hwm_kib"] or 0)) * 1024
        print(f"coordinator peak {(r0['main_hwm_kib'] or 0) / 1024:.0f} -> {(r1['main_hwm_kib'] or 0) / 1024:.0f} MiB "
              f"from {s0}x to {s1}x: {grown / (d1 - d0):.1f} bytes per added document")


if __name__ == "__main__":
    main()
