#!/usr/bin/env bash
# Writes what `textmill run` makes of the bundled corpora, for every preset in models/, into one
# directory, so two builds can be compared byte for byte (a refactoring must change nothing):
#
#   scripts/output-snapshot.sh OLD-BINARY /tmp/before
#   scripts/output-snapshot.sh NEW-BINARY /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# Each preset runs in process (--workers 1) and on two worker processes with small chunks (the
# pool's wire format, bisection and splicing), over every corpus plus a small generated file
# holding bad documents (error records, --errors routing). Token presets also write llm.c
# shards. Timings and paths are left out (summaries go to /dev/null, manifests are not kept).
set -euo pipefail

bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
cd "$here"

corpora=(corpora/*.jsonl corpora/html/*.html corpora/xml/*.xml)
# A fixed path: the inputs' names are part of each output's .meta.json.
bad="${TMPDIR:-/tmp}/textmill-snapshot.bad.jsonl"
{
    echo '{"id":"ok","text":"Fine text, ready."}'
    echo 'not json'
    echo '[1,2]'
    echo '{"id":3}'
    echo '{"id":4,"text":17}'
    printf '{"id":5,"text":"bad \xff utf8"}\n'
    echo ''
    echo '{"id":"last","text":"The end."}'
} > "$bad"

presets=()
for p in models/*.json; do presets+=("$(basename "$p" .json)"); done

for preset in "${presets[@]}"; do
    for workers in 1 2; do
        tag="$preset.w$workers"
        "$bin" run "${corpora[@]}" "$bad" --preset "$preset" --workers "$workers" --chunk-docs 7 \
            -o "$out/$tag.jsonl" --quiet || echo "exit $?" > "$out/$tag.exit"
        "$bin" run "${corpora[@]}" "$bad" --preset "$preset" --workers "$workers" --chunk-docs 7 \
            -o "$out/$tag.ok.jsonl" --errors "$out/$tag.errors.jsonl" --quiet || echo "exit $?" > "$out/$tag.routed.exit"
    done
done

# Binary shards from the tokenizer presets (the token-id payload and TokenShardOutput's line walk).
for preset in cl100k bert-wordpiece; do
    [ -f "models/$preset.json" ] || continue
    for workers in 1 2; do
        dir="$out/$preset.w$workers.llmc"
        "$bin" run "${corpora[@]}" "$bad" --preset "$preset" --workers "$workers" --chunk-docs 7 \
            --output-format llmc --output-dir "$dir" --quiet || echo "exit $?" > "$dir.exit"
        rm -f "$dir"/*manifest* "$dir"/*.json
    done
done
# The other map steps on the pool: vocabulary counts and dedup signatures.
for workers in 1 2; do
    "$bin" vocab build "${corpora[@]}" "$bad" --workers "$workers" --chunk-docs 7 -o "$out/vocab.w$workers.tsv" --quiet \
        || echo "exit $?" > "$out/vocab.w$workers.exit"
    "$bin" dedup "${corpora[@]}" "$bad" --workers "$workers" --chunk-docs 7 -o "$out/dedup.w$workers.kept.jsonl" \
        --removed "$out/dedup.w$workers.removed.jsonl" --quiet || echo "exit $?" > "$out/dedup.w$workers.exit"
done
rm -f "$bad"
echo "wrote $(find "$out" -type f | wc -l) files to $out"
