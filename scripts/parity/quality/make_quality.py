#!/usr/bin/env python3
"""Parity fixture for textmill's quality signals against datatrove (pinned in requirements.txt
beside this file): Tests/Fixtures/parity/quality.jsonl.

Words: datatrove splits English with NLTK; textmill uses ICU's segmentation. To compare the
*definitions*, datatrove is given textmill's tokens as its words (its `split_into_words` is
replaced by a lookup), so every difference left is a difference of formula. Each line:

  {"id", "text", "tokens",
   "datatrove": {"gopher_quality": null | reason, "gopher_repetition": ..., "c4": ..., "fineweb": ...},
   "repetition": {"dup_para_frac": x, "dup_para_char_frac": x, "dup_line_frac": x, "dup_line_char_frac": x,
                  "top_2_gram_char_frac": x, ..., "dup_5_gram_char_frac": x, ...}}

null means the filter keeps the document. C4 runs with min_num_sentences=-1: its sentence
count uses NLTK's punkt, textmill's ICU sentence breaks (documented in docs/curation.md).
The repetition values come from datatrove's own helper functions on the same text and words.

usage: make_quality.py TEXTMILL OUT.jsonl
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from datatrove.data import Document
import datatrove.pipeline.filters.c4_filters as c4_module
import datatrove.pipeline.filters.fineweb_quality_filter as fineweb_module
import datatrove.pipeline.filters.gopher_quality_filter as gopher_module
import datatrove.pipeline.filters.gopher_repetition_filter as repetition_module
from datatrove.pipeline.filters.gopher_repetition_filter import (find_all_duplicate, find_duplicates,
                                                                   find_top_duplicate, get_n_grams)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

# Documents that hit each rule, besides real prose from corpora/en.jsonl.
EDGE_CASES = [
    "buy now\nbuy now\nbuy now\nbuy now",
    "- item one\n- item two\n- item three\n• item four\nA closing line that ends properly.",
    "Wait for it...\nAnd then...\nSomething happened…\nThe end.",
    "#tag #another #more #hashtags everywhere # # # and some words to go with the hashtags here.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore.",
    "function f(x) { return x + 1; } is what the code says, and it is short and sweet.",
    "Please enable JavaScript in your browser to use this site.\nThe rest of the page is fine.",
    "We use cookies to improve your experience. Read the privacy policy.\nThe article continues here.",
    "A line with a citation [12]. Another one [edit].\nAnd a third [citation needed].",
    "Short.\nTiny.\nSmall.\nA somewhat longer line that is over thirty characters.",
    "\n\n\n",
    "the the the the the the the the the the the the the the the the the the the the",
    "The cat and the dog sat with the bird. It was a sunny day and the birds sang in the trees.",
    "Paragraph one is here.\n\nParagraph one is here.\n\nParagraph two is different and longer.",
    "x y z w v x y z w v x y z w v x y z w v",
    "ALL CAPS SHOUTING LINE WITH NO PUNCTUATION\nANOTHER ONE\nAND ANOTHER ONE HERE",
    "12345 67890 11111 22222 33333 44444 55555 66666 77777 88888 99999 00000",
]


def textmill_tokens(textmill, docs):
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(REPO, "models", ".parity-quality-words.json")
        with open(config, "w") as f:
            json.dump({"version": 1, "name": "parity-quality-words",
                       "stages": [{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}],
                       "output": {"fields": ["id", "tokens"]}}, f)
        src, out = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        try:
            subprocess.run([textmill, "run", src, "--config", config, "-o", out, "--quiet", "--workers", "1"], check=True)
        finally:
            os.remove(config)
        with open(out, encoding="utf-8") as f:
            return [json.loads(line)["tokens"] for line in f]


def main():
    textmill, out_path = sys.argv[1], sys.argv[2]
    docs = []
    with open(os.path.join(REPO, "corpora", "en.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 80:
                break
            d = json.loads(line)
            docs.append({"id": d["id"], "text": d["text"]})
    docs += [{"id": f"edge-{i + 1}", "text": t} for i, t in enumerate(EDGE_CASES)]
    tokens = textmill_tokens(textmill, docs)
    words_of = {}

    def split_into_words(text, language="eng"):
        return list(words_of[text])

    for module in (gopher_module, repetition_module, fineweb_module):
        module.split_into_words = split_into_words
    c4_module.split_into_sentences = lambda text, language="eng": [text]

    filters = {
        "gopher_quality": gopher_module.GopherQualityFilter(),
        "gopher_repetition": repetition_module.GopherRepetitionFilter(),
        "c4": c4_module.C4QualityFilter(min_num_sentences=-1),
        "fineweb": fineweb_module.FineWebQualityFilter(),
    }
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        for d, words in zip(docs, tokens):
            text = d["text"]
            words_of[text] = words
            verdicts = {}
            for name, flt in filters.items():
                try:
                    result = flt.filter(Document(text=text, id=str(d["id"])))
                except ZeroDivisionError:
                    result = (False, "ZeroDivisionError")
                verdicts[name] = None if result is True else result[1]
            rep = {}
            if text:
                paragraphs = re.compile(r"\n{2,}").split(text.strip())
                n, chars = find_duplicates(paragraphs)
                rep["dup_para_frac"], rep["dup_para_char_frac"] = n / len(paragraphs), chars / len(text)
                lines = re.compile("\n+").split(text)
                n, chars = find_duplicates(lines)
                rep["dup_line_frac"], rep["dup_line_char_frac"] = n / len(lines), chars / len(text)
                for k in (2, 3, 4):
                    grams = get_n_grams(words, k)
                    rep[f"top_{k}_gram_char_frac"] = find_top_duplicate(grams) / len(text) if grams else 0.0
                for k in range(5, 11):
                    rep[f"dup_{k}_gram_char_frac"] = find_all_duplicate(words, k) / len(text)
            out.write(json.dumps({"id": d["id"], "text": text, "tokens": words, "datatrove": verdicts,
                                  "repetition": rep}, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} documents to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
