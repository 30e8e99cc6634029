#!/usr/bin/env python3
"""Coordinator ceiling (`make bench-coordinator`): how many icu-words workers one coordinator can feed.

The coordinator (reading, chunking, framing, polling the pipes, reordering, writing) is measured
alone by running a pipeline of no stages (ids only), whose workers do almost nothing, and taking
the CPU time of the coordinator process only; one icu-words worker is measured by the CPU time
of the workers of an icu-words run on the same corpus. Both are CPU seconds, not wall seconds,
so the figures hold on a machine with fewer cores than a many-core run would use:

  coordinator docs/s  = documents / coordinator CPU s   (ids-only run)
  worker docs/s       = documents / workers' CPU s      (icu-words run: one worker's rate per CPU-second)
  workers fed         = coordinator docs/s / worker docs/s   (the same ratio for bytes/s on one corpus)

CPU time of the coordinator only: the run's process is left a zombie (`waitid(WNOWAIT)`) and
/proc/PID/stat read before it is reaped: utime+stime are the coordinator's own (all its
threads), cutime+cstime those of the workers it reaped. Clock ticks are 10 ms; the corpora are
sized so every run takes seconds of CPU.

Three corpora, made from the input (the benchmark corpus by default):
  mixed  the input as it is (median document ~114 bytes)
  tiny   the input's documents cut to their first word (≤ 16 bytes of text), 4 copies: per-document cost
  large  256 consecutive documents joined into one (~30 KB): per-byte cost

CPU time, not instruction counts: valgrind 3.19 crashes on a release build running the worker
pool (the coordinator's threads and signals), and the kernel's share (pipe and file copies, poll)
is part of what is measured. On a loaded machine CPU times are inflated for both sides, so the
ratio is the steadier figure; the lead's quiet run is the one to report.

Writes the section "## Coordinator ceiling" of BENCHMARKS.md (replacing an earlier one).
Standard library only.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
ap.add_argument("--input", default="bench/.cache/corpus/corpus-100mb.jsonl")
ap.add_argument("--cache", default="bench/.cache/coordinator")
ap.add_argument("--workers", type=int, default=2)
ap.add_argument("--runs", type=int, default=3, help="runs per command; the median CPU time is used")
ap.add_argument("--corpora", default="mixed,tiny,large")
ap.add_argument("--extra", default="", help="extra `textmill run` arguments for every run (e.g. --unordered)")
ap.add_argument("--report", default="BENCHMARKS.md")
ap.add_argument("--no-report", action="store_true", help="print the section instead of writing it")
a = ap.parse_args()

os.makedirs(a.cache, exist_ok=True)
TICK = os.sysconf("SC_CLK_TCK")
IDS_CONFIG = os.path.join(a.cache, "ids-only.json")
with open(IDS_CONFIG, "w") as fh:
    json.dump({"version": 1, "name": "ids-only", "stages": [], "output": {"fields": ["id"]}}, fh)


def first_word(text):
    """The text's first word, at most 16 UTF-8 bytes (cut at a character boundary)."""
    word = text.strip().split(maxsplit=1)[0] if text.strip() else "x"
    out = word.encode()[:16]
    return out.decode("utf-8", "ignore") or "x"


def make_corpus(kind, source, path, limit_bytes=None):
    """Writes corpus `kind` derived from `source` to `path` (cached by name)."""
    if os.path.exists(path):
        return
    tmp = path + ".tmp"
    written = 0
    with open(source, "rb") as src, open(tmp, "w", encoding="utf-8") as out:
        docs = (json.loads(line) for line in src if line.strip())
        if kind == "mixed":
            src.seek(0)
            for line in src:
                if limit_bytes and written >= limit_bytes:
                    break
                out.write(line.decode())
                written += len(line)
        elif kind == "tiny":
            texts = [first_word(d.get("text", "")) for d in docs]
            n = 0
            for copy in range(4):
                for t in texts:
                    line = json.dumps({"id": f"t{n}", "text": t}, ensure_ascii=False) + "\n"
                    out.write(line)
                    n += 1
                    written += len(line.encode())
                    if limit_bytes and written >= limit_bytes:
                        break
                if limit_bytes and written >= limit_bytes:
                    break
        elif kind == "large":
            group, n = [], 0
            for d in docs:
                group.append(d.get("text", ""))
                if len(group) == 256:
                    line = json.dumps({"id": f"l{n}", "text": "\n".join(group)}, ensure_ascii=False) + "\n"
                    out.write(line)
                    written += len(line.encode())
                    group, n = [], n + 1
                    if limit_bytes and written >= limit_bytes:
                        break
        else:
            sys.exit(f"unknown corpus {kind}")
    os.rename(tmp, path)


