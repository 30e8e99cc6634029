#!/usr/bin/env python3
"""Database sinks against the JSONL file: throughput of `textmill run` on the bench corpus
(icu-words, --workers 2 by default) writing

  jsonl       -o OUT.jsonl                         (the reference)
  sqlite      --sink sqlite:OUT.db                 (target >= 0.7x the JSONL throughput)
  postgresql  --sink postgresql://.../postgres     (target >= 0.5x), a throwaway PostgreSQL 15

Each timed run starts from an empty destination (the file, database and table are removed
first, untimed: a rerun into the same table would be a no-op) and its row count is checked
against the input's document count afterwards; a wrong count fails the benchmark. The sinks
take turns, round after round, and after every run its output is removed, PostgreSQL
checkpoints and the page cache is synced (untimed), so no run pays for the one before.

The PostgreSQL server is initdb'd into a temporary directory (as `nobody` when run as root:
PostgreSQL refuses root), listens only on a Unix socket there, keeps its default durability
(fsync and synchronous_commit on), and is stopped at the end. Writes the "Database sinks"
section of the report (other sections are kept), and prints it.

Python standard library only (sqlite3 for counts, psql for PostgreSQL's). Run from the
repository root on an otherwise idle machine: the numbers are wall times.
"""
import argparse
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

PG_BIN = "/usr/lib/postgresql/15/bin"
TARGETS = {"sqlite": 0.7, "postgresql": 0.5}


def log(*a):
    print("bench-databases:", *a, file=sys.stderr, flush=True)


def count_docs(path):
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def remove_sqlite(path):
    """Removes an SQLite database and its WAL and shared-memory files, where present."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def count_sqlite_rows(path):
    """Rows in the sink's table of the SQLite database at `path`."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM textmill_records").fetchone()[0]


