#!/usr/bin/env python3
"""datatrove's MinHash deduplication on a folder of JSONL files: the four stages of datatrove's
examples/minhash_deduplication.py (signatures, buckets, clusters, filter) with its defaults
(word 5-grams, 14 buckets x 8 hashes, 64-bit xxhash), on local processes.

One difference on purpose: the word tokenizer is a regular expression (runs of letters and
digits) instead of NLTK's punkt, whose data is a separate download; datatrove simplifies the
text (lower case, punctuation removed) before tokenizing, so on the benchmark corpus the words
are the same.

usage: datatrove_minhash.py INPUT_DIR WORK_DIR [--tasks N]
Writes WORK_DIR/removed-ids.txt (one removed document id per line) and prints the seconds of
each stage as JSON. Run in the venv of bench/dedup/setup-venv.sh.
"""
import argparse
import json
import os
import re
import time

from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers.jsonl import JsonlWriter
from datatrove.utils.hashing import HashConfig
from datatrove.utils.word_tokenizers import WordTokenizer

WORD = re.compile(r"\w+")


class RegexWords(WordTokenizer):
    """Words as runs of \\w characters."""

    def word_tokenize(self, text):
        return WORD.findall(text)

    def sent_tokenize(self, text):
        return [text]

    def span_tokenize(self, text):
        return [m.span() for m in WORD.finditer(text)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("input_dir")
    p.add_argument("work")
    p.add_argument("--tasks", type=int, default=2)
    a = p.parse_args()
    work = os.path.abspath(a.work)
    config = MinhashConfig(hash_config=HashConfig(precision=64))

    def reader():
        return JsonlReader(a.input_dir, glob_pattern="*.jsonl", id_key="id", text_key="text")

    stages = [
        ("signatures", [reader(), MinhashDedupSignature(output_folder=f"{work}/signatures", config=config,
                                                         language=RegexWords("en"))], a.tasks),
        ("buckets", [MinhashDedupBuckets(input_folder=f"{work}/signatures", output_folder=f"{work}/buckets",
                                         config=config)], config.num_buckets),
        ("clusters", [MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove_ids",
                                          config=config)], 1),
        ("filter", [reader(), MinhashDedupFilter(input_folder=f"{work}/remove_ids",
                                                 exclusion_writer=JsonlWriter(f"{work}/removed", compression=None)),
                    JsonlWriter(f"{work}/kept", compression=None)], a.tasks),
    ]
    seconds = {}
    for name, pipeline, tasks in stages:
        t0 = time.time()
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(tasks, a.tasks), logging_dir=f"{work}/logs/{name}",
                              start_method="fork").run()
        seconds[name] = round(time.time() - t0, 2)
    removed = []
    for root, _, files in os.walk(f"{work}/removed"):
        for name in sorted(files):
            with open(os.path.join(root, name), encoding="utf-8") as f:
                removed += [json.loads(line)["id"] for line in f if line.strip()]
    with open(f"{work}/removed-ids.txt", "w", encoding="utf-8") as f:
        f.writelines(f"{i}\n" for i in removed)
    print(json.dumps({"seconds": seconds, "removed": len(removed)}))


if __name__ == "__main__":
    main()
