#!/usr/bin/env python3
"""HF tokenizer.json parity: train the four small bundled tokenizers, write the fixtures.

  make_llm_tokenizers.py train         trains models/tokenizers/*.json from corpora/*.jsonl
  make_llm_tokenizers.py [--out D]     writes D/tokenizers/... (fixtures for the bundled tokenizers
                                       and for hand-built component tokenizers; deterministic)

See models/tokenizers/README.md (the tokenizers) and README.md in this folder (the fixtures).
Needs the venv (tokenizers 0.23.3).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

import tokenizers  # noqa: E402
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers  # noqa: E402
from tokenizers import AddedToken  # noqa: E402

from common import FIXTURES, REPO, read_jsonl, write_jsonl  # noqa: E402
from make_wordpiece import corpus_texts  # noqa: E402

MODELS = REPO / "models" / "tokenizers"
BUNDLED = ["byte-level-bpe", "llama-bpe", "unigram-metaspace", "wordpiece-bert"]


# --------------------------------------------------------------------------------------------
# Training (not bit-reproducible across tokenizers versions; the committed files are the truth)

def train_byte_level_bpe(texts: list[str]) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=True)
    trainer = trainers.BpeTrainer(vocab_size=3000, min_frequency=2, show_progress=False,
                                  special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    return tok


def train_llama_bpe(texts: list[str]) -> Tokenizer:
    byte_tokens = [f"<0x{b:02X}>" for b in range(256)]
    tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    # Words end where a "▁" starts (as SentencePiece does); no pre-tokenizer at encode time.
    tok.pre_tokenizer = pre_tokenizers.Split("▁", behavior="merged_with_next")
    trainer = trainers.BpeTrainer(vocab_size=3000, min_frequency=2, show_progress=False, limit_alphabet=400,
                                  special_tokens=["<unk>", "<s>", "</s>"] + byte_tokens)
    tok.train_from_iterator(texts, trainer)
    tok.pre_tokenizer = None
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(" ", 1, 0)])
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s>:1 $B:1", special_tokens=[("<s>", 1)])
    data = json.loads(tok.to_str())
    # The byte tokens belong to the vocabulary only (as in Llama's file), not to the added tokens.
    data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in byte_tokens]
    # Merges written as "a b" strings (the older format), so that both formats are covered.
    data["model"]["merges"] = [" ".join(m) for m in data["model"]["merges"]]
    return Tokenizer.from_str(json.dumps(data, ensure_ascii=False))


def train_unigram_metaspace(texts: list[tuple[str, str]]) -> Tokenizer:
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    trainer = trainers.UnigramTrainer(vocab_size=2500, show_progress=False, unk_token="<unk>",
                                      special_tokens=["<pad>", "</s>", "<unk>"], max_piece_length=12)
    # Unigram's trainer keeps every character seen: only the alphabetic-script corpora, so that
    # CJK and Thai characters stay unknown (the unk path is exercised) and the file stays small.
    tok.train_from_iterator([t for t, f in texts if f in UNIGRAM_CORPORA], trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B:1 </s>:1", special_tokens=[("</s>", 1)])
    return tok


def train_wordpiece_bert(texts: list[str]) -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=3000, min_frequency=2, show_progress=False, limit_alphabet=500,
                                        special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    tok.train_from_iterator(texts, trainer)
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    return tok


TRAINERS = {"byte-level-bpe": train_byte_level_bpe, "llama-bpe": train_llama_bpe,
            "unigram-metaspace": train_unigram_metaspace, "wordpiece-bert": train_wordpiece_bert}


UNIGRAM_CORPORA = {"de.jsonl", "en.jsonl", "faq.jsonl", "it.jsonl", "ru.jsonl"}


def texts_with_files(corpora: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(corpora.glob("*.jsonl")):
        for obj in read_jsonl(path):
            out.extend((v, path.name) for k, v in obj.items() if k != "id" and isinstance(v, str))
    return out


def train(corpora: Path) -> None:
    tagged = texts_with_files(corpora)
    if not tagged:
        sys.exit(f"no {corpora}/*.jsonl")
    MODELS.mkdir(parents=True, exist_ok=True)
    texts = [t for t, _ in tagged]
    for name, fn in TRAINERS.items():
        tok = fn(tagged if name == "unigram-metaspace" else texts)
        path = MODELS / f"{name}.json"
        tok.save(str(path), pretty=False)
        print(f"wrote {path} ({tok.get_vocab_size()} tokens, {path.stat().st_size} bytes)")


# --------------------------------------------------------------------------------------------
# Component tokenizers: small hand-built files for what the bundled four do not exercise.

def component_vocab() -> dict[str, int]:
    """The first 500 entries of the committed wordpiece-bert.json vocabulary (specials, characters,
    "##" characters, frequent pieces): deterministic, unlike training a fresh one."""
    vocab = json.loads((MODELS / "wordpiece-bert.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return {token: i for token, i in vocab.items() if i < 500}


def components() -> dict[str, Tokenizer]:
    vocab = component_vocab()

    def wp(**kw) -> Tokenizer:
        tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]", **kw))
        tok.decoder = decoders.WordPiece()
        return tok

    out: dict[str, Tokenizer] = {}
    pattern_kinds = {"str": " ", "regex": Regex(r"\s+|[,.]")}
    for behavior in ["removed", "isolated", "merged_with_previous", "merged_with_next", "contiguous"]:
        for kind, pattern in pattern_kinds.items():
            for invert in (False, True):
                tok = wp()
                tok.pre_tokenizer = pre_tokenizers.Split(pattern, behavior=behavior, invert=invert)
                out[f"split-{behavior}-{kind}{'-invert' if invert else ''}"] = tok
    for individual in (False, True):
        tok = wp()
        tok.pre_tokenizer = pre_tokenizers.Digits(individual_digits=individual)
        out[f"digits{'-individual' if individual else ''}"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.UnicodeScripts(); out["unicode-scripts"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.CharDelimiterSplit("e"); out["char-delimiter"] = tok
    for behavior in ["isolated", "removed", "contiguous", "merged_with_previous", "merged_with_next"]:
        tok = wp(); tok.pre_tokenizer = pre_tokenizers.Punctuation(behavior=behavior); out[f"punctuation-{behavior}"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit(); out["whitespace-split"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.Whitespace(); out["whitespace"] = tok
    tok = wp()
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Digits(True),
                                                 pre_tokenizers.Punctuation()])
    out["pre-sequence"] = tok
    for scheme in ("always", "first", "never"):
        for split in (True, False):
            tok = wp(); tok.pre_tokenizer = pre_tokenizers.Metaspace(prepend_scheme=scheme, split=split)
            tok.decoder = decoders.Metaspace(prepend_scheme=scheme, split=split)
            out[f"metaspace-{scheme}{'' if split else '-nosplit'}"] = tok
    for aps, regex, trim in [(True, True, True), (False, False, False), (True, False, True)]:
        tok = wp()
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=aps, use_regex=regex, trim_offsets=trim)
        tok.post_processor = processors.ByteLevel(trim_offsets=trim, add_prefix_space=aps)
        tok.decoder = decoders.ByteLevel()
        out[f"byte-level-{'prefix' if aps else 'noprefix'}-{'regex' if regex else 'noregex'}-{'trim' if trim else 'notrim'}"] = tok

    # WordLevel with its own vocabulary (the WordPiece one, pieces without "##").
    wl_vocab = {k: v for k, v in vocab.items() if not k.startswith("##")}
    wl_vocab = {k: i for i, k in enumerate(sorted(wl_vocab, key=lambda k: vocab[k]))}
    tok = Tokenizer(models.WordLevel(vocab=wl_vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.RobertaProcessing(("[SEP]", wl_vocab["[SEP]"]), ("[CLS]", wl_vocab["[CLS]"]),
                                                      trim_offsets=True, add_prefix_space=False)
    out["wordlevel-roberta"] = tok

    for name, norm in [
        ("nfc", normalizers.NFC()), ("nfd", normalizers.NFD()), ("nfkc", normalizers.NFKC()), ("nfkd", normalizers.NFKD()),
        ("lowercase", normalizers.Lowercase()),
        ("strip", normalizers.Strip(left=True, right=True)),
        ("strip-accents", normalizers.Sequence([normalizers.NFD(), normalizers.StripAccents()])),
        ("replace-regex", normalizers.Replace(Regex(r"\d+"), "<num>")),
        ("replace-string", normalizers.Replace("th", "TH")),
        ("prepend", normalizers.Prepend("@@")),
        ("bert-cased", normalizers.BertNormalizer(lowercase=False, strip_accents=False, clean_text=True,
                                                  handle_chinese_chars=False)),
    ]:
        tok = wp(); tok.normalizer = norm; tok.pre_tokenizer = pre_tokenizers.Whitespace()
        out[f"norm-{name}"] = tok

    tok = wp(); tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.BertProcessing(("[SEP]", vocab["[SEP]"]), ("[CLS]", vocab["[CLS]"]))
    tok.enable_truncation(max_length=12, stride=0, strategy="longest_first", direction="right")
    tok.enable_padding(length=12, pad_id=vocab["[PAD]"], pad_token="[PAD]", direction="right")
    out["bert-trunc-pad"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])])
    tok.enable_truncation(max_length=10, direction="left")
    tok.enable_padding(direction="left", pad_id=vocab["[PAD]"], pad_token="[PAD]", pad_to_multiple_of=8)
    out["template-trunc-left-pad-multiple"] = tok
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.Sequence([processors.ByteLevel(trim_offsets=False),
                                              processors.BertProcessing(("[SEP]", vocab["[SEP]"]), ("[CLS]", vocab["[CLS]"]))])
    out["post-sequence"] = tok

    # Added tokens with every option.
    tok = wp(); tok.pre_tokenizer = pre_tokenizers.Whitespace(); tok.normalizer = normalizers.Lowercase()
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, rstrip=False, special=True)])
    tok.add_tokens([AddedToken("hello world", single_word=True, normalized=True),
                    AddedToken("ABC", normalized=False, rstrip=True),
                    AddedToken("the", single_word=True, normalized=True),
                    AddedToken("ing", normalized=False)])
    out["added-tokens"] = tok

    # BPE options the bundled files do not use.
    bpe_vocab = {"[UNK]": 0}
    for ch in "abcdefghijklmnopqrstuvwxyz":
        bpe_vocab[ch] = len(bpe_vocab)
    for ch in "abcdefghijklmnopqrstuvwxyz":
        bpe_vocab["##" + ch] = len(bpe_vocab)
        bpe_vocab[ch + "</w>"] = len(bpe_vocab)
    prefix_merges = [("t", "##h"), ("th", "##e"), ("a", "##n"), ("i", "##n"), ("##n", "##g"), ("##e", "##r"),
                     ("##e", "##s"), ("##i", "##n"), ("##in", "##g")]
    suffix_merges = [("t", "h"), ("th", "e</w>"), ("a", "n"), ("i", "n"), ("e", "r</w>"), ("s", "t</w>"),
                     ("in", "g</w>")]
    for a, b in prefix_merges:
        bpe_vocab.setdefault(a + b[2:] if b.startswith("##") else a + b, len(bpe_vocab))
    for a, b in suffix_merges:
        bpe_vocab.setdefault(a + b, len(bpe_vocab))
    for name, kw in [("bpe-subword-prefix", dict(continuing_subword_prefix="##")),
                     ("bpe-end-of-word", dict(end_of_word_suffix="</w>")),
                     ("bpe-unk-nofuse", dict(continuing_subword_prefix="##", fuse_unk=False)),
                     ("bpe-unk-fuse", dict(continuing_subword_prefix="##", fuse_unk=True)),
                     ("bpe-ignore-merges", dict(continuing_subword_prefix="##", ignore_merges=True))]:
        merges = suffix_merges if "end_of_word_suffix" in kw else prefix_merges
        tok = Tokenizer(models.BPE(vocab=dict(bpe_vocab), merges=list(merges), unk_token="[UNK]", **kw))
        tok.normalizer = normalizers.Lowercase()
        tok.pre_tokenizer = pre_tokenizers.Whitespace()
        tok.decoder = decoders.BPEDecoder(suffix="</w>") if "end_of_word_suffix" in kw else decoders.WordPiece()
        out[name] = tok

    # Unigram with byte_fallback.
    pieces = [("<unk>", 0.0)] + [(f"<0x{b:02X}>", 0.0) for b in range(256)]
    pieces += [(w, -float(i % 7) - 1.0) for i, w in enumerate(
        ["▁", "▁the", "▁a", "e", "t", "h", "a", "s", "o", "n", "i", "r", "th", "he", "in", "an", "▁th", "er", "ing", "▁and",
         "l", "d", "c", "u", "m", "w", "f", "g", "y", "p", "b", "v", "k", ",", ".", "T", "I", "A"])]
    tok = Tokenizer(models.Unigram(pieces, unk_id=0, byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Sequence([decoders.Metaspace(), decoders.ByteFallback(), decoders.Fuse()])
    out["unigram-byte-fallback"] = tok
    tok = Tokenizer(models.Unigram(pieces, unk_id=0, byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    out["unigram-unk"] = tok
    return out


# --------------------------------------------------------------------------------------------
# Fixtures

def adversarial_texts() -> list[str]:
    zwj_family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
    return [
        b"caf\xc3\xa9 \xff\xfe broken \xc3( end \xe2\x82".decode("utf-8", errors="replace"),  # invalid UTF-8, repaired
        "lone \ufffd surrogate \ufffd\ufffd pair",  # JSON "\ud800" and "\udc00\ud800" after textmill's JSON repair
        "nul\u0000inside and \u0000 alone\u0000",
        "e\u0301\u0302\u0303 a\u0308\u0331 Z\u0351\u0352\u0353\u0354 \u0301start",
        f"family {zwj_family} flag \U0001F1FA\U0001F1F8 skin \U0001F44B\U0001F3FD keycap 1\uFE0F\u20E3",
        "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD and \u0645\u0631\u062D\u0628\u0627 \u200Fmixed\u200E",
        "x" * 10000,
        "antidisestablishmentarianism" * 360,
        "<s>hello</s> [CLS] the [SEP] <|endoftext|> <unk> [MASK] <pad>",
        "line one\r\nline two\r\n\r\n\ttabbed  double  \u00A0nbsp\u3000ideo\u2028sep \n",
        "^" * 3000,
        "   leading and trailing   ",
        "Hello World! It's 2024, isn't it? I'll say: we've DONE 3.14159 things.",
        "日本語のテキストと English mixed 中文 ภาษาไทย Русский",
        "ﬁ ﬂ ＡＢＣ１２３ Å Å ǅ ẞ İstanbul",
    ]


def adversarial_row(i: int, text: str) -> dict:
    """Long texts are one unit repeated: stored as {"unit", "repeat"} to keep the file small."""
    for size in range(1, 64):
        unit = text[:size]
        if len(text) > 1000 and len(text) % size == 0 and unit * (len(text) // size) == text:
            return {"id": i, "unit": unit, "repeat": len(text) // size}
    return {"id": i, "text": text}


def fnv64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


MAX_LISTED = 300  # longer encodings are stored as a count and a digest (keeps the files small)


def encoding_digest(enc) -> str:
    """FNV-1a 64 of "ids|offsets\n" (see the fixture README)."""
    line = ",".join(map(str, enc.ids)) + "|" + ",".join(f"{s}:{e}" for s, e in enc.offsets) + "\n"
    return f"{fnv64(line.encode()):016x}"


def encoding_row(text_id: str, special: bool, enc, decoded: str | None) -> dict:
    if len(enc.ids) > MAX_LISTED:
        row = {"text": text_id, "special": special, "count": len(enc.ids), "fnv64": encoding_digest(enc)}
    elif special:
        row = {"text": text_id, "special": special, "ids": enc.ids, "tokens": enc.tokens,
               "offsets": [list(o) for o in enc.offsets]}
    else:
        row = {"text": text_id, "special": special, "ids": enc.ids, "offsets": [list(o) for o in enc.offsets]}
    if special and "ids" in row:
        row["special_tokens_mask"] = enc.special_tokens_mask
        if any(m == 0 for m in enc.attention_mask):
            row["attention_mask"] = enc.attention_mask
        if any(t != 0 for t in enc.type_ids):
            row["type_ids"] = enc.type_ids
    if special and len(decoded) > MAX_LISTED:
        row["decoded_fnv64"] = f"{fnv64(decoded.encode('utf-8', errors='surrogatepass')):016x}"
    elif special:
        row["decoded"] = decoded
    return row


def texts_for_fixtures(sample: list[dict]) -> list[tuple[str, str]]:
    return [(f"sample:{d['id']}", d["text"]) for d in sample] + \
           [(f"adversarial:{i}", t) for i, t in enumerate(adversarial_texts())]


def encode_rows(tok: Tokenizer, texts: list[tuple[str, str]], with_tokens: bool = True) -> list[dict]:
    rows = []
    for text_id, text in texts:
        for special in (True, False):
            enc = tok.encode(text, add_special_tokens=special)
            decoded = tok.decode(enc.ids, skip_special_tokens=True) if special else None
            row = encoding_row(text_id, special, enc, decoded)
            if not with_tokens:
                row.pop("tokens", None)
            rows.append(row)
    return rows


def corpus_digests(tok: Tokenizer, corpora: Path) -> list[dict]:
    rows = []
    for path in sorted(corpora.glob("*.jsonl")):
        for special in (True, False):
            blob = bytearray()
            docs = tokens = 0
            for obj in read_jsonl(path):
                for k, v in obj.items():
                    if k == "id" or not isinstance(v, str):
                        continue
                    enc = tok.encode(v, add_special_tokens=special)
                    blob += (",".join(map(str, enc.ids)) + "|" +
                             ",".join(f"{s}:{e}" for s, e in enc.offsets) + "\n").encode()
                    docs += 1
                    tokens += len(enc.ids)
            rows.append({"file": path.name, "special": special, "docs": docs, "tokens": tokens,
                         "fnv64": f"{fnv64(bytes(blob)):016x}"})
    return rows


def fixtures(out: Path, sample_path: Path, corpora: Path) -> None:
    sample = read_jsonl(sample_path)
    texts = texts_for_fixtures(sample)
    base = out / "tokenizers"
    write_jsonl(base / "adversarial.jsonl", [adversarial_row(i, t) for i, t in enumerate(adversarial_texts())])
    for name in BUNDLED:
        tok = Tokenizer.from_file(str(MODELS / f"{name}.json"))
        write_jsonl(base / f"{name}.jsonl", encode_rows(tok, texts))
        write_jsonl(base / f"{name}-corpora.jsonl", corpus_digests(tok, corpora))
    # Components: a subset of the texts keeps the files small.
    subset = [t for t in texts if t[0].startswith("adversarial:") and len(t[1]) < 500] + \
             [t for t in texts if t[0] in {f"sample:{i}" for i in
                                            [0, 1, 6, 9, 15, 24, 41, 58, 111, 190]}]
    comp_dir = base / "components"
    comp_dir.mkdir(parents=True, exist_ok=True)
    built = components()
    for name, tok in built.items():
        (comp_dir / f"{name}.json").write_text(tok.to_str(pretty=False) + "\n", encoding="utf-8")
        write_jsonl(comp_dir / f"{name}.jsonl", encode_rows(tok, subset, with_tokens=False))
    # The list the Swift tests iterate (one name per line, sorted).
    (comp_dir / "INDEX").write_text("".join(f"{n}\n" for n in sorted(built)), encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", choices=["fixtures", "train"], default="fixtures")
    p.add_argument("--out", type=Path, default=FIXTURES)
    p.add_argument("--sample", type=Path, default=None)
    p.add_argument("--corpora", type=Path, default=REPO / "corpora")
    args = p.parse_args()
    print(f"tokenizers {tokenizers.__version__}")
    if args.command == "train":
        train(args.corpora)
    else:
        fixtures(args.out, args.sample or (args.out / "sample.jsonl"), args.corpora)


if __name__ == "__main__":
    main()
