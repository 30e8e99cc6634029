#!/usr/bin/env bash
# Creates the throwaway virtualenv for the datatrove side of `make bench-dedup`.
#   bench/dedup/setup-venv.sh [VENV_DIR]     (default: bench/dedup/.venv)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../../scripts/pinned-venv.sh" "${1:-${DEDUP_BENCH_VENV:-$here/.venv}}" "$here/requirements.txt" \
    "import datatrove.pipeline.dedup.minhash, xxhash, tokenizers"
