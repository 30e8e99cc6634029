#!/usr/bin/env python3
"""Build textmill's benchmark corpus: deterministic JSONL of real text from Debian packages.

Recipe (shared/notes/baselines.md): bible-kjv (verses and runs of 2-10 verses, read with
the `bible` program), fortunes / fortunes-min (en), fortunes-de, fortunes-ru, fortunes-it,
fortunes-zh (ANSI colour codes stripped), manpages-zh and manpages-ja (roff paragraphs,
markup stripped), Thai from the message catalogues of dpkg, apt, libapt-pkg and grep.
Text-byte shares: en 40 %, zh 15, ja 15, de 10, ru 10, it 7, th 3.  Short chat-like
documents (single lines, single verses, single messages) are mixed with paragraphs.
Documents keep newlines and tabs; other control characters are removed.

Output (under --out, default bench/.cache/corpus):
  corpus-100mb.jsonl   ~100 MB (10^6 bytes) of lines {"id": "en-0000001", "text": "..."}
  corpus-10mb.jsonl    the first ~10 MB of it (the corpus is shuffled, so this is a sample)
  manifest.json        sizes, doc counts, language shares, package versions, sha256

Standard library only; needs the Debian packages installed (bench/deps.sh does that).
Nothing is rebuilt if the outputs exist (use --force).  Same seed + same package versions
=> byte-identical output.
"""
import argparse
import gzip
import hashlib
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

SHARES = {"en": 0.40, "zh": 0.15, "ja": 0.15, "de": 0.10, "ru": 0.10, "it": 0.07, "th": 0.03}
PACKAGES = ["bible-kjv", "bible-kjv-text", "fortunes", "fortunes-min", "fortunes-de",
            "fortunes-ru", "fortunes-it", "fortunes-zh", "manpages-zh", "manpages-ja",
            "dpkg", "apt", "libapt-pkg6.0", "grep"]

CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def log(*a):
    print("make-corpus:", *a, file=sys.stderr, flush=True)


def clean(text):
    text = text.replace("\r\n", "\n")
    text = ANSI_RE.sub("", text)
    text = CTRL_RE.sub("", text)
    return text.strip()


# ----------------------------------------------------------------- packages

