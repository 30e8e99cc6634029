#!/usr/bin/env python3
"""Writes Tests/Fixtures/fuzz/json-python-verdicts.jsonl: Python's json module's verdict on each
JSON seed and on the json fuzzer's corpus (.build/fuzz/work/json/, when there), so the replay
test can check ReferenceJSONValidator and JSONParser against a third, independent parser.

Only inputs where Python's verdict means the same thing are kept: valid UTF-8 (Python decodes
bytes before parsing; textmill's parser passes invalid UTF-8 on to its string decoder), no
NaN/Infinity literals (a Python extension), nesting under 200 (Python's recursion limit).
json.loads(strict=False) accepts raw control characters in strings, as textmill does.
Stdlib only; run from the package root with any Python 3.
"""
import glob, json, re

def depth(b):
    d = m = 0
    for c in b:
        if c in b"[{":
            d += 1; m = max(m, d)
        elif c in b"]}":
            d -= 1
    return m

paths = sorted(glob.glob("Tests/Fixtures/fuzz/corpus/json/*")) + sorted(glob.glob(".build/fuzz/work/json/*"))
seen, rows = set(), []
for p in paths:
    data = open(p, "rb").read()
    if p.endswith(".hex"):  # binary inputs are committed as hex text
        data = bytes.fromhex(data.decode())
    if data in seen or len(data) > 2048:
        continue
    seen.add(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        continue
    if re.search(r"NaN|Infinity", text) or depth(data) >= 200:
        continue
    try:
        json.loads(text, strict=False)
        valid = True
    except (ValueError, RecursionError):
        valid = False
    rows.append({"hex": data.hex(), "valid": valid})
    if len(rows) >= 600:
        break
with open("Tests/Fixtures/fuzz/json-python-verdicts.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
print(f"{len(rows)} inputs, {sum(r['valid'] for r in rows)} valid")
