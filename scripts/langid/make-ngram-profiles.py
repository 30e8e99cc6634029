#!/usr/bin/env python3
"""Builds models/langid/trigrams.tsv: character trigram counts for the languages the `language`
stage must tell apart beyond what CLD2 does (Bulgarian/Serbian/Macedonian/Russian/Ukrainian,
Spanish/Portuguese/Galician/Catalan, Czech/Slovak), from the training quarter of the same Debian
sources make-labeled-set.py draws from (messages and fortunes it never puts in the labeled set).

Trigrams are taken inside words, case-folded, with a space marking each word's start and end
(" на", "на "), as the stage computes them. The TOP most frequent per language are kept.

usage: make-ngram-profiles.py OUT.tsv [--top N]
"""
import argparse
import collections
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("labeled", os.path.join(HERE, "make-labeled-set.py"))
labeled = importlib.util.module_from_spec(spec)
spec.loader.exec_module(labeled)

LANGUAGES = ["bg", "ca", "cs", "en", "es", "gl", "mk", "pt", "ru", "sk", "sr", "uk"]
WORD = re.compile(r"[^\W\d_]+")


def trigrams(text):
    for word in WORD.findall(text.casefold()):
        padded = f" {word} "
        for i in range(len(padded) - 2):
            yield padded[i:i + 3]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--top", type=int, default=600)
    args = parser.parse_args()
    counts = {lang: collections.Counter() for lang in LANGUAGES}
    for folder, label in labeled.CATALOGUES.items():
        if label in counts:
            for _, text in labeled.catalogue_documents(folder, training=True):
                counts[label].update(trigrams(text))
    for rel, label in labeled.FORTUNES.items():
        if label in counts:
            for _, text in labeled.fortune_documents(rel, label, training=True):
                counts[label].update(trigrams(text))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# textmill language-ID trigram profiles: language, trigram, count; made by "
                  "scripts/langid/make-ngram-profiles.py\n")
        for lang in LANGUAGES:
            total = sum(counts[lang].values())
            if total == 0:
                print(f"warning: no training text for {lang}", file=sys.stderr)
                continue
            # Sort by count, then trigram, so the file is the same on every run.
            for gram, n in sorted(counts[lang].items(), key=lambda kv: (-kv[1], kv[0]))[: args.top]:
                out.write(f"{lang}\t{gram}\t{n}\n")
            print(f"{lang}: {total} trigrams seen, {len(counts[lang])} distinct", file=sys.stderr)


if __name__ == "__main__":
    main()