def pkg_version(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


WANTED_RE = re.compile(r"/games/fortunes|/man/(?:ja|zh_CN|zh_TW)/|/locale/th/LC_MESSAGES/")


def pkg_files(pkg, cache):
    """Regular files (no symlinks) of an installed package, sorted.  If dpkg path-exclude
    dropped them (slim images), the .deb is downloaded and unpacked under cache."""
    r = subprocess.run(["dpkg-query", "-L", pkg], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"make-corpus: package {pkg} is not installed (run bench/deps.sh)")
    listed = [p for p in r.stdout.splitlines() if p.startswith("/") and WANTED_RE.search(p)]
    present = [p for p in listed if os.path.isfile(p) and not os.path.islink(p)]
    missing = [p for p in listed if not os.path.lexists(p)]
    if not missing:
        return sorted(present)
    root = os.path.join(cache, "debroot", pkg)
    if not os.path.isdir(root):
        log(f"{len(missing)} files of {pkg} are not on disk (dpkg path-exclude?); unpacking its .deb")
        dl = os.path.join(cache, "debs")
        os.makedirs(dl, exist_ok=True)
        subprocess.run(["apt-get", "download", f"{pkg}={pkg_version(pkg)}"], cwd=dl, check=True)
        deb = sorted(f for f in os.listdir(dl) if f.startswith(pkg.replace("+", "%2b") + "_"))[-1]
        tmp = root + ".tmp"
        subprocess.run(["rm", "-rf", tmp], check=True)
        subprocess.run(["dpkg-deb", "-x", os.path.join(dl, deb), tmp], check=True)
        os.rename(tmp, root)
    out = []
    for p in listed:
        q = root + p
        if os.path.isfile(q) and not os.path.islink(q):
            out.append(q)
    return sorted(out)


# ------------------------------------------------------------------- sources

def bible_verses():
    r = subprocess.run(["bible", "-f", "-l100000", "gen1:1-rev22:21"], capture_output=True, check=True)
    verses = []
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        m = re.match(r"^\S+?\d+:\d+ (.*)$", line)
        if m:
            t = clean(m.group(1))
            if t:
                verses.append(t)
    if len(verses) < 30000:
        sys.exit(f"make-corpus: `bible` gave only {len(verses)} verses")
    return verses


def fortune_entries(files):
    entries = []
    for f in files:
        if "/games/fortunes" not in f or f.endswith((".dat", ".u8")):
            continue
        with open(f, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
        for e in re.split(r"\n%\n", "\n" + text + "\n"):
            e = clean(e)
            if e and e != "%":
                entries.append(e)
    return entries


ROFF_TEXT_MACROS = {"B", "I", "SM", "SB", "BR", "RB", "IR", "RI", "BI", "IB"}
ROFF_BREAKS = {"PP", "P", "LP", "SH", "SS", "TP", "IP", "HP", "sp", "TQ", "RS", "RE", "nf", "fi",
               "EX", "EE", "in", "ti", "bp", "ne", "TH", "Sh", "Pp", "Bl", "El", "It"}
ROFF_CHARS = {"em": "\u2014", "en": "\u2013", "bu": "\u2022", "aq": "'", "dq": '"', "lq": "\u201c",
              "rq": "\u201d", "oq": "\u2018", "cq": "\u2019", "co": "\u00a9", "rg": "\u00ae",
              "tm": "\u2122", "hy": "-", "mi": "-", "pl": "+", "mu": "\u00d7", "di": "\u00f7",
              "ga": "`", "aa": "\u00b4", "ti": "~", "ha": "^", "rs": "\\", "sl": "/", "ba": "|",
              "de": "\u00b0", "<=": "\u2264", ">=": "\u2265", "->": "\u2192", "<-": "\u2190",
              "Fo": "\u00ab", "Fc": "\u00bb", "fo": "\u2039", "fc": "\u203a", "ua": "\u2191",
              "da": "\u2193", "ss": "\u00df", "tp": "+", "at": "@", "sh": "#", "Do": "$"}
ESC_RE = re.compile(r"""\\(?:
      f(?:\(..|\[[^\]]*\]|.)          # font
    | s[+-]?(?:\(\d\d|\[\d+\]|\d)     # size
    | \*(?:\(..|\[[^\]]*\]|.)         # string
    | n[+-]?(?:\(..|\[[^\]]*\]|.)     # register
    | [hvwoNlLDbxXZkR]'[^']*'         # quoted-argument escapes
    | \((..)                          # \(xx character
    | \[([^\]]*)\]                    # \[name] character
    | (.)                             # one-character escape
    )""", re.X)


def _roff_esc(m):
    name = m.group(1) or m.group(2)
    if name is not None:
        return ROFF_CHARS.get(name, "")
    c = m.group(3)
    if c is None:
        return ""
    return {"-": "-", "e": "\\", "\\": "\\", " ": " ", "~": " ", "0": " ", "t": "\t",
            "'": "\u00b4", "`": "`", ".": "."}.get(c, "")


def roff_inline(s):
    if '\\"' in s:
        s = s[: s.index('\\"')]
    return ESC_RE.sub(_roff_esc, s)


def roff_args(s):
    args = re.findall(r'"((?:[^"]|"")*)"|(\S+)', s)
    return [a or b for a, b in args]


def roff_paragraphs(src):
    """Very small man(7) reader: returns text paragraphs (filled lines joined with spaces,
    no-fill lines with newlines)."""
    paras, cur = [], []
    skip_until = None
    nofill = [False]

    def flush():
        if cur:
            # filled text is joined the way man(1) renders it; no-fill blocks keep lines
            t = clean(("\n" if nofill[0] else " ").join(cur))
            if t:
                paras.append(t)
            cur.clear()

    for line in src.splitlines():
        if skip_until:
            if line.startswith(skip_until):
                skip_until = None
            continue
        if line.startswith((".\\\"", "'\\\"", '\\"')):
            continue
        if line.startswith((".", "'")):
            parts = line[1:].strip().split(None, 1)
            if not parts:
                continue
            req, rest = parts[0], (parts[1] if len(parts) > 1 else "")
            if req in ("TS",):
                flush(); skip_until = ".TE"; continue
            if req in ("de", "de1", "am", "ig"):
                flush(); skip_until = ".."; continue
            if req in ("EQ",):
                flush(); skip_until = ".EN"; continue
            if req in ROFF_TEXT_MACROS:
                args = roff_args(rest)
                joiner = "" if len(req) == 2 and req not in ("SM", "SB") else " "
                t = roff_inline(joiner.join(args))
                if t.strip():
                    cur.append(t)
                continue
            if req in ("SH", "SS"):
                flush()
                nofill[0] = False
                continue  # headings are dropped
            if req in ROFF_BREAKS or req == "br":
                flush()
                if req in ("nf", "EX"):
                    nofill[0] = True
                elif req in ("fi", "EE", "TH"):
                    nofill[0] = False
                continue
            continue  # any other request: ignored
        t = roff_inline(line)
        if not t.strip():
            flush()
        else:
            cur.append(t)
    flush()
    return paras


def man_paragraphs(files, subdir):
    out = []
    for f in files:
        if f"/man/{subdir}/" not in f or not f.endswith(".gz"):
            continue
        try:
            with gzip.open(f, "rb") as fh:
                src = fh.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if src.lstrip().startswith(".so "):
            continue
        for p in roff_paragraphs(src):
            # keep paragraphs that actually contain CJK text
            if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", p) and len(p) >= 4:
                out.append(p)
    return out


def mo_strings(path):
    with open(path, "rb") as fh:
        data = fh.read()
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic == 0x950412DE else ">"
    _, n, otab, ttab = struct.unpack(e + "4I", data[4:20])
    out = []
    for i in range(n):
        olen, ooff = struct.unpack(e + "2I", data[otab + 8 * i: otab + 8 * i + 8])
        tlen, toff = struct.unpack(e + "2I", data[ttab + 8 * i: ttab + 8 * i + 8])
        if olen == 0:
            continue  # header
        for s in data[toff: toff + tlen].decode("utf-8", "replace").split("\0"):
            s = clean(s)
            if s and re.search(r"[\u0e00-\u0e7f]", s):
                out.append(s)
    return out


# ------------------------------------------------------------------ documents

def lines_of(entries, minlen=2):
    out = []
    for e in entries:
        for ln in e.split("\n"):
            ln = clean(ln)
            if len(ln) >= minlen:
                out.append(ln)
    return out


def build_generators(cache):
    files = {p: pkg_files(p, cache) for p in PACKAGES if not p.startswith("bible")}
    log("reading bible-kjv")
    verses = bible_verses()
    log("reading fortunes")
    f_en = fortune_entries(files["fortunes"] + files["fortunes-min"])
    f_de = fortune_entries(files["fortunes-de"])
    f_ru = fortune_entries(files["fortunes-ru"])
    f_it = fortune_entries(files["fortunes-it"])
    f_zh = fortune_entries(files["fortunes-zh"])
    log("reading manpages-zh, manpages-ja")
    m_zh = man_paragraphs(files["manpages-zh"], "zh_CN") + man_paragraphs(files["manpages-zh"], "zh_TW")
    m_ja = man_paragraphs(files["manpages-ja"], "ja")
    log("reading Thai message catalogues")
    th = []
    for p in ("dpkg", "apt", "libapt-pkg6.0", "grep"):
        for f in files[p]:
            if f.endswith(".mo") and "/locale/th/" in f:
                th.extend(mo_strings(f))
    pools = {"bible verses": verses, "fortunes en": f_en, "fortunes de": f_de, "fortunes ru": f_ru,
             "fortunes it": f_it, "fortunes zh": f_zh, "man zh": m_zh, "man ja": m_ja, "th msgs": th}
    for k, v in pools.items():
        log(f"  {k}: {len(v)} items, {sum(len(x.encode()) for x in v):,} bytes")
        if not v:
            sys.exit(f"make-corpus: no text found for {k}")
    l_en, l_de, l_ru, l_it = lines_of(f_en, 8), lines_of(f_de, 8), lines_of(f_ru, 8), lines_of(f_it, 8)
    l_zh = lines_of(m_zh, 4) + lines_of(f_zh, 4)
    l_ja = lines_of(m_ja, 4)

    def pick(pool):
        return lambda r: r.choice(pool)

    def verse_run(r):
        n = r.randint(2, 10)
        i = r.randrange(len(verses) - n)
        return (" " if r.random() < 0.7 else "\n").join(verses[i:i + n])

    def join_of(pool, lo, hi, sep="\n"):
        return lambda r: sep.join(r.choice(pool) for _ in range(r.randint(lo, hi)))

    # (weight by document count, generator) per language.  Weights were tuned so the
    # whole corpus comes close to the recipe: ~420k docs per 100 MB, median doc ~110 bytes
    # of text, p90 ~440, ~75 % of docs <= 200 bytes (baselines.md: 413k, 117, 429, 74 %).
    gens = {
        "en": [(36, pick(verses)), (10, verse_run), (34, pick(f_en)), (12, pick(l_en))],
        "de": [(65, pick(f_de)), (7, join_of(f_de, 2, 3, "\n\n")), (22, pick(l_de))],
        "ru": [(65, pick(f_ru)), (7, join_of(f_ru, 2, 3, "\n\n")), (22, pick(l_ru))],
        "it": [(65, pick(f_it)), (7, join_of(f_it, 2, 3, "\n\n")), (22, pick(l_it))],
        "zh": [(25, pick(f_zh)), (45, pick(m_zh)), (7, join_of(m_zh, 2, 4)), (12, pick(l_zh))],
        "ja": [(55, pick(m_ja)), (10, join_of(m_ja, 2, 4)), (18, pick(l_ja))],
        "th": [(60, pick(th)), (40, join_of(th, 2, 6))],
    }
    return gens


def generate(target_bytes, seed, cache):
    gens = build_generators(cache)
    rng = random.Random(seed)
    tables = {}
    for lang, lst in gens.items():
        tables[lang] = ([w for w, _ in lst], [g for _, g in lst])
    docs = []
    text_bytes = {lang: 0 for lang in SHARES}
    total_text = 0
    total_line = 0
    placeholder = "xx-0000000"
    log(f"generating ~{target_bytes:,} bytes")
    while total_line < target_bytes:
        # the language furthest below its share of text bytes goes next
        lang = min(SHARES, key=lambda L: (text_bytes[L] - SHARES[L] * total_text) / SHARES[L])
        weights, funcs = tables[lang]
        text = rng.choices(funcs, weights)[0](rng)
        if not text:
            continue
        n = len(text.encode("utf-8"))
        text_bytes[lang] += n
        total_text += n
        total_line += len(json.dumps({"id": placeholder, "text": text}, ensure_ascii=False).encode()) + 1
        docs.append((lang, text))
    rng.shuffle(docs)
    return docs, text_bytes


def write_outputs(docs, out_dir, slice_bytes, big_name, small_name):
    os.makedirs(out_dir, exist_ok=True)
    big = os.path.join(out_dir, big_name)
    small = os.path.join(out_dir, small_name)
    hb, hs = hashlib.sha256(), hashlib.sha256()
    nbig = nsmall = bbig = bsmall = 0
    slice_open = True
    with tempfile.NamedTemporaryFile("wb", dir=out_dir, delete=False) as fb, \
            tempfile.NamedTemporaryFile("wb", dir=out_dir, delete=False) as fs:
        for i, (lang, text) in enumerate(docs, 1):
            line = (json.dumps({"id": f"{lang}-{i:07d}", "text": text}, ensure_ascii=False) + "\n").encode()
            fb.write(line); hb.update(line); nbig += 1; bbig += len(line)
            if slice_open and bsmall + len(line) <= slice_bytes:
                fs.write(line); hs.update(line); nsmall += 1; bsmall += len(line)
            else:
                slice_open = False
    os.rename(fs.name, small)
    os.chmod(small, 0o644)
    os.rename(fb.name, big)
    os.chmod(big, 0o644)
    return {"big": {"file": big_name, "bytes": bbig, "docs": nbig, "sha256": hb.hexdigest()},
            "slice": {"file": small_name, "bytes": bsmall, "docs": nsmall, "sha256": hs.hexdigest()}}


def quantile(sorted_vals, q):
    return sorted_vals[min(len(sorted_vals) - 1, int(q * len(sorted_vals)))]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(here, ".cache", "corpus"))
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size in 10^6 bytes (default 100)")
    ap.add_argument("--slice-mb", type=float, default=10.0, help="slice size in 10^6 bytes (default 10)")
    ap.add_argument("--seed", type=int, default=20240521)
    ap.add_argument("--force", action="store_true", help="rebuild even if the outputs exist")
    a = ap.parse_args()

    big_name = f"corpus-{a.mb:g}mb.jsonl"
    small_name = f"corpus-{a.slice_mb:g}mb.jsonl"
    big, small = os.path.join(a.out, big_name), os.path.join(a.out, small_name)
    if not a.force and os.path.exists(big) and os.path.exists(small):
        log(f"{big} and {small} exist; nothing to do (--force rebuilds)")
        return
    cache = os.path.dirname(a.out.rstrip("/")) or "."
    docs, text_bytes = generate(int(a.mb * 1e6), a.seed, cache)
    info = write_outputs(docs, a.out, int(a.slice_mb * 1e6), big_name, small_name)
    sizes = sorted(len(t.encode()) for _, t in docs)
    total = sum(text_bytes.values())
    manifest = {
        "seed": a.seed,
        "outputs": info,
        "text_bytes_share": {k: round(v / total, 4) for k, v in text_bytes.items()},
        "docs_per_lang": {k: sum(1 for L, _ in docs if L == k) for k in SHARES},
        "doc_text_bytes": {"median": quantile(sizes, 0.5), "p90": quantile(sizes, 0.9),
                           "share_le_200": round(sum(1 for s in sizes if s <= 200) / len(sizes), 3),
                           "max": sizes[-1]},
        "packages": {p: pkg_version(p) for p in PACKAGES},
        "generator": "bench/make-corpus.py",
    }
    with open(os.path.join(a.out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    log(json.dumps({k: manifest[k] for k in ("outputs", "text_bytes_share", "doc_text_bytes")}, indent=1))


if __name__ == "__main__":
    main()
