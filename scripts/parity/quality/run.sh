#!/usr/bin/env bash
# Regenerates Tests/Fixtures/parity/quality.jsonl with datatrove (pinned venv) and textmill's tokens.
#   scripts/parity/quality/run.sh TEXTMILL [--check]    --check: compare with the committed fixture instead
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
textmill="$1"
venv="${QUALITY_PARITY_VENV:-$here/.venv}"
"$here/setup-venv.sh" "$venv"
fixture="$repo/Tests/Fixtures/parity/quality.jsonl"
if [ "${2:-}" = "--check" ]; then
    tmp="$(mktemp)"
    trap 'rm -f "$tmp"' EXIT
    "$venv/bin/python" "$here/make_quality.py" "$textmill" "$tmp"
    cmp "$tmp" "$fixture" && echo "quality parity fixture unchanged"
else
    "$venv/bin/python" "$here/make_quality.py" "$textmill" "$fixture"
fi
