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
# overhead and whether each target is met, writes it as the "Token shards" section of
# BENCHMARKS.md (other sections kept; SHARDS_REPORT= for none), and exits 1 if a target is missed.
# Knobs: TEXTMILL (default .build/release/textmill), SHARDS_PRESET (bert-wordpiece; cl100k needs
# `make tokenizer-data`), BENCH_WORKERS (2), BENCH_RUNS (3), SHARDS_FORMATS ("llmc nanogpt megatron datatrove"),
# SHARDS_REPORT (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
textmill="${TEXTMILL:-.build/release/textmill}"
corpus="${1:-bench/.cache/corpus/corpus-100mb.jsonl}"
preset="${SHARDS_PRESET:-bert-wordpiece}"
workers="${BENCH_WORKERS:-2}"
runs="${BENCH_RUNS:-3}"
formats="${SHARDS_FORMATS:-llmc nanogpt megatron datatrove}"
report="${SHARDS_REPORT-BENCHMARKS.md}"
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
rows="| \`-o /dev/null\` | $(printf %.2f "$base") | — | $(python3 -c "print(f'{$base_kib/1024:.1f}')") | |"
missed=0
for format in $formats; do
    read -r wall kib < <(measure "$textmill" "${common[@]}" --output-format "$format" --output-dir "$out/shards" --shard-tokens 100M)
    overhead="$(python3 -c "print(f'{($wall / $base - 1) * 100:+.1f} %')")"
    mb="$(python3 -c "print($kib/1024)")"
    printf "%-10s %9.2f %9s %14.1f\n" "$format" "$wall" "$overhead" "$mb"
    status="**met**"
    python3 -c "import sys; sys.exit(0 if $wall <= $base * 1.10 and $kib <= 64 * 1024 else 1)" || { missed=1; status="**missed**"; }
    rows+=$'\n'"| $format | $(printf %.2f "$wall") | $overhead | $(printf %.1f "$mb") | $status |"
done

if [ -n "$report" ]; then
    section="## Token shards

\`make bench-shards\` (\`bench/shards.sh\`, $(date -u +%Y-%m-%d)): \`$corpus\` ($(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.1f}')" "$corpus") MB), preset \`$preset\`, \`--workers $workers\`, best of $runs runs; each format into an empty directory with \`--shard-tokens 100M\`. Targets (issue 14): at most 10 % over the same run with \`-o /dev/null\`, coordinator peak RSS (VmHWM) at most 64 MB.

| output | wall s | overhead | coordinator MB | status |
|---|---:|---:|---:|---|
$rows

Command: \`$textmill ${common[*]} --output-format FORMAT --output-dir DIR --shard-tokens 100M\` against the same with \`-o /dev/null\`."
    SECTION="$section" python3 - "$report" <<'PY'
import os, sys
path, section = sys.argv[1], os.environ["SECTION"]
try:
    text = open(path).read()
except OSError:
    text = ""
out, skipping, replaced = [], False, False
for line in text.split("\n"):
    if line.startswith("## "):
        skipping = line.strip() == "## Token shards"
        if skipping:
            out += [section.rstrip("\n"), ""]
            replaced = True
            continue
    if not skipping:
        out.append(line)
if not replaced:
    out += ["", section.rstrip("\n")]
open(path, "w").write("\n".join(out).rstrip("\n") + "\n")
PY
    echo "wrote the Token shards section of $report"
fi
[ "$missed" = 0 ] && echo "targets met: overhead <= 10 %, coordinator <= 64 MB" || { echo "a target was missed" >&2; exit 1; }
