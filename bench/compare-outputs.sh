#!/usr/bin/env bash
# bench/compare-outputs.sh -- byte-for-byte comparison of two textmill builds' output for every
# preset in models/ on the bundled corpora and on a slice of the bench corpus.
#
#   bench/compare-outputs.sh BASELINE_BINARY CANDIDATE_BINARY [SLICE]
#
# SLICE defaults to bench/.cache/callgrind/slice.jsonl (made by bench/callgrind.sh) when it
# exists. Runs each binary with --workers 1 on corpora/*.jsonl (and corpora/html, corpora/xml)
# and on SLICE; prints one line per preset and input and exits 1 if any output differs.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: compare-outputs.sh BASELINE CANDIDATE [SLICE]}
NEW=${2:?usage: compare-outputs.sh BASELINE CANDIDATE [SLICE]}
SLICE=${3:-bench/.cache/callgrind/slice.jsonl}
export TEXTMILL_MODELS=${TEXTMILL_MODELS:-$PWD/models}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
inputs=(corpora)
[ -f "$SLICE" ] && inputs+=("$SLICE")
status=0
for preset in $(ls models/*.json | xargs -n1 basename | sed 's/\.json$//'); do
    for input in "${inputs[@]}"; do
        name=$(basename "$input")
        "$BASE" run --preset "$preset" --workers 1 --quiet "$input" -o "$TMP/base.jsonl" 2> "$TMP/base.err" || true
        "$NEW" run --preset "$preset" --workers 1 --quiet "$input" -o "$TMP/new.jsonl" 2> "$TMP/new.err" || true
        if [ ! -s "$TMP/base.jsonl" ] && [ ! -s "$TMP/new.jsonl" ]; then
            echo "skipped  $preset $name (no output: $(head -c 200 "$TMP/base.err"))"
        elif cmp -s "$TMP/base.jsonl" "$TMP/new.jsonl"; then
            echo "same     $preset $name ($(wc -l < "$TMP/new.jsonl") records, $(wc -c < "$TMP/new.jsonl") bytes)"
        else
            echo "DIFFERS  $preset $name: $(cmp "$TMP/base.jsonl" "$TMP/new.jsonl" | head -1)"
            status=1
        fi
        rm -f "$TMP"/base.jsonl* "$TMP"/new.jsonl*
    done
done
exit $status
