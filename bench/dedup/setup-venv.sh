#!/usr/bin/env bash
# Creates the throwaway virtualenv for the datatrove side of `make bench-dedup`.
#   bench/dedup/setup-venv.sh [VENV_DIR]     (default: bench/dedup/.venv)
# Installs exactly the pins in requirements.txt; an existing venv whose stamp matches is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-${DEDUP_BENCH_VENV:-$here/.venv}}"
python="${PYTHON:-python3}"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "setup-venv: $venv is up to date"
    exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$req"
"$venv/bin/python" -c "import datatrove.pipeline.dedup.minhash, xxhash, tokenizers"
echo "$want" > "$stamp"
echo "setup-venv: ready at $venv"
