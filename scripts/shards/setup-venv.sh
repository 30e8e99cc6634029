#!/usr/bin/env bash
# Creates the virtualenv for the numpy check of token shards (scripts/shards/check_shards.py).
#   scripts/shards/setup-venv.sh [VENV_DIR]     (default: scripts/shards/.venv)
# `make test` never needs it: the Swift test that uses it (NumpyShardReaderTests) runs only when
# this venv exists.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../pinned-venv.sh" "${1:-$here/.venv}" "$here/requirements.txt" \
    'import numpy; print("setup-venv: numpy", numpy.__version__)'
