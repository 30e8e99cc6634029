#!/usr/bin/env python3
"""Builds a language-labeled JSONL set from Debian sources whose language is known.

Two kinds of source, both installed by `make langid-set`:
  * translated message catalogues (/usr/share/locale/<lang>/LC_MESSAGES/*.mo): the translations of
    several messages of one catalogue joined into one document (UI strings are short);
  * fortunes in several languages (fortunes-bg, -br, -cs, -de, -es, -it, -pl, -ru, -zh, ...), one
    fortune per document; fortunes-zh's tang300 and song100 are classical Chinese poetry.

Every document has at least MIN_CHARS characters (Unicode scalars). Output lines:
  {"id": "<lang>-<n>", "lang": "<ISO 639-1>", "source": "<file>", "text": "..."}
Deterministic: sources are read in sorted order, and documents sampled with a fixed seed.

usage: make-labeled-set.py OUT.jsonl [--per-language N] [--fixture N]
  --fixture N: only the hard pairs, N documents per language per source kind (the committed test fixture).
"""
import argparse
import json
import os
import random
import re
import struct
import sys
import zlib

MIN_CHARS = 50
LOCALE_DIR = "/usr/share/locale"
FORTUNE_DIR = "/usr/share/games/fortunes"

# Catalogue folder -> label. pt_BR and pt are both Portuguese; sr is Serbian in Cyrillic.
CATALOGUES = {
    "bg": "bg", "sr": "sr", "mk": "mk", "ru": "ru", "uk": "uk",
    "es": "es", "pt": "pt", "pt_BR": "pt", "gl": "gl", "ca": "ca",
    "cs": "cs", "sk": "sk", "pl": "pl", "de": "de", "fr": "fr", "it": "it", "nl": "nl",
    "zh_CN": "zh", "zh_TW": "zh", "ja": "ja",
}

# Fortune files (relative to FORTUNE_DIR; a folder means every fortune file in it) -> label.
FORTUNES = {
    "bg": "bg", "brasil": "pt", "cs": "cs", "sk": "sk", "de": "de", "es": "es", "it": "it",
    "pl": "pl", "ru": "ru", "fortunes": "en", "literature": "en", "tang300": "zh", "song100": "zh",
}

HARD = {"bg", "sr", "mk", "ru", "es", "pt", "gl", "ca", "cs", "sk", "zh"}

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FORMAT = re.compile(r"%(\d+\$)?[-+ #0]*\d*(\.\d+)?(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsSpn%]|\{\d*\}|\$\{?\w+\}?")
SPACES = re.compile(r"[ \t]+")


def read_mo(path):
    """(msgid, msgstr) pairs of a GNU .mo file (both byte orders); plural forms give their first form."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 28:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">" if struct.unpack(">I", data[:4])[0] == 0x950412DE else None
    if order is None:
        return []
    _, count, orig, trans = struct.unpack(order + "4I", data[4:20])
    pairs = []
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", data[orig + 8 * i: orig + 8 * i + 8])
        tlen, toff = struct.unpack(order + "2I", data[trans + 8 * i: trans + 8 * i + 8])
        msgid = data[ooff: ooff + olen].split(b"\0")[0]
        msgstr = data[toff: toff + tlen].split(b"\0")[0]
        try:
            pairs.append((msgid.decode("utf-8"), msgstr.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return pairs


def clean_message(s):
    """A UI string as prose: no format directives, accelerators, markup or repeated blanks."""
    s = re.sub(r"<[^>]{1,40}>", " ", s)
    s = FORMAT.sub(" ", s)
    s = s.replace("_", "").replace("&", "")
    s = SPACES.sub(" ", s)
    lines = [line.strip() for line in s.split("\n")]
    return "\n".join(line for line in lines if line)


def is_training(key):
    """One message or fortune in four goes to the n-gram profiles (make-ngram-profiles.py), the
    rest to the labeled set, so the profiles are never scored on text they were built from."""
    return zlib.crc32(key.encode("utf-8")) % 4 == 0


def mostly_untranslated(msgid, msgstr):
    source = set(w.lower() for w in re.findall(r"[^\W\d_]+", msgid))
    words = re.findall(r"[^\W\d_]+", msgstr)
    return bool(words) and sum(1 for w in words if w.lower() in source) >= 0.5 * len(words)


ENGLISH_FUNCTION_WORDS = {"the", "and", "of", "to", "is", "you", "that", "in", "it", "was", "for", "on",
                          "with", "are", "be", "this", "have", "not", "i", "what", "my"}


def english_share(text):
    words = re.findall(r"[^\W\d_]+", text.lower())
    return sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / max(1, len(words))


def letters(s):
    return sum(1 for c in s if c.isalpha())


def catalogue_documents(folder, training=False):
    """Documents from one language's catalogues: consecutive translated messages joined by newlines."""
    path = os.path.join(LOCALE_DIR, folder, "LC_MESSAGES")
    if not os.path.isdir(path):
        return []
    docs = []
    for name in sorted(os.listdir(path)):
        if not name.endswith(".mo") or name.startswith("iso_"):
            continue  # iso-codes catalogues are lists of names, not sentences
        parts, size = [], 0
        for msgid, msgstr in read_mo(os.path.join(path, name)):
            if not msgid or not msgstr or msgstr == msgid or is_training(msgid) != training:
                continue
            if mostly_untranslated(msgid, msgstr):
                continue  # command syntax and names left in English ("git notes [--ref ...]")
            text = clean_message(msgstr)
            if letters(text) < 12:
                continue
            parts.append(text)
            size += len(text)
            if size >= 2 * MIN_CHARS:
                docs.append((name, "\n".join(parts)))
                parts, size = [], 0
    return docs


