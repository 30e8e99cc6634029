#!/usr/bin/env bash
# bench/identical.sh -- output bytes of a changed textmill against a reference build, for every
# preset on the bundled corpora and a bench-corpus slice, in-process and on the worker pool with
# several chunkings: speed work must not change a byte.
#
#   bench/identical.sh REFERENCE_TEXTMILL [TEXTMILL] [SLICE_SOURCE]
#
# TEXTMILL defaults to .build/release/textmill, SLICE_SOURCE to bench/.cache/corpus/corpus-10mb.jsonl
# (its first ~1 MB, whole lines). The reference runs once per preset and input (--workers 1);
# the changed build runs with --workers 1 and on pools of 2-3 workers with small, default and
# byte-bounded chunks. A preset the reference cannot run (cl100k without its rank file) is
# skipped. Prints one line per comparison; exits 1 if any output differs.
set -uo pipefail
cd "$(dirname "$0")/.."
REFERENCE=${1:?usage: bench/identical.sh REFERENCE_TEXTMILL [TEXTMILL] [SLICE_SOURCE]}
TEXTMILL=${2:-.build/release/textmill}
SOURCE=${3:-bench/.cache/corpus/corpus-10mb.jsonl}
PRESETS=${PRESETS:-icu-words hashing chat bert-wordpiece cl100k dedup-signatures}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TEXTMILL_MODELS=${TEXTMILL_MODELS:-$PWD/models}

cat corpora/*.jsonl > "$WORK/corpora.jsonl"
inputs=(corpora)
if [ -f "$SOURCE" ]; then
    python3 - "$SOURCE" "$WORK/slice.jsonl" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read(1_100_000)
open(sys.argv[2], 'wb').write(data[:data.rfind(b'\n', 0, 1_000_000) + 1])
PY
    inputs+=(slice)
    # one-word documents: the coordinator's many-chunks case
    python3 - "$WORK/slice.jsonl" "$WORK/tiny.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], 'w') as out:
    for n, line in enumerate(open(sys.argv[1], 'rb')):
        words = json.loads(line).get("text", "").split(maxsplit=1)
        out.write(json.dumps({"id": f"t{n}", "text": words[0] if words else "x"}, ensure_ascii=False) + "\n")
PY
    inputs+=(tiny)
else
    echo "identical.sh: no $SOURCE (make bench-corpus): bundled corpora only" >&2
fi
echo '{"version": 1, "name": "ids-only", "stages": [], "output": {"fields": ["id"]}}' > "$WORK/ids-only.json"

modes=("--workers 1" "--workers 2" "--workers 2 --chunk-docs 5" "--workers 3 --chunk-bytes 4KiB" "--workers 2 --chunk-min-bytes 64KiB" "--workers 2 --chunk-docs 1 --chunk-min-bytes 1")
status=0
for preset in $PRESETS ids-only; do
    pipeline=(--preset "$preset")
    [ "$preset" = ids-only ] && pipeline=(--config "$WORK/ids-only.json")
    for input in "${inputs[@]}"; do
        ref="$WORK/ref.jsonl"
        if ! "$REFERENCE" run "${pipeline[@]}" --workers 1 "$WORK/$input.jsonl" -o "$ref" --quiet 2> "$WORK/err"; then
            [ -s "$ref" ] || { echo "skip   $preset $input (reference: $(head -c 120 "$WORK/err"))"; continue; }
        fi
        for mode in "${modes[@]}"; do
            out="$WORK/out.jsonl"
            # shellcheck disable=SC2086
            "$TEXTMILL" run "${pipeline[@]}" $mode "$WORK/$input.jsonl" -o "$out" --quiet 2> /dev/null
            if cmp -s "$ref" "$out"; then
                echo "same   $preset $input $mode ($(wc -l < "$out") records)"
            else
                echo "DIFFER $preset $input $mode"
                status=1
            fi
        done
    done
done
exit $status
