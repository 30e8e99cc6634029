#!/usr/bin/env bash
# Regenerates every parity fixture (see README.md in this folder).
#
#   scripts/parity/run-all.sh                  regenerate Tests/Fixtures/parity/ in place
#   scripts/parity/run-all.sh --check          regenerate into a temp dir and compare with the
#                                              committed fixtures (exit 1 on any difference)
#   scripts/parity/run-all.sh --retrain-vocab  also retrain models/wordpiece/textmill-small-vocab.txt
#                                              from corpora/*.jsonl first (NOT bit-reproducible:
#                                              every small-vocab fixture line will change)
#
# Environment: PARITY_VENV (default scripts/parity/.venv), PYTHON (interpreter for the venv).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${PARITY_VENV:-$here/.venv}"
fixtures="$repo/Tests/Fixtures/parity"

check=0
retrain=0
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        --retrain-vocab) retrain=1 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "run-all: unknown argument $arg" >&2; exit 2 ;;
    esac
done

"$here/setup-venv.sh" "$venv"
py="$venv/bin/python"
export PYTHONHASHSEED=0 TOKENIZERS_PARALLELISM=false RAYON_NUM_THREADS=1

if [ "$retrain" = 1 ] || [ ! -f "$repo/models/wordpiece/textmill-small-vocab.txt" ]; then
    [ "$check" = 0 ] || { echo "run-all: --check needs the committed small vocab" >&2; exit 2; }
    "$py" "$here/make_wordpiece.py" train
fi

if [ "$check" = 1 ]; then
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
else
    out="$fixtures"
    mkdir -p "$out"
fi

cd "$here"
"$py" make_sample.py --out "$out"
"$py" make_hashing.py --out "$out"
"$py" make_tfidf.py --out "$out"
"$py" make_wordpiece.py --out "$out"
"$py" make_wordpiece_options.py --out "$out"
"$py" make_llm_tokenizers.py --out "$out"
"$repo/scripts/fetch-cl100k.sh"
"$py" make_tiktoken.py --out "$out"
"$py" check_fixtures.py --out "$out"

if [ "$check" = 1 ]; then
    if diff -rq "$out" "$fixtures"; then
        echo "run-all: committed fixtures are up to date"
    else
        echo "run-all: fixtures differ from a fresh regeneration (see above)" >&2
        exit 1
    fi
fi