def count_lines(path):
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def run_cpu(args):
    """Runs textmill; returns (coordinator CPU s, workers' CPU s) from the zombie's /proc stat."""
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
    with open(f"/proc/{p.pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): utime = field 14, stime 15, cutime 16, cstime 17
    utime, stime, cutime, cstime = (int(fields[i - 3]) for i in (14, 15, 16, 17))
    status = p.wait()
    if status not in (0, 1):
        sys.exit(f"command failed ({status}): {' '.join(args)}")
    return (utime + stime) / TICK, (cutime + cstime) / TICK


def textmill_run(corpus, pipeline):
    args = [a.textmill, "run", corpus, "-o", "/dev/null", "--quiet", "--workers", str(a.workers)]
    args += ["--config", IDS_CONFIG] if pipeline == "ids" else ["--preset", "icu-words"]
    return args + a.extra.split()


runs = a.runs
rows = []
for kind in a.corpora.split(","):
    path = os.path.join(a.cache, f"{kind}.jsonl")
    make_corpus(kind, a.input, path)
    docs, size = count_lines(path), os.path.getsize(path)
    ids = [run_cpu(textmill_run(path, "ids")) for _ in range(runs)]
    icu = [run_cpu(textmill_run(path, "icu")) for _ in range(runs)]
    coord = statistics.median(c for c, _ in ids)
    coord_in_icu = statistics.median(c for c, _ in icu)
    worker = statistics.median(w for _, w in icu)
    row = dict(corpus=kind, path=path, docs=docs, bytes=size, coordinator=coord, coordinator_in_icu=coord_in_icu,
               workers=worker, ids_runs=ids, icu_runs=icu)
    rows.append(row)
    print(json.dumps(row), file=sys.stderr)


def rate(n, cost):
    return n / cost if cost else float("inf")


def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


head = "## Coordinator ceiling\n"
cmd = f"python3 bench/coordinator.py --textmill {a.textmill} --input {a.input} --workers {a.workers} --runs {a.runs}" + \
      (f" --extra '{a.extra}'" if a.extra else "")
lines = [head,
         f"Measured {datetime.date.today()} by `make bench-coordinator` (`{cmd}`), textmill `{a.textmill}`, "
         f"`--workers {a.workers}`, output to /dev/null. The coordinator alone: a pipeline of no stages "
         "(`ids-only`: `{\"stages\": [], \"output\": {\"fields\": [\"id\"]}}`), its process's own "
         "CPU time (utime+stime of the `textmill run` process from /proc, read before it is reaped, all its "
         "threads and the kernel's work for it); one icu-words worker: the workers' CPU time (the coordinator's "
         "reaped children) in an icu-words run on the same corpus. Rates are per CPU second; "
         "**workers fed** = coordinator rate ÷ one worker's rate (a coordinator that needs 1/N of a core per "
         "worker's output feeds N workers). Corpora: `mixed` is the input as it is; `tiny` its documents cut to the "
         "first word (≤ 16 bytes of text, 4 copies), where per-document work dominates; `large` 256 documents "
         "joined into one (~30 KB), where per-byte work dominates. "
         f"Median of {runs} run(s). Targets (issue 15): documents/s ≥ 16× one worker's, bytes/s ≥ 4×.\n",
         f"| corpus | documents | MB | coordinator docs/s | coordinator MB/s | worker docs/s | worker MB/s | "
         "workers fed | coordinator CPU s in the icu-words run | target |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
for r in rows:
    cdocs, cbytes = rate(r["docs"], r["coordinator"]), rate(r["bytes"] / 1e6, r["coordinator"])
    wdocs, wbytes = rate(r["docs"], r["workers"]), rate(r["bytes"] / 1e6, r["workers"])
    fed = cdocs / wdocs
    goal = 4 if r["corpus"] == "large" else 16
    what = "bytes/s ≥ 4×" if goal == 4 else "docs/s ≥ 16×"
    cost = f"{r['coordinator_in_icu']:.2f}"
    lines.append(f"| {r['corpus']} | {r['docs']:,} | {r['bytes'] / 1e6:.1f} | {fmt(cdocs)} | {fmt(cbytes)} | "
                 f"{fmt(wdocs)} | {fmt(wbytes)} | **{fed:.1f}** | {cost} | {what}: "
                 f"{'**met**' if fed >= goal else '**missed**'} |")
fed_all = min(r["workers"] / r["coordinator"] for r in rows if r["coordinator"])
lines.append("")
lines.append(f"Workers the coordinator can feed: **{fed_all:.1f}** (the least over the corpora). Raw: "
             + "; ".join(f"{r['corpus']}: coordinator CPU s {', '.join(f'{c:.3g}' for c, _ in r['ids_runs'])} "
                         f"(ids-only), workers CPU s {', '.join(f'{w:.3g}' for _, w in r['icu_runs'])} (icu-words)"
                         for r in rows) + ".")
section = "\n".join(lines) + "\n"

if a.no_report:
    print(section)
    sys.exit(0)
text = open(a.report).read() if os.path.exists(a.report) else "# Benchmarks\n"
start = text.find(head.strip())
if start >= 0:
    end = text.find("\n## ", start + 1)
    text = text[:start] + section + ("" if end < 0 else "\n" + text[end + 1:])
else:
    marker = text.find("## Where the missed targets go")
    text = text[:marker] + section + "\n" + text[marker:] if marker >= 0 else text.rstrip("\n") + "\n\n" + section
open(a.report, "w").write(text)
print(f"wrote the coordinator ceiling into {a.report}", file=sys.stderr)
