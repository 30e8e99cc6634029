#!/usr/bin/env bash
# Token shards: the cost of writing binary shards over the same run writing nothing, and the
# coordinator's peak memory (issue 14 targets: <= 10 % overhead, coordinator <= 64 MB).
#
#   bench/shards.sh [CORPUS]        (default bench/.cache/corpus/corpus-100mb.jsonl: make bench-corpus)
#
# For each format it runs, BENCH_RUNS times each (best wall time kept),
#   textmill run CORPUS --preset P --workers W -o /dev/null
#   textmill run CORPUS --preset P --workers W --output-format F --output-dir TMP --shard-tokens 100M
# under bench/peak_rss.py (wall time, the coordinator's VmHWM), and prints a table with the
# overhead and whether each target is met; exits 1 if one is missed.
# Knobs: TEXTMILL (default .build/release/textmill), SHARDS_PRESET (bert-wordpiece; cl100k needs
# `make tokenizer-data`), BENCH_WORKERS (2), BENCH_RUNS (3), SHARDS_FORMATS ("llmc nanogpt megatron datatrove").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
textmill="${TEXTMILL:-.build/release/textmill}"
corpus="${1:-bench/.cache/corpus/corpus-100mb.jsonl}"
preset="${SHARDS_PRESET:-bert-wordpiece}"
workers="${BENCH_WORKERS:-2}"
runs="${BENCH_RUNS:-3}"
formats="${SHARDS_FORMATS:-llmc nanogpt megatron datatrove}"
[ -x "$textmill" ] || { echo "shards.sh: $textmill not built (make release)" >&2; exit 2; }
[ -f "$corpus" ] || { echo "shards.sh: $corpus missing (make bench-corpus)" >&2; exit 2; }
out="$(mktemp -d "${TMPDIR:-/tmp}/textmill-shards-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT

# best wall seconds and the largest coordinator VmHWM (KiB) over $runs runs of "$@"
measure() {
    local best="" hwm=0 line wall kib
    for _ in $(seq 1 "$runs"); do
        rm -rf "$out/shards"
        line="$(python3 bench/peak_rss.py -- "$@")"
        wall="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["wall_s"])' "$line")"
        kib="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["main_hwm_kib"] or 0)' "$line")"
        status="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["exit_status"])' "$line")"
        [ "$status" = 0 ] || { echo "shards.sh: exit $status: $*" >&2; exit 1; }
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then best="$wall"; fi
        [ "$kib" -gt "$hwm" ] && hwm="$kib"
    done
    echo "$best $hwm"
}

common=(run "$corpus" --preset "$preset" --workers "$workers" --quiet)
read -r base base_kib < <(measure "$textmill" "${common[@]}" -o /dev/null)
printf "corpus %s, preset %s, %s workers, best of %s runs\n" "$corpus" "$preset" "$workers" "$runs"
printf "%-10s %9s %9s %14s\n" output "wall s" overhead "coordinator MB"
printf "%-10s %9.2f %9s %14.1f\n" "/dev/null" "$base" "-" "$(python3 -c "print($base_kib/1024)")"
missed=0
for format in $formats; do
    read -r wall kib < <(measure "$textmill" "${common[@]}" --output-format "$format" --output-dir "$out/shards" --shard-tokens 100M)
    overhead="$(python3 -c "print(f'{($wall / $base - 1) * 100:+.1f} %')")"
    mb="$(python3 -c "print($kib/1024)")"
    printf "%-10s %9.2f %9s %14.1f\n" "$format" "$wall" "$overhead" "$mb"
    python3 -c "import sys; sys.exit(0 if $wall <= $base * 1.10 and $kib <= 64 * 1024 else 1)" || missed=1
done
[ "$missed" = 0 ] && echo "targets met: overhead <= 10 %, coordinator <= 64 MB" || { echo "a target was missed" >&2; exit 1; }
