#!/usr/bin/env python3
"""Coordinator memory on a 1 GB input (`make bench-memory`).

Builds bench/.cache/corpus/corpus-1gb.jsonl (the 100 MB corpus ten times over, ids made
unique), runs `textmill run` on it with `peak_rss.py` for each worker count given, and writes
the section "## Coordinator memory on 1 GB" into BENCHMARKS.md (replacing an earlier one).
Standard library only.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
ap.add_argument("--corpus", default="bench/.cache/corpus/corpus-100mb.jsonl")
ap.add_argument("--big", default="bench/.cache/corpus/corpus-1gb.jsonl")
ap.add_argument("--workers", default="2")
ap.add_argument("--report", default="BENCHMARKS.md")
a = ap.parse_args()

if not os.path.exists(a.big):
    with open(a.big + ".tmp", "wb") as out:
        for copy in range(10):
            with open(a.corpus, "rb") as src:
                for line in src:
                    # {"id": "en-0000001", ...} -> {"id": "c3-en-0000001", ...}: unique ids per copy
                    out.write(line.replace(b'{"id": "', b'{"id": "c%d-' % copy, 1))
    os.rename(a.big + ".tmp", a.big)
size = os.path.getsize(a.big)

rows = []
for workers in a.workers.split(","):
    cmd = f"{a.textmill} run {a.big} -o /dev/null --workers {workers} --quiet"
    out = subprocess.run([sys.executable, "bench/peak_rss.py", "--", cmd], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    rows.append((workers, cmd, r))
    print(f"memory: --workers {workers}: {r}", file=sys.stderr)

MIB = 1024
lines = ["## Coordinator memory on 1 GB\n",
         f"Measured {datetime.date.today()} by `make bench-memory` (`bench/memory.py`): `{a.big}`, "
         f"{size / 1e9:.2f} GB (the benchmark corpus ten times, ids made unique), icu-words, output to /dev/null, "
         "default chunking. Coordinator = VmHWM of the `textmill run` process sampled from /proc; "
         "workers = the largest single worker (GNU time's maximum RSS over the tree); tree = the largest "
         "sampled sum over the coordinator and its workers. Target: coordinator ≤ 64 MiB.\n",
         "| command | wall s | MB/s | coordinator peak | largest process | tree peak | target |",
         "|---|---:|---:|---:|---:|---:|---|"]
for workers, cmd, r in rows:
    coord = r.get("main_hwm_kib") or 0
    lines.append(f"| `{cmd}` | {r['wall_s']:.1f} | {size / 1e6 / r['wall_s']:.1f} | {coord / MIB:.1f} MiB | "
                 f"{r.get('time_max_rss_kib', 0) / MIB:.1f} MiB | {r.get('tree_peak_kib', 0) / MIB:.1f} MiB | "
                 f"{'**met**' if coord and coord / MIB <= 64 else '**missed**'} |")
section = "\n".join(lines) + "\n"

text = open(a.report).read() if os.path.exists(a.report) else "# Benchmarks\n"
start = text.find("## Coordinator memory on 1 GB")
if start >= 0:
    end = text.find("\n## ", start + 3)
    text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
else:
    text = text.rstrip("\n") + "\n\n" + section
open(a.report, "w").write(text)
print(f"memory: wrote the section into {a.report}", file=sys.stderr)
