#!/usr/bin/env bash
# Regenerates models/stopwords/<lang>.txt from the pinned stopwords-iso data (PyPI package
# stopwordsiso 0.7.1, MIT licence; data from https://github.com/stopwords-iso/stopwords-iso, MIT).
# Each list: NFKC + Python casefold of every entry (textmill's presets casefold tokens before the
# stopwords stage), duplicates removed, sorted by code point, one word per line.
#   scripts/make-stopwords.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps --dest "$tmp" stopwordsiso==0.7.1
wheel="$tmp/stopwordsiso-0.7.1-py3-none-any.whl"
echo "e23edcffca952f98cd26f54a5c56f93b2fa435c88d3ee60f3beffb4c44279380  $wheel" | sha256sum -c --quiet
python3 - "$wheel" "$repo/models/stopwords" <<'PY'
import json, sys, unicodedata, zipfile
wheel, out = sys.argv[1], sys.argv[2]
data = json.loads(zipfile.ZipFile(wheel).read("stopwordsiso/stopwords-iso.json"))
for lang in ["bg", "ca", "cs", "de", "en", "es", "fr", "gl", "hr", "it", "ja", "nl", "pl", "pt", "ru", "sk", "th", "uk", "zh"]:
    words = sorted({unicodedata.normalize("NFKC", w).casefold().strip() for w in data[lang]} - {""})
    assert not any(c in w for w in words for c in "\t\r\n"), lang
    with open(f"{out}/{lang}.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(w + "\n" for w in words))
    print(f"{lang}: {len(words)} words")
PY
