#!/usr/bin/env bash
# Accuracy of the `language` stage on the bundled corpora (corpora/<lang>.jsonl), documents of
# at least 50 characters, as Markdown table rows.   usage: scripts/langid/measure-corpora.sh TEXTMILL
set -euo pipefail
textmill="$1"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d)"
config="$repo/models/.langid-corpora.json"
trap 'rm -rf "$tmp" "$config"' EXIT
echo '{"version": 1, "name": "langid", "stages": [{"type": "language"}], "output": {"fields": ["id", "language"]}}' > "$config"
for lang in en de ru it zh ja th; do
  "$textmill" run "$repo/corpora/$lang.jsonl" --config "$config" -o "$tmp/$lang.jsonl" --quiet
  python3 - "$repo/corpora/$lang.jsonl" "$tmp/$lang.jsonl" "$lang" <<'PY'
import json, sys
src, out, lang = sys.argv[1:]
pairs = [(json.loads(a), json.loads(b)) for a, b in zip(open(src, encoding="utf-8"), open(out, encoding="utf-8"))]
long = [(s, r) for s, r in pairs if len(s["text"]) >= 50]
right = sum(1 for s, r in long if r["language"].split("-")[0] == lang)
print(f"| {lang} | {len(long)} | {100 * right / len(long):.1f} % |")
PY
done
