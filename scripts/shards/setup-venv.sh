#!/usr/bin/env bash
# Creates the virtualenv for the numpy check of token shards (scripts/shards/check_shards.py).
#   scripts/shards/setup-venv.sh [VENV_DIR]     (default: scripts/shards/.venv)
# Installs exactly the pins in requirements.txt. Idempotent: an existing venv whose stamp
# matches requirements.txt is kept. `make test` never needs it: the Swift test that uses it
# (NumpyShardReaderTests) runs only when this venv exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-$here/.venv}"
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
"$venv/bin/python" -c 'import numpy; print("setup-venv: numpy", numpy.__version__)'
echo "$want" > "$stamp"
echo "setup-venv: ready at $venv"
