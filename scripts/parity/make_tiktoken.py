"""tiktoken parity fixtures: ids from tiktoken 0.14 with OpenAI's real cl100k_base ranks.

Writes (see README.md, section tiktoken):
  tiktoken-texts-PATTERN.jsonl  ids for the sample texts and the adversarial texts below
  tiktoken-corpus-PATTERN.jsonl per bundled corpus document: id count and FNV-1a 64 of the ids

The rank file is models/tokenizers/cl100k_base.tiktoken (scripts/fetch-cl100k.sh puts it there, sha256
checked). Besides cl100k_base itself, the same ranks are run with the r50k (GPT-2) and o200k patterns
and special tokens, so tiktoken's own regex engine checks textmill's scanners for those patterns too.
"""
from __future__ import annotations

import hashlib
import struct
import sys
from pathlib import Path

from common import REPO, out_dir_arg, load_sample, read_jsonl, write_jsonl

RANKS = REPO / "models" / "tokenizers" / "cl100k_base.tiktoken"
RANKS_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
# Every corpus of documents with a "text" field (faq.jsonl holds question/answer pairs for `chat`).
CORPORA = ["en", "de", "ru", "it", "zh", "ja", "th", "mixed"]
# Longer id lists are written as a count and an FNV-1a 64 hash.
MAX_LISTED_IDS = 300


def adversarial() -> list[tuple[str, object]]:
    """(name, text) pairs; every invisible or unusual character is an explicit escape. Long texts are
    given as parts, [(unit, times), ...], and written that way to the fixture (it stays small)."""
    words = "The quick brown fox jumps over the lazy dog "
    return [
        ("empty", ""),
        ("special-strings", "Hello<|endoftext|>world <|fim_prefix|>x<|fim_middle|>y<|fim_suffix|>z<|endofprompt|> end"),
        ("special-partial", "<|endoftext <|endoftext|<|endoftext|>|> <|im_start|>"),
        ("nul", "a\u0000b\u0000\u0000 c \u0000"),
        ("combining", "e\u0301\u0302 cafe\u0301 Z\u0335\u0321a\u0336\u0328l\u0337go \u0301\u0301start x\u20dd"),
        ("emoji-zwj", "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f3f3\ufe0f\u200d\U0001f308 "
                      "\U0001f44d\U0001f3fd 1\ufe0f\u20e3 \U0001f1ef\U0001f1f5 \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"),
        ("rtl", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645! \u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd "
                "\u200fabc\u200e \u0661\u0662\u0663 \u202ertl override\u202c"),
        ("long-letters", [("a", 10000)]),
        ("long-accented", [("\u00e9", 10000)]),
        ("long-digits", [("7", 10000)]),
        ("long-caret", [("^", 10000)]),
        ("long-spaces", [(" ", 5000), ("x", 1), (" ", 5000)]),
        ("long-cjk", [("\u4e00\u4e8c", 5000)]),
        ("long-mixed-word", [("ab1", 3333), ("a", 1)]),
        ("long-words-and-spaces", [("xyzzy" * 2000 + " ", 3), ("\n", 2)]),
        ("crlf", "line1\r\nline2\r\n\r\n  \r\n\tindented\r\n"),
        ("mixed-whitespace", "a \t\n\u00a0\u2003\u3000b\u000b\u000c\u0085\u2028\u2029 end  \n\n  "),
        ("whitespace-only", " \t \n \u3000 "),
        ("trailing-spaces", "hello   "),
        ("newline-runs", "a\n\n\n b\n \n c \n\n"),
        ("contractions", "I'm you'RE he'LL she'\u017f don't 'S 'Ll we've they'd It'S 'x ''s"),
        ("numbers", "12345678 3.14159 1,000,000 \u0661\u0662\u0663\u0664 \u2460\u2461 \u00bd 2\u00b3 \u2167 \U0001d7ce"),
        ("replacement", "bad \ufffd\ufffd bytes\ufffd"),
        ("private-use", "\ue000\uf8ff \U000f0000 \ufdd0 \U0010fffe"),
        ("controls", "\u0007bell \u001b[31mred\u001b[0m \u007f \u0080 \u200b\u2060\ufeff"),
        ("hangul-thai", "\ud55c\uad6d\uc5b4 \u1100\u1161\u11a8 \u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e"),
        ("slashes", "a/b//c /path/to/file.txt\n/\n//x http://example.com/a?b=c&d=e#f"),
        ("case-runs", "HTTPServer XMLHttpRequest camelCaseWord ALLCAPS lowercase MiXeD \u01c5\u01c4\u01c6 \u1f88"),
        ("punctuation-runs", "!!! ??? ... --- \u201cquoted\u201d \u00abguillemets\u00bb \u3002\u3001 (x) [y] {z}"),
        ("marks-after-space", " \u0301a \u0308 \u0903x"),
        ("prose", (words * 30).strip()),
    ]


