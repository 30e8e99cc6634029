#!/usr/bin/env python3
"""CPU seconds of a `textmill run` split between the coordinator and its workers, user and system
time apart, with minor page faults: what callgrind does not show (kernel work, page faults) and
what wall time on a busy machine cannot. CPU time still suffers from other load (caches, clock),
so take the minimum of several runs; presets (and binaries) alternate run by run.

  python3 bench/cpu_split.py [--textmill BIN ...] [--preset P ...] [--workers 2] [--runs 5] INPUT

The totals are exact (wait4 on the coordinator, which reaps its workers); the workers' share is
the last /proc/PID/stat seen of each (polled every 2 ms; an exited worker keeps its final counts
until the coordinator reaps it), the coordinator's the rest.
Python standard library only.
"""
import argparse
import os
import statistics
import subprocess
import time

TICK = os.sysconf('SC_CLK_TCK')


def stat(pid):
    """(user s, sys s, minor faults) of a process, exited-but-unreaped ones included."""
    with open(f'/proc/{pid}/stat') as f:
        s = f.read()
    fields = s[s.rindex(')') + 2:].split()
    return int(fields[11]) / TICK, int(fields[12]) / TICK, int(fields[7])


def children(pid):
    found = []
    for task in os.listdir(f'/proc/{pid}/task'):
        with open(f'/proc/{pid}/task/{task}/children') as f:
            found += [int(x) for x in f.read().split()]
    return found


def one_run(textmill, preset, workers, path):
    env = dict(os.environ)
    env.setdefault('TEXTMILL_MODELS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'models'))
    p = subprocess.Popen([textmill, 'run', '--preset', preset, '--workers', str(workers), path,
                          '-o', '/dev/null', '--quiet'], env=env)
    seen = {}
    while True:
        try:
            for child in children(p.pid):
                seen[child] = stat(child)
        except OSError:
            pass
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.002)
    if status != 0:
        raise SystemExit(f'{textmill} --preset {preset} exited with {status}')
    worker_user = sum(v[0] for v in seen.values())
    worker_sys = sum(v[1] for v in seen.values())
    worker_faults = sum(v[2] for v in seen.values())
    return {
        'total': usage.ru_utime + usage.ru_stime,
        'coordinator user': usage.ru_utime - worker_user, 'coordinator sys': usage.ru_stime - worker_sys,
        'workers user': worker_user, 'workers sys': worker_sys,
        'coordinator faults': usage.ru_minflt - worker_faults, 'worker faults': worker_faults,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('input')
    ap.add_argument('--textmill', action='append')
    ap.add_argument('--preset', action='append')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--runs', type=int, default=5)
    a = ap.parse_args()
    binaries = a.textmill or ['.build/release/textmill']
    presets = a.preset or ['icu-words', 'hashing', 'chat']
    results = {(b, p): [] for b in binaries for p in presets}
    for _ in range(a.runs):
        for p in presets:
            for b in binaries:
                results[(b, p)].append(one_run(b, p, a.workers, a.input))
    keys = list(next(iter(results.values()))[0].keys())
    print(f'{a.runs} runs each, --workers {a.workers}, {a.input}; seconds: minimum (median); faults: median')
    print()
    print('| binary | preset | ' + ' | '.join(keys) + ' |')
    print('|---|---|' + '---:|' * len(keys))
    for (b, p), runs in results.items():
        cells = []
        for k in keys:
            values = [r[k] for r in runs]
            if 'faults' in k:
                cells.append(f'{statistics.median(values):,.0f}')
            else:
                cells.append(f'{min(values):.2f} ({statistics.median(values):.2f})')
        print(f'| {b} | {p} | ' + ' | '.join(cells) + ' |')


if __name__ == '__main__':
    main()
