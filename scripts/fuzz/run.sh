#!/usr/bin/env bash
# Runs each fuzz target for SECONDS under libFuzzer and prints one summary line per target:
# executions, libFuzzer's final coverage (cov: edges, ft: features), corpus size, crashes.
#
#   scripts/fuzz/run.sh BINARY SECONDS TARGET…
#
# FUZZ_OPTIONS adds libFuzzer options, e.g. "-fork=1 -ignore_crashes=1" for a long run that
# collects every crash instead of stopping at the first.
# libFuzzer writes what it learns to .build/fuzz/work/<target>/ (never to the committed seeds
# in Tests/Fixtures/fuzz/corpus/<target>/, which it only reads) and crash inputs to
# .build/fuzz/crashes/<target>/. A crash input, once its bug is fixed, is committed to
# Tests/Fixtures/fuzz/regressions/<target>/, which `make test` replays.
set -u
binary=$1; seconds=$2; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/.build/fuzz
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
status=0
for target in "$@"; do
  work=$out/work/$target; crashes=$out/crashes/$target; log=$out/logs/$target.log
  mkdir -p "$work" "$crashes" "$out/logs"
  # Seeds as libFuzzer reads them: NAME.hex files (binary inputs kept as text in git) decoded.
  seeds=$out/seeds/$target; rm -rf "$seeds"; mkdir -p "$seeds"
  for f in "$root"/Tests/Fixtures/fuzz/corpus/$target/*; do
    case $f in
      *.hex) python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read()))' "$f" >"$seeds/$(basename "$f" .hex)" ;;
      *) cp "$f" "$seeds/" ;;
    esac
  done
  (cd "$root" && "$binary" "$target" -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=3072 \
      -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_OPTIONS:-} "$work" "$seeds") >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep 'cov: ' | tail -1)
  [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*'); ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*')
  corp=$(grep -o 'corp: [0-9]*' <<<"$last" | grep -o '[0-9]*$')
  found=$(find "$crashes" -type f | wc -l)
  echo "$target: ${execs:-?} execs in ${seconds}s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, exit $rc, crash files $found (log $log)"
  [ "$rc" -ne 0 ] && status=1
done
exit $status
