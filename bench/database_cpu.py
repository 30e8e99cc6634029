#!/usr/bin/env python3
"""Where the CPU time of a PostgreSQL-sink run goes, in CPU seconds rather than wall time, so
that it means something on a busy machine too:

  client   textmill and its workers (user + system, from wait4)
  backend  the server process that runs the COPYs (the postmaster's reaped-children time, read
           before and after the run; autovacuum is off in this cluster so nothing else is reaped)
  server   the server's background processes (WAL writer, checkpointer, background writer)

for a JSONL-file run (the reference) and for each `--sink` variant (`--db-commit-interval`
values by default). The lower bound on the wall time of a run on C cores is
max(total / C, the busiest single process): with 2 cores and 2 workers, PostgreSQL reaches 0.5x
the JSONL throughput only if its total CPU is at most twice the JSONL run's (that run keeps
both cores busy).

Usage (from the repository root):
  python3 bench/database_cpu.py --input bench/.cache/corpus/corpus-10mb.jsonl \
      [--textmill .build/release/textmill] [--interval 0 --interval 1] [--workers 2]

Python standard library only; the cluster is a throwaway one, like bench/databases.py's.
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from databases import PG_BIN, Postgres, count_docs  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def proc_times(pid, children=False):
    """utime + stime (or cutime + cstime) of a process, in seconds."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3); utime is field 14, stime 15, cutime 16, cstime 17.
    first = 13 if children else 11
    return (int(fields[first]) + int(fields[first + 1])) / TICKS


def server_pids(pg):
    with open(os.path.join(pg.dir, "data", "postmaster.pid")) as fh:
        postmaster = int(fh.readline())
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(postmaster)], capture_output=True, text=True).stdout
    return postmaster, [int(p) for p in out.split()]


def run_measured(cmd):
    """Runs cmd, returns (exit status, CPU seconds of it and its children)."""
    start = os.times()
    status = subprocess.run(cmd).returncode
    end = os.times()
    return status, (end.children_user - start.children_user) + (end.children_system - start.children_system)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default="bench/.cache/corpus/corpus-10mb.jsonl")
    ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--preset", default="icu-words")
    ap.add_argument("--interval", action="append",
                    help="--db-commit-interval values (default: 0 and 1; 'none' passes no such option, for older builds)")
    ap.add_argument("--extra", default="", help="more textmill arguments for every run (space-separated)")
    a = ap.parse_args()
    intervals = a.interval or ["0", "1"]
    if not os.path.exists(f"{PG_BIN}/initdb"):
        sys.exit(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb)")
    docs = count_docs(a.input)
    megabytes = os.path.getsize(a.input) / 1e6
    base = [a.textmill, "run", a.input, "--preset", a.preset, "--workers", str(a.workers), "--quiet"] + a.extra.split()
    pg = Postgres(extra_config="autovacuum = off\n")
    rows = []
    try:
        out = os.path.join(pg.dir, "out.jsonl")
        status, client = run_measured(base + ["-o", out])
        os.remove(out)
        rows.append(("jsonl", status, client, 0.0, 0.0, docs))
        for interval in intervals:
            pg.sql("DROP TABLE IF EXISTS textmill_records, textmill_records_runs")
            pg.sql("CHECKPOINT")
            postmaster, background = server_pids(pg)
            reaped = proc_times(postmaster, children=True)
            others = sum(proc_times(p) for p in background)
            option = [] if interval == "none" else ["--db-commit-interval", interval]
            status, client = run_measured(base + ["--sink", pg.url] + option)
            time.sleep(1)  # the backend exits after the client; let the postmaster reap it
            backend = proc_times(postmaster, children=True) - reaped
            background_now = sum(proc_times(p) for p in background)
            stored = int(pg.sql("SELECT count(*) FROM textmill_records"))
            rows.append((f"postgresql, --db-commit-interval {interval}", status, client, backend, background_now - others, stored))
    finally:
        pg.stop()

    print(f"{a.input} ({megabytes:.1f} MB, {docs:,} documents), {a.preset}, --workers {a.workers}, {a.textmill}")
    print(f"{'run':<40} {'exit':>4} {'rows':>8} {'client s':>9} {'backend s':>9} {'server bg s':>11} {'total s':>8}")
    for name, status, client, backend, other, stored in rows:
        total = client + backend + other
        print(f"{name:<40} {status:>4} {stored:>8} {client:>9.2f} {backend:>9.2f} {other:>11.2f} {total:>8.2f}")
    reference = rows[0][2]
    for name, _, client, backend, other, _ in rows[1:]:
        total = client + backend + other
        print(f"{name}: CPU {total / reference:.2f}x the JSONL run's; on 2 cores at best "
              f"{reference / max(total, 2 * backend):.2f}x its throughput, if the JSONL run keeps both cores busy")


if __name__ == "__main__":
    main()
