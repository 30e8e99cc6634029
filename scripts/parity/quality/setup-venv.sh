#!/usr/bin/env bash
# Creates the throwaway virtualenv for the datatrove parity fixture (make_quality.py).
#   scripts/parity/quality/setup-venv.sh [VENV_DIR]     (default: scripts/parity/quality/.venv)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../../pinned-venv.sh" "${1:-${QUALITY_PARITY_VENV:-$here/.venv}}" "$here/requirements.txt" \
    "import datatrove.pipeline.filters.gopher_quality_filter, regex"
