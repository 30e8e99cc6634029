#!/usr/bin/env bash
# Regenerate the bundled sample corpora in corpora/ from real text shipped in
# Debian packages (Debian 12 "bookworm").
#
#   bash scripts/make-corpora.sh
#
# What it does:
#   1. installs the Debian packages it reads from, if they are missing;
#   2. writes corpora/{en,de,ru,it,zh,ja,th,mixed}.jsonl, one JSON object per
#      line: {"id": "<lang>-<nnnn>", "text": "..."};
#   3. copies one real XHTML page to corpora/html/;
#   4. rewrites corpora/SOURCES.md (packages, versions, paths, licences,
#      sizes, document counts, SHA-256 sums).
#
# corpora/faq.jsonl is hand-written and is NOT touched by this script.
#
# The output is deterministic: no randomness, no timestamps; documents are
# selected and ordered by SHA-256 of their text.  Re-running with the same
# package versions gives byte-identical files.  If a package version changes
# (e.g. a dpkg/apt security update), the selection may change too -- the
# versions used are recorded in corpora/SOURCES.md, so `git diff` shows it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/corpora"

# Packages the corpora are built from (plus python3 to run the generator).
PKGS=(
  bible-kjv bible-kjv-text
  fortunes-min fortunes-de fortunes-ru fortunes-it fortunes-zh
  manpages-ja
  debian-faq
  dpkg apt libapt-pkg6.0 grep
  python3
)

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing=()
for p in "${PKGS[@]}"; do
  is_installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "make-corpora: installing: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# Minimal Docker images may exclude /usr/share/man or locale files via dpkg
# path-exclude rules; fail loudly instead of producing empty corpora.
for f in /usr/share/man/ja/man1/ls.1.gz \
         /usr/share/locale/th/LC_MESSAGES/dpkg.mo \
         /usr/share/games/fortunes/fortunes \
         /usr/share/doc/debian/FAQ/basic-defs.en.html; do
  if [ ! -e "$f" ]; then
    echo "make-corpora: $f is missing (dpkg path-exclude in /etc/dpkg/dpkg.cfg.d?)" >&2
    exit 1
  fi
done

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# Versions of the source packages, handed to the generator for SOURCES.md.
VERSIONS=""
for p in "${PKGS[@]}"; do
  VERSIONS+="$p=$(dpkg-query -W -f='${Version}' "$p")"$'\n'
done
export MC_VERSIONS="$VERSIONS"
export MC_OUT="$OUT"
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1
unset COLUMNS

mkdir -p "$OUT" "$OUT/html"

"$PY" - <<'PYEOF'
import gzip
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import unicodedata

OUT = os.environ["MC_OUT"]
VERSIONS = dict(l.split("=", 1) for l in os.environ["MC_VERSIONS"].splitlines() if l)
SALT = "textmill-corpora-v1\0"

# ---------------------------------------------------------------- helpers

def hkey(text):
    return hashlib.sha256((SALT + text).encode("utf-8")).hexdigest()

CTRL_OK = {"\n", "\t"}