def fortune_files(rel):
    path = os.path.join(FORTUNE_DIR, rel)
    if os.path.isdir(path):
        return [os.path.join(path, n) for n in sorted(os.listdir(path))
                if not n.endswith((".dat", ".u8")) and os.path.isfile(os.path.join(path, n))]
    return [path] if os.path.isfile(path) else []


def fortune_documents(rel, label, training=False):
    docs = []
    for path in fortune_files(rel):
        with open(path, "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # a few old files are in legacy encodings; skipped rather than guessed
        for fortune in re.split(r"\n%\n", text):
            fortune = ANSI.sub("", fortune)
            lines = [line.rstrip() for line in fortune.split("\n")]
            if label == "zh":
                # Poems: drop the title and author lines, keep the verse.
                lines = [line for line in lines if line and not re.match(r"^\s*(题目|作者|《)", line)]
            doc = "\n".join(lines).strip()
            if label != "en" and english_share(doc) >= 0.2:
                continue  # a quoted English mail or log inside another language's collection
            doc = re.sub(r"\n\s*--.*$", "", doc, flags=re.S) if label != "zh" else doc  # attribution lines
            if doc and is_training(doc) == training:
                docs.append((os.path.relpath(path, FORTUNE_DIR), doc))
    return docs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--per-language", type=int, default=300)
    parser.add_argument("--fixture", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(18)
    by_label = {}
    for folder, label in CATALOGUES.items():
        by_label.setdefault(label, {}).setdefault("mo", []).extend(catalogue_documents(folder))
    for rel, label in FORTUNES.items():
        by_label.setdefault(label, {}).setdefault("fortune", []).extend(fortune_documents(rel, label))
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for label in sorted(by_label):
            if args.fixture and label not in HARD:
                continue
            kinds = {k: [d for d in v if len(d[1]) >= MIN_CHARS] for k, v in by_label[label].items()}
            kinds = {k: v for k, v in kinds.items() if v}
            if not kinds:
                print(f"warning: no documents for {label}", file=sys.stderr)
                continue
            quota = args.fixture if args.fixture else args.per_language // len(kinds) + 1
            chosen = []
            for kind in sorted(kinds):
                pool = kinds[kind]
                chosen.extend(rng.sample(pool, min(quota, len(pool))))
            if not args.fixture:
                chosen = chosen[: args.per_language]
            for i, (source, text) in enumerate(chosen):
                out.write(json.dumps({"id": f"{label}-{i + 1}", "lang": label, "source": source, "text": text},
                                     ensure_ascii=False) + "\n")
                written += 1
    print(f"wrote {written} documents to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