def fnv64(ids: list[int]) -> str:
    h = 0xCBF29CE484222325
    for byte in struct.pack(f"<{len(ids)}I", *ids):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def encodings():
    import tiktoken
    import tiktoken_ext.openai_public as public
    from tiktoken.load import load_tiktoken_bpe

    digest = hashlib.sha256(RANKS.read_bytes()).hexdigest()
    if digest != RANKS_SHA256:
        sys.exit(f"{RANKS}: sha256 {digest}, expected {RANKS_SHA256} (run scripts/fetch-cl100k.sh)")
    ranks = load_tiktoken_bpe(str(RANKS), expected_hash=RANKS_SHA256)
    # tiktoken's own definitions of each encoding, with the cl100k ranks in place of downloads.
    public.load_tiktoken_bpe = lambda *args, **kwargs: ranks
    result = {}
    for pattern, make in [("cl100k_base", public.cl100k_base), ("r50k_base", public.r50k_base),
                          ("o200k_base", public.o200k_base)]:
        spec = make()
        specials = dict(spec["special_tokens"])
        # r50k's <|endoftext|> is 50256, a rank in cl100k: move the special past the ranks instead.
        if pattern != "cl100k_base":
            specials = {text: 200000 + i for i, text in enumerate(sorted(specials))}
        result[pattern] = tiktoken.Encoding(name=f"parity-{pattern}", pat_str=spec["pat_str"],
                                            mergeable_ranks=ranks, special_tokens=specials)
    return tiktoken.__version__, result


def main() -> None:
    args = out_dir_arg(__doc__).parse_args()
    version, encs = encodings()
    print(f"tiktoken {version}")
    texts = [(f"sample-{row['id']}", row["text"]) for row in load_sample(args)] + adversarial()
    def row(pattern, name, allowed, spec, ids):
        r = {"pattern": pattern, "name": name, "allowed_special": allowed}
        r.update({"text": spec} if isinstance(spec, str) else {"parts": [[u, n] for u, n in spec]})
        r.update({"ids": ids} if len(ids) <= MAX_LISTED_IDS else {"count": len(ids), "fnv64": fnv64(ids)})
        return r

    for pattern, enc in encs.items():
        rows = []
        for name, spec in texts:
            text = spec if isinstance(spec, str) else "".join(u * n for u, n in spec)
            rows.append(row(pattern, name, "none", spec, enc.encode_ordinary(text)))
            if "<|" in text:
                rows.append(row(pattern, name, "all", spec, enc.encode(text, allowed_special="all")))
        write_jsonl(args.out / f"tiktoken-texts-{pattern}.jsonl", rows)
    for pattern, enc in encs.items():
        lines = []
        for corpus in CORPORA:
            docs = read_jsonl(REPO / "corpora" / f"{corpus}.jsonl")
            ids = enc.encode_ordinary_batch([doc["text"] for doc in docs], num_threads=1)
            lines.append({"corpus": f"corpora/{corpus}.jsonl", "docs": len(docs),
                          "counts": [len(x) for x in ids], "fnv64": [fnv64(x) for x in ids]})
        write_jsonl(args.out / f"tiktoken-corpus-{pattern}.jsonl", lines)


if __name__ == "__main__":
    main()