def clean(text):
    """Normalise line ends, drop leading blank lines and trailing whitespace.
    Inner newlines, tabs, indentation and trailing spaces on lines are kept."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines).rstrip()

def has_bad_control(text):
    return any(unicodedata.category(c) == "Cc" and c not in CTRL_OK for c in text)

def letter_ratio(text):
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    n = sum(1 for c in chars if unicodedata.category(c)[0] in "LM")
    return n / len(chars)

def usable(text, min_ratio=0.6):
    return bool(text) and not has_bad_control(text) and letter_ratio(text) >= min_ratio

def dedupe(texts):
    seen, out = set(), []
    for t in texts:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out

def pick(texts, n, long_share, threshold, max_len):
    """Deterministically pick n texts: about long_share of them longer than
    `threshold` characters (but at most max_len), the rest short.
    Returned in SHA-256 order (a stable pseudo-shuffle)."""
    ranked = sorted(dedupe(t for t in texts if len(t) <= max_len), key=hkey)
    longs = [t for t in ranked if len(t) > threshold]
    shorts = [t for t in ranked if len(t) <= threshold]
    nl = min(len(longs), round(n * long_share))
    ns = min(len(shorts), n - nl)
    nl = min(len(longs), n - ns)
    return sorted(shorts[:ns] + longs[:nl], key=hkey)

def dumps(obj):
    s = json.dumps(obj, ensure_ascii=False)
    # Keep one record per physical line for every line splitter.
    for ch in ("\u0085", "\u2028", "\u2029"):
        s = s.replace(ch, "\\u%04x" % ord(ch))
    return s

def write_jsonl(name, records):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(dumps(r) + "\n")
    os.replace(tmp, path)

def make_records(lang, texts):
    return [{"id": "%s-%04d" % (lang, i + 1), "text": t} for i, t in enumerate(texts)]

def read_utf8(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")

def fortune_entries(path):
    text = read_utf8(path).replace("\r\n", "\n")
    return [clean(e) for e in re.split(r"^%\n", text + "\n", flags=re.M)]

def fortune_files(directory, exclude=()):
    names = []
    for n in sorted(os.listdir(directory)):
        p = os.path.join(directory, n)
        if os.path.islink(p) or not os.path.isfile(p):
            continue
        if n.endswith((".dat", ".u8")) or n in exclude:
            continue
        names.append(p)
    return names

# ------------------------------------------------------------------ English
# King James Bible verses (bible-kjv) + classic fortunes (fortunes-min).

KJV_CHAPTERS = (
    [("ge", c) for c in (1, 2, 3)]
    + [("ru", c) for c in range(1, 5)]
    + [("ps", c) for c in range(1, 151)]
    + [("pr", c) for c in range(1, 32)]
    + [("ec", c) for c in range(1, 13)]
    + [("isa", 40), ("isa", 53), ("mt", 5), ("mt", 6), ("mt", 7), ("lu", 2),
       ("lu", 15), ("joh", 1), ("joh", 3), ("joh", 14), ("ro", 8), ("ro", 12),
       ("1co", 13), ("re", 21), ("re", 22)]
)
BOOK_NAMES = {"ge": "Genesis", "ru": "Ruth", "ps": "Psalm", "pr": "Proverbs",
              "ec": "Ecclesiastes", "isa": "Isaiah", "mt": "Matthew", "lu": "Luke",
              "joh": "John", "ro": "Romans", "1co": "1 Corinthians", "re": "Revelation"}

env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
specs = ["%s%d:1-999" % bc for bc in KJV_CHAPTERS]
raw = subprocess.run(["bible", "-f"] + specs, check=True, capture_output=True,
                     env=env, cwd="/").stdout.decode("utf-8")
verse_re = re.compile(r"^([1-3]?[A-Za-z]+)(\d+):(\d+) (.*)$")
chapters = {}   # (abbr, chapter) -> [verse text]
order = []
for line in raw.splitlines():
    if not line.strip():
        continue
    m = verse_re.match(line)
    if not m:
        raise SystemExit("unexpected bible output line: %r" % line)
    key = (m.group(1), int(m.group(2)))
    if key not in chapters:
        chapters[key] = []
        order.append(key)
    chapters[key].append(m.group(4).strip())
if len(order) != len(KJV_CHAPTERS):
    raise SystemExit("bible returned %d chapters, expected %d" % (len(order), len(KJV_CHAPTERS)))

kjv_verses = [v for k in order for v in chapters[k]]
kjv_passages = []
for (abbr, ch), key in zip(KJV_CHAPTERS, order):
    verses = chapters[key]
    title = "%s %d" % (BOOK_NAMES[abbr], ch)
    if ch % 2:
        # prose paragraph
        body = " ".join(verses)
    else:
        # one numbered verse per line, as printed in many editions
        body = "\n".join("%d %s" % (i + 1, v) for i, v in enumerate(verses))
    kjv_passages.append(title + "\n\n" + body)

en_fortunes = []
for n in ("fortunes", "literature", "riddles"):
    en_fortunes += fortune_entries("/usr/share/games/fortunes/" + n)
en_fortunes = [t for t in en_fortunes if usable(t)]

en_texts = (pick(kjv_verses, 110, 0.0, 10**9, 10**9)
            + pick(kjv_passages, 60, 1.0, 0, 4000)
            + pick(en_fortunes, 130, 0.35, 200, 3000))
en = sorted(dedupe(en_texts), key=hkey)

# ----------------------------------------------------------- de / ru / it

def fortunes_lang(directory, exclude, n=300):
    texts = []
    for p in fortune_files(directory, exclude):
        texts += fortune_entries(p)
    texts = [t for t in texts if usable(t)]
    return pick(texts, n, 0.4, 160, 3000)

de = fortunes_lang("/usr/share/games/fortunes/de", exclude={"asciiart"})
ru = fortunes_lang("/usr/share/games/fortunes/ru", exclude=set())
it = fortunes_lang("/usr/share/games/fortunes/it", exclude={"banner"})

# ------------------------------------------------------------------ Chinese
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

def zh_entries(name):
    return [t for t in (clean(ANSI_RE.sub("", e))
                        for e in fortune_entries("/usr/share/games/fortunes/" + name))
            if usable(t, 0.5)]

zh = sorted(pick(zh_entries("chinese"), 180, 0.4, 120, 3000)
            + pick(zh_entries("tang300"), 70, 0.3, 120, 3000)
            + pick(zh_entries("song100"), 50, 0.3, 120, 3000), key=hkey)

# ----------------------------------------------------------------- Japanese
# GNU coreutils manual pages translated by the JM Project (manpages-ja),
# roff markup stripped to plain text.

ROFF_CHARS = {
    "co": "\u00a9", "rg": "\u00ae", "tm": "\u2122", "aq": "'", "dq": '"',
    "lq": "\u201c", "rq": "\u201d", "oq": "\u2018", "cq": "\u2019",
    "em": "\u2014", "en": "\u2013", "hy": "-", "mi": "-", "bu": "\u2022",
    "mu": "\u00d7", "di": "\u00f7", "ga": "`", "aa": "\u00b4", "ti": "~",
    "ha": "^", "ba": "|", "br": "|", "rs": "\\", "sl": "/", "->": "\u2192",
    "<-": "\u2190", "de": "\u00b0", "+-": "\u00b1", "<=": "\u2264", ">=": "\u2265",
}
ROFF_ESC = re.compile(
    r"\\(?:"
    r"f(?:\[[^\]]*\]|\(..|.)"        # font change
    r"|s[+-]?\d"                     # size change
    r"|\((?P<c2>..)"                 # \(xx named char
    r"|\[(?P<cb>[^\]]*)\]"           # \[name] named char
    r"|\*(?:\((?P<s2>..)|\[(?P<sb>[^\]]*)\]|(?P<s1>.))"  # strings
    r"|(?P<one>.)"
    r")")

def roff_unescape(s):
    def rep(m):
        name = m.group("c2") or m.group("cb")
        if name is not None:
            return ROFF_CHARS.get(name, "")
        sname = m.group("s2") or m.group("sb") or m.group("s1")
        if sname is not None:
            return {"lq": "\u201c", "rq": "\u201d", "R": "\u00ae", "Tm": "\u2122"}.get(sname, "")
        one = m.group("one")
        if one is None:
            return ""              # font / size changes
        return {"-": "-", "e": "\\", "\\": "\\", "~": " ", " ": " ", "0": " ",
                "'": "\u00b4", "`": "`", ".": "."}.get(one, "")
    return ROFF_ESC.sub(rep, s)

def roff_args(rest):
    args, cur, q, i = [], "", False, 0
    while i < len(rest):
        c = rest[i]
        if c == "\\" and i + 1 < len(rest):
            cur += rest[i:i + 2]; i += 2; continue
        if c == '"':
            q = not q
        elif c in " \t" and not q:
            if cur:
                args.append(cur); cur = ""
        else:
            cur += c
        i += 1
    if cur:
        args.append(cur)
    return args

BREAK_MACROS = {"PP", "P", "LP", "TP", "HP", "sp", "IP", "TQ"}
JOIN_SPACE = {"B", "I", "SM", "SB"}
JOIN_ALT = {"BR", "BI", "IB", "RB", "RI", "IR"}

def roff_sections(src):
    """Return [(section title, [paragraph, ...])]."""
    sections, paras, cur, title = [], [], [], ""
    def flush():
        if cur:
            paras.append("\n".join(cur).strip())
            cur.clear()
    def end_section():
        flush()
        if paras:
            sections.append((title, list(paras)))
        paras.clear()
    for line in src.split("\n"):
        if line.startswith((".\\\"", "'\\\"", "\\\"")) or line in (".", "'"):
            continue
        if line.startswith((".", "'")):
            body = line[1:].lstrip()
            macro, _, rest = body.partition(" ")
            args = roff_args(rest)
            if macro in ("SH", "SS"):
                end_section()
                title = roff_unescape(" ".join(args)).strip()
            elif macro in BREAK_MACROS:
                flush()
                if macro == "IP" and args:
                    cur.append(roff_unescape(args[0]))
            elif macro in JOIN_SPACE:
                cur.append(roff_unescape(" ".join(args)))
            elif macro in JOIN_ALT:
                cur.append(roff_unescape("".join(args)))
            # everything else (TH, br, RS, RE, nf, fi, in, ...) carries no text
            continue
        if not line.strip():
            flush()
            continue
        cur.append(roff_unescape(line).rstrip())
    end_section()
    return [(t, [p for p in ps if p]) for t, ps in sections]

KANA_RE = re.compile(r"[\u3040-\u30ff]")
ja_paras, ja_sections, ja_pages = [], [], 0
mandir = "/usr/share/man/ja"
for sub in sorted(os.listdir(mandir)):
    d = os.path.join(mandir, sub)
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        if os.path.islink(p) or not n.endswith(".gz"):
            continue
        with gzip.open(p, "rb") as f:
            src = f.read().decode("utf-8")
        th = re.search(r"^\.TH\s+(.*)$", src, re.M)
        if not th or roff_args(th.group(1))[3:4] != ["GNU coreutils"]:
            continue
        if "GPLv3+" not in src:
            continue
        ja_pages += 1
        for title, ps in roff_sections(src):
            if title in ("著作権", "COPYRIGHT", "作者", "AUTHOR", "バグ報告", "報告"):
                continue
            good = [q for q in ps if KANA_RE.search(q) and "\\" not in q]
            ja_paras += good
            if title == "説明" and len(good) >= 3:
                doc = ""
                for q in good:
                    if len(doc) + len(q) + 2 > 3000:
                        break
                    doc = q if not doc else doc + "\n\n" + q
                ja_sections.append(doc)

ja = sorted(pick(ja_paras, 220, 0.25, 100, 3000)
            + pick(ja_sections, 80, 1.0, 0, 3000), key=hkey)
ja = dedupe(ja)

# -------------------------------------------------------------------- Thai
# Translated strings of Debian's Thai message catalogues.

THAI_MO = ["apt", "dpkg", "grep", "libapt-pkg6.0"]
THAI_RE = re.compile(r"[\u0e00-\u0e7f]")

def mo_strings(path):
    b = open(path, "rb").read()
    magic = struct.unpack("<I", b[:4])[0]
    end = "<" if magic == 0x950412de else ">"
    _, _, n, _, toff = struct.unpack(end + "5I", b[:20])
    out = []
    for i in range(n):
        length, off = struct.unpack(end + "2I", b[toff + 8 * i: toff + 8 * i + 8])
        for form in b[off:off + length].decode("utf-8").split("\0"):
            out.append(form)
    return out

th_texts = []
for name in THAI_MO:
    for s in mo_strings("/usr/share/locale/th/LC_MESSAGES/%s.mo" % name):
        t = s.replace("\r\n", "\n").strip("\n").rstrip()
        if THAI_RE.search(t) and not has_bad_control(t):
            th_texts.append(t)
th = pick(th_texts, 300, 0.35, 120, 3000)

# -------------------------------------------------------------------- write
langs = [("en", en), ("de", de), ("ru", ru), ("it", it), ("zh", zh), ("ja", ja), ("th", th)]
records = {}
for lang, texts in langs:
    if len(texts) < 250:
        raise SystemExit("%s: only %d documents" % (lang, len(texts)))
    records[lang] = make_records(lang, texts)
    write_jsonl(lang + ".jsonl", records[lang])

# mixed.jsonl: every third document of each language (100 each),
# interleaved round-robin en, de, ru, it, zh, ja, th; original ids are kept.
per_lang = [records[l][0::3][:100] for l, _ in langs]
mixed = []
for i in range(max(len(x) for x in per_lang)):
    for x in per_lang:
        if i < len(x):
            mixed.append(x[i])
write_jsonl("mixed.jsonl", mixed)

# HTML sample, copied byte for byte.
HTML_SRC = "/usr/share/doc/debian/FAQ/basic-defs.en.html"
HTML_DST = os.path.join(OUT, "html", "debian-faq-basic-defs.en.html")
shutil.copyfile(HTML_SRC, HTML_DST + ".tmp")
os.chmod(HTML_DST + ".tmp", 0o644)
os.replace(HTML_DST + ".tmp", HTML_DST)

# ---------------------------------------------------------------- SOURCES.md
def stat(rel):
    p = os.path.join(OUT, rel)
    data = open(p, "rb").read()
    lines = data.count(b"\n") if rel.endswith(".jsonl") else None
    return len(data), lines, hashlib.sha256(data).hexdigest()

def v(p):
    return VERSIONS.get(p, "?")

table_rows = []
for rel in ["en.jsonl", "de.jsonl", "ru.jsonl", "it.jsonl", "zh.jsonl", "ja.jsonl",
            "th.jsonl", "mixed.jsonl", "faq.jsonl", "html/debian-faq-basic-defs.en.html"]:
    if not os.path.exists(os.path.join(OUT, rel)):
        continue
    size, lines, sha = stat(rel)
    table_rows.append("| `%s` | %s | %d | `%s` |" % (rel, "-" if lines is None else lines, size, sha))

SOURCES = """# Sample corpora: sources and licences

