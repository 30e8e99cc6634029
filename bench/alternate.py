#!/usr/bin/env python3
"""icu-words against the C ceiling in alternating rounds: C -j 2, textmill --workers 2, C, textmill
--workers 1, then again, N rounds. On a machine whose speed drifts (another tenant's load),
hyperfine's runs of one command after another land in different moments; alternating keeps each
pair of measurements close in time, so per-round ratios stay comparable.

  python3 bench/alternate.py ROUNDS [NAME=COMMAND ...]

Run from the repository root after `make bench-corpus bench-ceiling release`; extra NAME=COMMAND
arguments (space-separated words) join the rotation. Prints min, median and every round per command.
Python standard library only.
"""
import statistics
import subprocess
import sys
import time

CORPUS = "bench/.cache/corpus/corpus-100mb.jsonl"
COMMANDS = {
    "C -j2": ["bench/.cache/bin/icu_ceiling", "-j", "2", CORPUS],
    "tm w2": [".build/release/textmill", "run", "--preset", "icu-words", "--workers", "2", CORPUS, "-o", "/dev/null", "--quiet"],
    "C 1": ["bench/.cache/bin/icu_ceiling", CORPUS],
    "tm w1": [".build/release/textmill", "run", "--preset", "icu-words", "--workers", "1", CORPUS, "-o", "/dev/null", "--quiet"],
}


def main():
    rounds = int(sys.argv[1])
    for extra in sys.argv[2:]:
        name, _, command = extra.partition("=")
        COMMANDS[name] = command.split()
    times = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    for name, values in times.items():
        rounds_text = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:10s} min {min(values):.3f} median {statistics.median(values):.3f} all {rounds_text}")


if __name__ == "__main__":
    main()
