#!/usr/bin/env bash
# Per-process start-up time of textmill (what each Spark partition pays once): hyperfine of
# `textmill run - -o -` on an empty input and on a one-line input, for every preset in models/,
# in-process (--workers 1), and on a one-line input with a two-worker pool; `textmill --version`
# as the floor (process start without loading a pipeline). Prints a Markdown table (BENCHMARKS.md,
# "Start-up time"). Usage: examples/spark/startup-bench.sh [TEXTMILL] (default: the release
# build in .build-spark). Installs hyperfine from Debian's packages when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
textmill=$(realpath "${1:-$root/.build-spark/release/textmill}")
[ -x "$textmill" ] || { echo "startup-bench: $textmill is not built (swift build -c release)" >&2; exit 2; }
if ! command -v hyperfine >/dev/null; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine
fi

work=$root/examples/spark/.work/startup
rm -rf "$work" && mkdir -p "$work"
: > "$work/empty.jsonl"
head -1 "$root/corpora/en.jsonl" > "$work/one.jsonl"
presets=$("$textmill" presets --models "$root/models" | cut -f1 | sed 's/ (default)//')

# Wall-clock times swing with the machine's load; the CPU time (user + system) of a process
# much less, so the table gives both: the fastest wall time, the median, and the mean CPU time.
run() {  # hyperfine's -n NAME COMMAND pairs
  local json=$work/runs.json
  hyperfine --style none --warmup 3 --min-runs 30 --export-json "$json" "$@" >/dev/null 2>&1
  python3 - "$json" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    times = r["times"]
    cpu = r["user"] + r["system"]  # hyperfine 1.15: means over the runs
    print(f"| {r['command']} | {min(times) * 1e3:.1f} | {statistics.median(times) * 1e3:.1f} | {cpu * 1e3:.1f} |")
PY
}

echo "| command | fastest wall [ms] | median wall [ms] | mean CPU [ms] |"
echo "|---|---:|---:|---:|"
run -n "textmill --version (process start, no pipeline)" "'$textmill' --version"
for p in $presets; do
  commands=()
  for input in empty one; do
    commands+=(-n "run --preset $p --workers 1, $input input" \
      "'$textmill' run - -o - --quiet --workers 1 --models '$root/models' --preset $p < '$work/$input.jsonl'")
  done
  commands+=(-n "run --preset $p --workers 2, one input" \
    "'$textmill' run - -o - --quiet --workers 2 --models '$root/models' --preset $p < '$work/one.jsonl'")
  run "${commands[@]}"
done
