#!/usr/bin/env bash
# Message latency while a batch job runs (issue 17): 1,000 `process` requests against an idle
# `textmill serve`, then 1,000 more while a job processes a large corpus on the same server;
# prints both p99s (and p50/p90/max) and a row for BENCHMARKS.md.
#
#   bench/jobs-latency.sh [CORPUS]   (default bench/.cache/corpus/corpus-100mb.jsonl: make bench-corpus)
#
# Knobs: TEXTMILL (default .build/release/textmill), SERVE_WORKERS (message workers, 2),
# JOB_WORKERS (the job's workers, 2), BENCH_RATE (messages per second, 200: 1,000 take 5 s).
# The job must still be running when the second measurement ends; the script says if not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
textmill="${TEXTMILL:-.build/release/textmill}"
corpus="${1:-bench/.cache/corpus/corpus-100mb.jsonl}"
serve_workers="${SERVE_WORKERS:-2}"
job_workers="${JOB_WORKERS:-2}"
rate="${BENCH_RATE:-200}"
seconds=$(python3 -c "print(1000 / $rate)")
[ -x "$textmill" ] || { echo "jobs-latency.sh: $textmill not built (make release)" >&2; exit 2; }
[ -f "$corpus" ] || { echo "jobs-latency.sh: $corpus missing (make bench-corpus)" >&2; exit 2; }
corpus="$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")"
out="$(mktemp -d "${TMPDIR:-/tmp}/textmill-jobs-bench.XXXXXX")"
socket="$out/s.sock"
"$textmill" serve --listen "unix:$socket" --workers "$serve_workers" --state-dir "$out/state" 2>"$out/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 1 200); do grep -q "jobs: state in" "$out/serve.log" 2>/dev/null && break; sleep 0.05; done

idle=$("$textmill" serve-bench --connect "unix:$socket" --rate "$rate" --seconds "$seconds" --messages 0)
job=$("$textmill" jobs submit --connect "unix:$socket" -- "$corpus" -o "$out/job.jsonl" --workers "$job_workers")
for _ in $(seq 1 400); do
    "$textmill" jobs status --connect "unix:$socket" --json "$job" | grep -q '"state":"running","priority":0,"attempts":1,"documents":[1-9]' && break
    sleep 0.05
done
busy=$("$textmill" serve-bench --connect "unix:$socket" --rate "$rate" --seconds "$seconds" --messages 0)
state=$("$textmill" jobs status --connect "unix:$socket" "$job")
"$textmill" jobs cancel --connect "unix:$socket" "$job" >/dev/null || true

echo "idle:       $idle"
echo "during job: $busy"
echo "job:        $state"
case "$state" in *" running "*) ;; *) echo "warning: the job was not running to the end of the measurement; use a larger corpus" >&2 ;; esac
p99() { sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
echo
echo "| serve --workers $serve_workers, job --workers $job_workers, $rate msg/s | idle p99 $(p99 "$idle") ms | during a job p99 $(p99 "$busy") ms | $(nproc) CPUs |"
