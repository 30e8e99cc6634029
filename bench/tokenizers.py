#!/usr/bin/env python3
"""LLM tokenizer benchmark: textmill against tiktoken and HF tokenizers, side by side.

On the bench corpus with W workers/threads (default 2), with hyperfine (alternating runs):
  textmill run --tokenizer cl100k_base.tiktoken      vs  tiktoken encode_ordinary_batch(num_threads=W)
  textmill run --tokenizer BYTE_LEVEL.json --fields id,ids  vs  HF tokenizers encode_batch (W threads)
Every command writes JSONL ids ({"id","ids"}) to /dev/null. Before timing, both sides run on the first
2,000 documents and their ids are compared (the report says whether they are identical). Peak RSS
comes from bench/peak_rss.py (largest single process: for textmill, a worker with its tables).
Writes the section "## LLM tokenizers" of BENCHMARKS.md (replacing an earlier one) and
bench/.cache/results/tokenizers/.

usage (make bench-tokenizers): bench/.venv/bin/python bench/tokenizers.py --textmill .build/release/textmill
    [--input bench/.cache/corpus/corpus-100mb.jsonl] [--workers 2] [--runs 3] [--warmup 1]
    [--ranks models/tokenizers/cl100k_base.tiktoken] [--hf-tokenizer models/tokenizers/byte-level-bpe.json]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

q = shlex.quote


def log(*args):
    print("bench-tokenizers:", *args, file=sys.stderr, flush=True)


def ids_of(path):
    with open(path, "rb") as fh:
        return [(d.get("id"), d.get("ids")) for d in map(json.loads, fh.read().splitlines()) if d]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
    ap.add_argument("--input", default="bench/.cache/corpus/corpus-100mb.jsonl")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--ranks", default="models/tokenizers/cl100k_base.tiktoken")
    ap.add_argument("--hf-tokenizer", default="models/tokenizers/byte-level-bpe.json")
    ap.add_argument("--out", default="bench/.cache/results/tokenizers")
    ap.add_argument("--report", default="BENCHMARKS.md")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    py = q(sys.executable)
    W = a.workers
    size = os.path.getsize(a.input)
    with open(a.input, "rb") as fh:
        docs = sum(1 for line in fh if line.strip())

    pairs = []  # (label, textmill command(input, output), baseline label, baseline command(input, output))
    if os.path.isfile(a.ranks):
        pairs.append((
            "cl100k_base (tiktoken ranks)",
            lambda i, o: f"{q(a.textmill)} run --tokenizer {q(a.ranks)} --tiktoken-pattern cl100k_base "
                         f"--workers {W} --fields id,ids --quiet {q(i)} -o {q(o)}",
            f"tiktoken 0.14 encode_ordinary_batch(num_threads={W})",
            lambda i, o: f"{py} bench/py/tiktoken_batch.py --ranks {q(a.ranks)} --threads {W} {q(i)} -o {q(o)}",
        ))
    else:
        log(f"skipping cl100k: {a.ranks} missing (make tokenizer-data)")
    if os.path.isfile(a.hf_tokenizer):
        pairs.append((
            f"byte-level BPE ({os.path.basename(a.hf_tokenizer)})",
            lambda i, o: f"{q(a.textmill)} run --tokenizer {q(a.hf_tokenizer)} --workers {W} --fields id,ids "
                         f"--quiet {q(i)} -o {q(o)}",
            f"HF tokenizers 0.23 encode_batch ({W} threads)",
            lambda i, o: f"env RAYON_NUM_THREADS={W} {py} bench/py/hf_bpe.py --tokenizer {q(a.hf_tokenizer)} {q(i)} -o {q(o)}",
        ))
    else:
        log(f"skipping HF: {a.hf_tokenizer} missing")

    # correctness probe on the first 2,000 documents
    probe = os.path.join(a.out, "probe.jsonl")
    with open(a.input, "rb") as fi, open(probe, "wb") as fo:
        for _, line in zip(range(2000), fi):
            fo.write(line)
    agreement = {}
    total_ids = {}
    for label, tm, base_label, base in pairs:
        t_out, b_out = os.path.join(a.out, "probe.textmill.jsonl"), os.path.join(a.out, "probe.baseline.jsonl")
        subprocess.run(tm(probe, t_out), shell=True, check=True)
        subprocess.run(base(probe, b_out), shell=True, check=True)
        agreement[label] = ids_of(t_out) == ids_of(b_out)
        log(label, "ids identical to the baseline on 2,000 documents:", agreement[label])
        full = os.path.join(a.out, "full.textmill.jsonl")
        subprocess.run(tm(a.input, full), shell=True, check=True)
        total_ids[label] = sum(len(ids) for _, ids in ids_of(full))
        os.remove(full)

    # page cache
    with open(a.input, "rb") as fh:
        while fh.read(1 << 24):
            pass

    rows = []
    for label, tm, base_label, base in pairs:
        export = os.path.join(a.out, f"hyperfine-{len(rows)}.json")
        cmds = [tm(a.input, "/dev/null"), base(a.input, "/dev/null")]
        subprocess.run(["hyperfine", "--style", "basic", "--runs", str(a.runs), "--warmup", str(a.warmup),
                        "--export-json", export, "-n", f"textmill {label}", cmds[0], "-n", base_label, cmds[1]],
                       check=True)
        results = json.load(open(export))["results"]
        rss = []
        for cmd in cmds:
            r = subprocess.run([sys.executable, "bench/peak_rss.py", "--", cmd], capture_output=True, text=True)
            try:
                rss.append(json.loads(r.stdout.strip().splitlines()[-1])["time_max_rss_kib"] / 1024)
            except (ValueError, IndexError, KeyError):
                rss.append(None)
        rows.append((label, base_label, results, rss))

    # the known quadratic cases of tiktoken and HF: one 1 MB document without a break
    long_rows = []
    if pairs:
        for name, text in (("'^' x 1,000,000", "^" * 1_000_000), ("'a' x 1,000,000", "a" * 1_000_000)):
            doc = os.path.join(a.out, "long.jsonl")
            with open(doc, "w") as fh:
                fh.write(json.dumps({"id": 1, "text": text}) + "\n")
            cmd = pairs[0][1](doc, "/dev/null")
            start = time.time()
            subprocess.run(cmd, shell=True, check=True)
            long_rows.append((name, time.time() - start))
            log(f"{name}: {long_rows[-1][1]:.2f} s (whole process, load included)")

    lines = ["## LLM tokenizers\n",
             f"`make bench-tokenizers` ({time.strftime('%Y-%m-%d')}): {a.input} ({size / 1e6:.1f} MB, {docs:,} documents), "
             f"{W} workers / threads, median of {a.runs} hyperfine runs after {a.warmup} warm-up; ids written as JSONL "
             "to /dev/null on both sides. RSS: largest single process (a textmill worker holds the tokenizer).\n",
             "| tokenizer | system | median s | MB/s | ids/s | peak RSS MiB | speed-up | same ids (2,000 docs) |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for label, base_label, results, rss in rows:
        t, b = results[0]["median"], results[1]["median"]
        n = total_ids.get(label, 0)
        for name, secs, mem in ((f"textmill, {W} workers", t, rss[0]), (base_label, b, rss[1])):
            lines.append(f"| {label} | {name} | {secs:.2f} | {size / 1e6 / secs:.1f} | {n / secs / 1e6:.2f} M | "
                         f"{'' if mem is None else f'{mem:.0f}'} | {b / secs:.2f}× | "
                         f"{'yes' if agreement.get(label) else 'NO'} |")
    for name, secs in long_rows:
        lines.append(f"\nOne document of {name} with cl100k: {secs:.2f} s for the whole `textmill run` (tokenizer load included).")
    lines.append("")
    section = "\n".join(lines) + "\n"
    print(section)
    if a.report:
        text = open(a.report).read() if os.path.exists(a.report) else ""
        start = text.find("## LLM tokenizers")
        if start >= 0:
            end = text.find("\n## ", start + 3)
            text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
        else:
            text = text.rstrip("\n") + "\n\n" + section
        open(a.report, "w").write(text)
        log("updated", a.report)


if __name__ == "__main__":
    main()
