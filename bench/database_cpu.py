#!/usr/bin/env python3
"""Where the CPU time of a database-sink run goes, in CPU seconds rather than wall time, so
that it means something on a busy machine too:

  coordinator  the textmill process itself (user + system; the sink runs on its sink thread)
  workers      its worker processes (the reaped-children time of the coordinator)
  backend      the PostgreSQL server process that runs the COPYs (the postmaster's reaped-children
               time, read before and after the run; autovacuum is off in this cluster so nothing
               else is reaped)
  server       the server's background processes (WAL writer, checkpointer, background writer)

for a JSONL-file run (the reference), an SQLite run and each PostgreSQL `--db-commit-interval`
value, each `--repeat` times (the minimum of each column is printed: the runs least disturbed by
other work). The coordinator's own time is read from /proc after it exits and before it is
reaped (waitid with WNOWAIT), so the workers' time does not blur it. The lower bound on the wall
time of a run on C cores is max(total / C, the busiest single process): with 2 cores and 2
workers, a sink reaches 0.5x the JSONL throughput only if its total CPU is at most twice the
JSONL run's (that run keeps both cores busy), and a single backend whose CPU alone exceeds twice
the JSONL run's wall time caps PostgreSQL below 0.5x on any number of cores.

Usage (from the repository root):
  python3 bench/database_cpu.py --input bench/.cache/corpus/corpus-10mb.jsonl \
      [--textmill .build/release/textmill] [--interval 0 --interval 1] [--workers 2] [--repeat 3] [--no-postgres]

Python standard library only; the cluster is a throwaway one, like bench/databases.py's.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from databases import PG_BIN, Postgres, count_docs, count_sqlite_rows, remove_sqlite  # noqa: E402

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
    """Runs cmd; returns (exit status, CPU seconds of the process itself, of its reaped children)."""
    process = subprocess.Popen(cmd)
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped: /proc still has it
    own, children = proc_times(process.pid), proc_times(process.pid, children=True)
    return process.wait(), own, children


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default="bench/.cache/corpus/corpus-10mb.jsonl")
    ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--preset", default="icu-words")
    ap.add_argument("--interval", action="append",
                    help="PostgreSQL --db-commit-interval values (default: 1; 'none' passes no such option, for older builds)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each kind (the minimum of each column is printed)")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--extra", default="", help="more textmill arguments for every run (space-separated)")
    a = ap.parse_args()
    intervals = a.interval or ["1"]
    postgres = not a.no_postgres
    if postgres and not os.path.exists(f"{PG_BIN}/initdb"):
        sys.exit(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb); --no-postgres measures the rest")
    docs = count_docs(a.input)
    megabytes = os.path.getsize(a.input) / 1e6
    base = [a.textmill, "run", a.input, "--preset", a.preset, "--workers", str(a.workers), "--quiet"] + a.extra.split()
    pg = Postgres(extra_config="autovacuum = off\n") if postgres else None
    work = tempfile.mkdtemp(prefix="textmill-bench-cpu-")
    results = {}  # name -> list of (status, coordinator, workers, backend, server, rows)

    def measure(name, args, reset, count, server=None):
        for _ in range(a.repeat):
            reset()
            before = server() if server else (0.0, 0.0)
            status, own, children = run_measured(base + args)
            if server:
                time.sleep(1)  # the backend exits after the client; let the postmaster reap it
            after = server() if server else (0.0, 0.0)
            results.setdefault(name, []).append((status, own, children, after[0] - before[0], after[1] - before[1], count()))

    try:
        out, db = os.path.join(work, "out.jsonl"), os.path.join(work, "out.db")
        measure("jsonl", ["-o", out], lambda: os.path.exists(out) and os.remove(out), lambda: count_docs(out))
        measure("sqlite", ["--sink", "sqlite:" + db], lambda: remove_sqlite(db), lambda: count_sqlite_rows(db))
        for interval in intervals if pg else []:
            def reset_pg():
                pg.sql("DROP TABLE IF EXISTS textmill_records, textmill_records_runs")
                pg.sql("CHECKPOINT")

            def server_times():
                postmaster, background = server_pids(pg)
                return proc_times(postmaster, children=True), sum(proc_times(p) for p in background)

            option = [] if interval == "none" else ["--db-commit-interval", interval]
            measure(f"postgresql, --db-commit-interval {interval}", ["--sink", pg.url] + option, reset_pg,
                    lambda: int(pg.sql("SELECT count(*) FROM textmill_records")), server_times)
    finally:
        if pg:
            pg.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"{a.input} ({megabytes:.1f} MB, {docs:,} documents), {a.preset}, --workers {a.workers}, {a.textmill}; "
          f"CPU seconds, minimum of {a.repeat} runs per column")
    print(f"{'run':<36} {'exit':>4} {'rows':>8} {'coordinator':>11} {'workers':>8} {'backend':>8} {'server bg':>9} {'total':>7}")
    summary = {}
    for name, runs in results.items():
        status = max(r[0] for r in runs)
        stored = {r[5] for r in runs}
        columns = [min(r[i] for r in runs) for i in (1, 2, 3, 4)]
        total = min(sum(r[1:5]) for r in runs)
        summary[name] = (columns, total)
        rows_text = str(stored.pop()) if len(stored) == 1 else "/".join(map(str, sorted(stored)))
        print(f"{name:<36} {status:>4} {rows_text:>8} {columns[0]:>11.2f} {columns[1]:>8.2f} {columns[2]:>8.2f} {columns[3]:>9.2f} {total:>7.2f}")
    reference = summary["jsonl"][1]
    for name, (columns, total) in summary.items():
        if name == "jsonl":
            continue
        print(f"{name}: CPU {total / reference:.2f}x the JSONL run's; on 2 cores at best "
              f"{reference / max(total, 2 * max(columns[0], columns[2])):.2f}x its throughput, if the JSONL run keeps both cores busy")


if __name__ == "__main__":
    main()