All files in this directory except `faq.jsonl` are generated by

    bash scripts/make-corpora.sh

from text shipped in Debian 12 ("bookworm") packages. The script installs the
packages it needs (`apt-get install -y --no-install-recommends ...`) and is
deterministic: documents are selected and ordered by SHA-256 of their text, so
re-running it with the same package versions gives byte-identical files. This
file is rewritten by the script as well (package versions below are the ones
installed when it last ran).

JSONL format: one object per line, `{{"id": "<lang>-<nnnn>", "text": "..."}}`.
Texts keep the newlines, tabs, indentation and trailing spaces of the source;
only CRLF is turned into LF, leading blank lines and trailing whitespace of a
whole document are removed, and (zh) ANSI colour escapes / (ja) roff markup are
stripped. Documents with other control characters or that are mostly non-letters
(ASCII art) are skipped. Apart from the title line and verse numbers of the KJV
chapter documents (see below), no text was written or edited by hand. JSON
strings are UTF-8 (not \\u-escaped), except U+0085, U+2028 and U+2029, which are
escaped so that every line splitter sees one record per line.

| file | docs | bytes | sha256 |
|---|---|---|---|
{table}

## en.jsonl — English

* **King James Bible** (1611), package `bible-kjv-text` {v_kjvt}, data file
  `/usr/lib/bible.data`, read with the `bible -f` program from package
  `bible-kjv` {v_kjv}. 110 single verses plus 60 whole chapters (Genesis 1–3,
  Ruth, Psalms, Proverbs, Ecclesiastes, Isaiah 40/53, Matthew 5–7, Luke 2/15,
  John 1/3/14, Romans 8/12, 1 Corinthians 13, Revelation 21/22) rendered as a
  title line plus either a prose paragraph or numbered verse lines.
  Licence: the KJV text is in the public domain (per
  `/usr/share/doc/bible-kjv-text/copyright`: "The copyright for the King James
  Version text of the Bible is expired"); the BRS data files are "provided for
  unrestricted use ... Users may copy, modify or distribute this file at will"
  (Chip Chapin, 1989).
* **Fortune cookies**, package `fortunes-min` {v_fmin}, files
  `/usr/share/games/fortunes/fortunes`, `.../literature`, `.../riddles`
  (130 entries). Licence: `/usr/share/doc/fortunes-min/copyright` puts the
  fortune-mod package under the BSD licence (University of California, 1991,
  advertising clause deleted). The data files are collections of quotations
  and jokes by many (often unnamed) authors; the copyright file gives no
  separate licence for individual quotations. Debian distributes them in
  `main`. Treat these entries as quotations with attribution as given in the
  text, not as material we hold rights to.

## de.jsonl — German

Package `fortunes-de` {v_de}, all files under `/usr/share/games/fortunes/de/`
except `asciiart` (300 entries). Licence: GPL-2+ (Andreas Tille, 1999–2012, per
`/usr/share/doc/fortunes-de/copyright`); the entries themselves are largely
quotations and jokes collected from many sources.

## ru.jsonl — Russian

Package `fortunes-ru` {v_ru}, all files under `/usr/share/games/fortunes/ru/`
(300 entries). Licence: GPL-2 (Pavel Maryanov, 2003, per
`/usr/share/doc/fortunes-ru/copyright`); entries are largely quotations with
attribution lines.

## it.jsonl — Italian

Package `fortunes-it` {v_it}, all files under `/usr/share/games/fortunes/it/`
except `banner` (ASCII art) (300 entries). Licence: per
`/usr/share/doc/fortunes-it/copyright` the files "are not copyrighted, since
they are a collection of quotations"; the maintainers ask users to "consider
this package freeware (public domain). You may do whatever you want with this
package." The quoted authors are named in the entries.

## zh.jsonl — Chinese

Package `fortunes-zh` {v_zh}: `/usr/share/games/fortunes/chinese` (180 entries,
a mix of Debian/free-software texts, sayings and jokes), `.../tang300` (70
poems of the Three Hundred Tang Poems) and `.../song100` (50 Song ci poems),
with ANSI colour escape sequences removed. Licence: GPL-3+ (Yu Guanghui, Mo
Zhou, xiao sheng wen, per `/usr/share/doc/fortunes-zh/copyright`); the classical
poems themselves are centuries old and in the public domain.

## ja.jsonl — Japanese

Package `manpages-ja` {v_ja}: the Japanese translations (JM Project) of the
{ja_pages} GNU coreutils manual pages, i.e. every page under `/usr/share/man/ja/man*/`
whose `.TH` line names "GNU coreutils" (`ls.1.gz`, `sort.1.gz`, ...).
Decompressed, roff markup stripped to plain text; paragraphs (220, an option
tag and its description are one paragraph) and whole DESCRIPTION (説明)
sections of up to 3000 characters (80); only text containing kana is used, and
the copyright/author/bug-report sections are skipped. Licence:
`/usr/share/doc/manpages-ja/copyright` says the translations are available
under the licence of the original page; each of these pages states
"ライセンス GPLv3+: GNU GPL version 3 or later" (Copyright Free Software
Foundation, Inc.).

## th.jsonl — Thai

Translated strings (msgstr; each plural form separately) from the Thai message
catalogues of Debian tools, read directly from the binary `.mo` files
(300 strings; `%s`-style placeholders, `\\n` and `\\t` kept as in the catalogue):

* `/usr/share/locale/th/LC_MESSAGES/dpkg.mo` — package `dpkg` {v_dpkg}, GPL-2+
* `/usr/share/locale/th/LC_MESSAGES/apt.mo` — package `apt` {v_apt}, GPL-2+
* `/usr/share/locale/th/LC_MESSAGES/libapt-pkg6.0.mo` — package `libapt-pkg6.0`
  {v_libapt}, GPL-2+
* `/usr/share/locale/th/LC_MESSAGES/grep.mo` — package `grep` {v_grep}, GPL-3+

(licences per `/usr/share/doc/{{dpkg,apt,libapt-pkg6.0,grep}}/copyright`;
translations are distributed under the licence of the program).

## mixed.jsonl — all languages

Every third document (100 per language, 700 in all) of the seven files above,
interleaved round-robin in the order en, de, ru, it, zh, ja, th, keeping the
original ids (so `mixed.jsonl` ids are unique and point back into the
per-language files). Licences as for the files they come from.

## html/debian-faq-basic-defs.en.html — HTML/XHTML sample

Byte-for-byte copy of `/usr/share/doc/debian/FAQ/basic-defs.en.html`
("Chapter 1. Definitions and overview" of the Debian GNU/Linux FAQ), package
`debian-faq` {v_faq}. It is XHTML 1.0 Transitional (well-formed XML with an
`<?xml?>` declaration and DOCTYPE), so it serves both the HTML and the XML
reader. Licence (per `/usr/share/doc/debian-faq/copyright`): Copyright (C)
1996-2003 Software in the Public Interest; "Permission is granted to make and
distribute verbatim copies of this document provided the copyright notice and
this permission notice are preserved on all copies." Modified versions are
allowed under the same conditions. The page is kept unmodified; this notice is
reproduced here.

## faq.jsonl — textmill FAQ

Hand-written for this project (not generated), lines `{{"q": "...", "a": "..."}}`.
Same licence as textmill itself.
""".format(
    table="\n".join(table_rows),
    v_kjvt=v("bible-kjv-text"), v_kjv=v("bible-kjv"), v_fmin=v("fortunes-min"),
    v_de=v("fortunes-de"), v_ru=v("fortunes-ru"), v_it=v("fortunes-it"),
    v_zh=v("fortunes-zh"), v_ja=v("manpages-ja"), v_dpkg=v("dpkg"), v_apt=v("apt"),
    v_libapt=v("libapt-pkg6.0"), v_grep=v("grep"), v_faq=v("debian-faq"),
    ja_pages=ja_pages)

with open(os.path.join(OUT, "SOURCES.md.tmp"), "w", encoding="utf-8", newline="\n") as f:
    f.write(SOURCES)
os.replace(os.path.join(OUT, "SOURCES.md.tmp"), os.path.join(OUT, "SOURCES.md"))

for lang, _ in langs:
    print("make-corpora: %-12s %4d docs" % (lang + ".jsonl", len(records[lang])))
print("make-corpora: %-12s %4d docs" % ("mixed.jsonl", len(mixed)))
PYEOF