class Postgres:
    """A throwaway cluster on a Unix socket in a temporary directory (trust authentication:
    nothing but this user's processes can reach the socket directory)."""

    def __init__(self, extra_config=""):
        self.dir = tempfile.mkdtemp(prefix="textmill-bench-pg-")
        self.sock = os.path.join(self.dir, "sock")
        os.mkdir(self.sock)
        self.as_user = []
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody:nogroup", self.dir], check=True)
            self.as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        data = os.path.join(self.dir, "data")
        self.run([f"{PG_BIN}/initdb", "-D", data, "-U", "textmill", "--auth=trust", "-E", "UTF8", "--no-locale"])
        with open(os.path.join(data, "postgresql.conf"), "a") as fh:
            fh.write(f"\nlisten_addresses = ''\nunix_socket_directories = '{self.sock}'\nport = 5432\n")
            fh.write(extra_config)
        self.run([f"{PG_BIN}/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60", "start"])
        self.url = "postgresql://textmill@" + urllib.parse.quote(self.sock, safe="") + ":5432/postgres"

    def run(self, cmd):
        subprocess.run(self.as_user + cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sql(self, statement):
        r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-d", self.url, "-c", statement],
                           check=True, capture_output=True, text=True)
        return r.stdout.strip()

    def stop(self):
        subprocess.run(self.as_user + [f"{PG_BIN}/pg_ctl", "-D", os.path.join(self.dir, "data"), "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default="bench/.cache/corpus/corpus-100mb.jsonl")
    ap.add_argument("--textmill", default=os.environ.get("TEXTMILL", ".build/release/textmill"))
    ap.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    ap.add_argument("--preset", default="icu-words")
    ap.add_argument("--report", default="BENCHMARKS.md", help="report whose 'Database sinks' section is replaced ('' for none)")
    ap.add_argument("--no-postgres", action="store_true")
    a = ap.parse_args()

    docs = count_docs(a.input)
    megabytes = os.path.getsize(a.input) / 1e6
    work = tempfile.mkdtemp(prefix="textmill-bench-db-")
    base = [a.textmill, "run", a.input, "--preset", a.preset, "--workers", str(a.workers), "--quiet"]
    pg = None
    if not a.no_postgres:
        if os.path.exists(f"{PG_BIN}/initdb"):
            pg = Postgres()
        else:
            log(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb): its row is skipped (make deps installs it)")

    out_jsonl, out_db = os.path.join(work, "out.jsonl"), os.path.join(work, "out.db")
    reset_sqlite, count_sqlite = (lambda: remove_sqlite(out_db)), (lambda: count_sqlite_rows(out_db))

    sinks = [
        ("jsonl", ["-o", out_jsonl], lambda: os.path.exists(out_jsonl) and os.remove(out_jsonl), lambda: count_docs(out_jsonl)),
        ("sqlite", ["--sink", "sqlite:" + out_db], reset_sqlite, count_sqlite),
    ]
    if pg:
        sinks.append(("postgresql", ["--sink", pg.url],
                      lambda: pg.sql("DROP TABLE IF EXISTS textmill_records, textmill_records_runs"),
                      lambda: int(pg.sql("SELECT count(*) FROM textmill_records"))))

    # Rounds: every sink once per round, in turn, so that each ratio to the JSONL run compares
    # runs minutes apart at most (this machine's speed drifts by up to 2x over an hour; timing
    # all of one sink's runs before the next made the ratios depend on when each sink ran).
    walls = {name: [] for name, _, _, _ in sinks}
    commands = {name: " ".join(shlex.quote(c) for c in base + args) for name, args, _, _ in sinks}
    for name, _, _, _ in sinks:
        log(commands[name])
    failed = set()
    try:
        for run in range(a.runs + 1):  # the first round warms the caches and is not counted
            for name, args, reset, count in sinks:
                if name in failed:
                    continue
                reset()
                start = time.perf_counter()
                status = subprocess.run(base + args).returncode
                wall = time.perf_counter() - start
                rows = count()
                if status not in (0, 1) or rows != docs:
                    log(f"{name}: exit {status}, {rows} rows for {docs} documents")
                    failed.add(name)
                    continue
                if run > 0:
                    walls[name].append(wall)
                # Untimed: the next run starts on a quiet machine, not during this one's disk
                # writeback (PostgreSQL's checkpoint of a gigabyte of WAL and table slowed the
                # SQLite run after it by a quarter).
                reset()
                if pg:
                    pg.sql("CHECKPOINT")
                os.sync()
    finally:
        if pg:
            pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    results = {name: (statistics.median(w), w, commands[name]) for name, w in walls.items() if w and name not in failed}

    lines = ["## Database sinks", "",
             f"`make bench` (`bench/databases.py`): `{a.input}` ({megabytes:.1f} MB, {docs:,} documents), "
             f"`{a.preset}`, `--workers {a.workers}`; {a.runs} rounds after a warm-up round, each round running every "
             "sink once in turn, each run into an empty destination, the row count checked after every run. "
             "× JSONL is the median over the rounds of each round's ratio to its own JSONL run. "
             "PostgreSQL 15 on a Unix socket, default durability.", "",
             "| sink | median wall s | MB/s | docs/s | × JSONL (per round) | target | status |", "|---|---:|---:|---:|---:|---:|---|"]
    reference = results.get("jsonl")
    for name, _, _, _ in sinks:
        if name not in results:
            lines.append(f"| {name} | failed | | | | | **failed** |")
            continue
        wall = results[name][0]
        per_round = [r / w for r, w in zip(reference[1], results[name][1])] if reference else []
        ratio = statistics.median(per_round) if per_round else float("nan")
        rounds = ", ".join(f"{x:.2f}" for x in per_round)
        target = TARGETS.get(name)
        status = "—" if target is None else ("**met**" if ratio >= target else "**missed**")
        lines.append(f"| {name} | {wall:.3f} | {megabytes / wall:.1f} | {docs / wall:,.0f} | {ratio:.2f}× ({rounds}) | "
                     f"{'' if target is None else f'≥ {target}×'} | {status} |")
    lines += ["", "Wall seconds per round: " + "; ".join(
        f"{n} " + ", ".join(f"{w:.2f}" for w in results[n][1]) for n, _, _, _ in sinks if n in results)]
    lines += ["", "Commands:", ""] + [f"- `{results[n][2]}`" for n, _, _, _ in sinks if n in results]
    section = "\n".join(lines) + "\n"
    print(section)
    if a.report:
        write_section(a.report, section)
    sys.exit(1 if failed else 0)


def write_section(path, section):
    """Replaces the report's `## Database sinks` section (or appends it), keeping the rest,
    including the section's own `### ` subsections (notes written by hand, such as the CPU
    measurements of bench/database_cpu.py), which follow the new table."""
    try:
        text = open(path).read()
    except OSError:
        text = ""
    out, skipping, replaced = [], False, False
    for line in text.split("\n"):
        if skipping and line.startswith("### "):
            skipping = False
        if line.startswith("## "):
            skipping = line.strip() == "## Database sinks"
            if skipping:
                out.append(section.rstrip("\n"))
                out.append("")
                replaced = True
                continue
        if not skipping:
            out.append(line)
    if not replaced:
        out += ["", section.rstrip("\n")]
    with open(path, "w") as fh:
        fh.write("\n".join(out).rstrip("\n") + "\n")
    log(f"wrote the Database sinks section of {path}")


if __name__ == "__main__":
    main()
