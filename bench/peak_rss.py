#!/usr/bin/env python3
"""Peak memory of one run of a shell command.

Runs `/usr/bin/time -v sh -c 'exec CMD'` and reports, as one JSON object:
  time_max_rss_kib  GNU time's "Maximum resident set size" -- the largest single process
                    of the command's process tree (the command or any child it waited for)
  main_hwm_kib      VmHWM of the command's own process (for textmill: the coordinator),
                    read from /proc while it runs (sampled every --interval seconds; VmHWM
                    is a high-water mark, so only growth in the last interval can be missed)
  tree_peak_kib     the largest sampled sum of VmRSS over the command and all its
                    descendants (worker processes included)
  exit_status, wall_s

usage: peak_rss.py [--name NAME] [--append FILE] -- CMD
Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def descendants(pid):
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(children(p))
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="")
    ap.add_argument("--append", help="append the JSON object as a line to this file")
    ap.add_argument("--interval", type=float, default=0.01)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = " ".join(a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd)
    if not cmd:
        ap.error("no command")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tf.name, "sh", "-c", "exec " + cmd])
        main_pid = None
        main_hwm = 0
        tree_peak = 0
        while p.poll() is None:
            if main_pid is None:
                kids = children(p.pid)
                main_pid = kids[0] if kids else None
            if main_pid is not None:
                hwm = status_kib(main_pid, "VmHWM")
                if hwm:
                    main_hwm = max(main_hwm, hwm)
                total = 0
                for d in descendants(main_pid):
                    total += status_kib(d, "VmRSS") or 0
                tree_peak = max(tree_peak, total)
            time.sleep(a.interval)
        wall = time.monotonic() - t0
        text = open(tf.name).read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    e = re.search(r"Exit status: (\d+)", text)
    res = {
        "name": a.name,
        "command": cmd,
        "time_max_rss_kib": int(m.group(1)) if m else None,
        "main_hwm_kib": main_hwm or None,
        "tree_peak_kib": tree_peak or None,
        "exit_status": int(e.group(1)) if e else p.returncode,
        "wall_s": round(wall, 3),
    }
    line = json.dumps(res)
    print(line)
    if a.append:
        with open(a.append, "a") as fh:
            fh.write(line + "\n")
    sys.exit(0 if res["exit_status"] == 0 else 1)


if __name__ == "__main__":
    main()
