#!/usr/bin/env bash
# bench/callgrind.sh -- instruction counts (callgrind Ir) of textmill's worker path against the
# C ceiling, on a ~1 MB slice: deterministic, so it can be measured on a busy machine.
#
#   bench/callgrind.sh [SLICE_SOURCE]      (default bench/.cache/corpus/corpus-10mb.jsonl)
#
# Measures `textmill run --preset P --workers 1` (in-process: the worker's per-document path
# plus reading and writing) for icu-words, hashing, chat and bert-wordpiece, and
# bench/c/icu_ceiling.c, each on the first ~1 MB of SLICE_SOURCE (whole lines) and on an empty
# input; "net" is the difference (the per-document work, start-up excluded). Needs valgrind;
# TEXTMILL (default .build/release/textmill) must have debug info stripped or be DWARF 4
# (valgrind 3.19 cannot read Swift 6's DWARF 5), so the script strips a copy.
# Results: a Markdown table on stdout; profiles in bench/.cache/callgrind/ (callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/.."
TEXTMILL=${TEXTMILL:-.build/release/textmill}
SOURCE=${1:-bench/.cache/corpus/corpus-10mb.jsonl}
PRESETS=${PRESETS:-icu-words hashing chat bert-wordpiece}
OUT=bench/.cache/callgrind
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$TEXTMILL" ] || { echo "callgrind.sh: no $TEXTMILL (make release)" >&2; exit 2; }
[ -f "$SOURCE" ] || { echo "callgrind.sh: no $SOURCE (make bench-corpus)" >&2; exit 2; }

python3 - "$SOURCE" "$OUT/slice.jsonl" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read(1_100_000)
open(sys.argv[2], 'wb').write(data[:data.rfind(b'\n', 0, 1_000_000) + 1])
PY
: > "$OUT/empty.jsonl"
cc -O2 -o "$OUT/icu_ceiling" bench/c/icu_ceiling.c $(pkg-config --cflags --libs icu-uc icu-i18n)
cc -O2 -shared -fPIC -o "$OUT/shim.so" bench/c/valgrind_sigsuspend_shim.c
objcopy --strip-debug "$TEXTMILL" "$OUT/textmill"

ir() {  # ir NAME COMMAND...: prints the Ir total of COMMAND under callgrind
    local name=$1; shift
    LD_PRELOAD="$PWD/$OUT/shim.so" valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.cg" "$@" \
        > /dev/null 2> "$OUT/$name.log"
    grep -o 'Collected : [0-9]*' "$OUT/$name.log" | grep -o '[0-9]*$'
}

c_full=$(ir c "$OUT/icu_ceiling" "$OUT/slice.jsonl")
c_empty=$(ir c-empty "$OUT/icu_ceiling" "$OUT/empty.jsonl")
c_net=$((c_full - c_empty))
echo "Slice: $(wc -c < "$OUT/slice.jsonl") bytes, $(wc -l < "$OUT/slice.jsonl") documents of $SOURCE"
echo
echo "| command | Ir | Ir, empty input | net Ir | net × C ceiling |"
echo "|---|---:|---:|---:|---:|"
echo "| C ceiling (bench/c/icu_ceiling.c) | $c_full | $c_empty | $c_net | 1.00× |"
for p in $PRESETS; do
    full=$(ir "$p" "$OUT/textmill" run --preset "$p" --workers 1 "$OUT/slice.jsonl" -o /dev/null --quiet)
    empty=$(ir "$p-empty" "$OUT/textmill" run --preset "$p" --workers 1 "$OUT/empty.jsonl" -o /dev/null --quiet)
    net=$((full - empty))
    echo "| textmill $p --workers 1 | $full | $empty | $net | $(python3 -c "print(f'{$net / $c_net:.2f}×')") |"
done
