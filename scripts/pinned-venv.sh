#!/usr/bin/env bash
# Creates a throwaway virtualenv holding exactly the pins of a requirements file; the setup-venv.sh
# scripts beside each requirements.txt call this, so the venv recipe lives once.
#   scripts/pinned-venv.sh VENV_DIR REQUIREMENTS CHECK_PYTHON
# An existing venv whose stamp matches REQUIREMENTS' sha256 is kept; CHECK_PYTHON (a line of
# Python) runs once after installing, to fail early on a broken install.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: scripts/pinned-venv.sh VENV_DIR REQUIREMENTS CHECK_PYTHON" >&2; exit 2; }
venv="$1" req="$2" check="$3"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "setup-venv: $venv is up to date"
    exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$req"
"$venv/bin/python" -c "$check"
echo "$want" > "$stamp"
echo "setup-venv: ready at $venv"
