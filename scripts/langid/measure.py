#!/usr/bin/env python3
"""Per-language accuracy of textmill's `language` stage on a labeled JSONL set
(make-labeled-set.py), for the combined method and for CLD2 alone, as a Markdown table.

A prediction is right when its language without script suffix equals the label (`zh-Hant` is
`zh`). Runs the real binary (`textmill run --config`) on the set.

usage: measure.py TEXTMILL LABELED.jsonl [--markdown OUT.md]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HARD = ["bg", "sr", "mk", "ru", "es", "pt", "gl", "ca", "cs", "sk", "zh"]


def predictions(textmill, labeled, method, tmp):
    config = os.path.join(REPO, "models", f".langid-measure-{method}.json")
    with open(config, "w") as f:
        json.dump({"version": 1, "name": f"langid-{method}", "stages": [{"type": "language", "method": method}],
                   "output": {"fields": ["id", "language"]}}, f)
    out = os.path.join(tmp, f"{method}.jsonl")
    try:
        subprocess.run([textmill, "run", labeled, "--config", config, "-o", out, "--keep-fields", "lang", "--quiet"],
                       check=True)
    finally:
        os.remove(config)
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def score(records):
    right, total, confused = collections.Counter(), collections.Counter(), collections.Counter()
    for r in records:
        label, guess = r["lang"], r["language"].split("-")[0]
        total[label] += 1
        if guess == label:
            right[label] += 1
        else:
            confused[(label, guess)] += 1
    return right, total, confused


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("textmill")
    parser.add_argument("labeled")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        combined = score(predictions(args.textmill, args.labeled, "combined", tmp))
        cld2 = score(predictions(args.textmill, args.labeled, "cld2", tmp))
    right, total, confused = combined
    right2, _, confused2 = cld2
    n = sum(total.values())
    lines = ["| language | documents | textmill `language` | CLD2 alone |", "|---|---:|---:|---:|"]
    for lang in sorted(total):
        mark = " (hard pair)" if lang in HARD else ""
        lines.append(f"| {lang}{mark} | {total[lang]} | {100 * right[lang] / total[lang]:.1f} % | "
                     f"{100 * right2[lang] / total[lang]:.1f} % |")
    lines.append(f"| **all** | {n} | **{100 * sum(right.values()) / n:.1f} %** | {100 * sum(right2.values()) / n:.1f} % |")
    worst = min(total, key=lambda l: right[l] / total[l])
    lines.append("")
    lines.append(f"Lowest language: {worst} at {100 * right[worst] / total[worst]:.1f} %. Most frequent confusions "
                 "(label → answer), textmill: " + ", ".join(f"{a}→{b} {c}" for (a, b), c in confused.most_common(8))
                 + "; CLD2 alone: " + ", ".join(f"{a}→{b} {c}" for (a, b), c in confused2.most_common(8)) + ".")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    ok = sum(right.values()) / n >= 0.95 and all(right[l] / total[l] >= 0.90 for l in total)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
