#!/usr/bin/env python3
"""Writes Tests/Fixtures/parity/sample.jsonl: ~200 short multilingual texts, {"id": n, "text": s}.

Fully deterministic (no randomness, no environment lookups): re-running gives identical bytes.
Standard library only. Texts are written as Python literals with explicit escapes for every
invisible character, so what is in the sample is visible in this file.
"""
from __future__ import annotations

from common import out_dir_arg, write_jsonl

# ---------------------------------------------------------------------------------------------
# 1. Hand-written cases, grouped by what they exercise.
HAND: list[str] = [
    # --- edge cases first: empty and whitespace-only ---
    "",
    " ",
    "   \t  ",
    "\n",
    "\r\n",
    "\u00a0\u2003\u3000",                     # NBSP, EM SPACE, IDEOGRAPHIC SPACE only
    # --- English, capitals, punctuation ---
    "Hello, World!",
    "The quick brown fox jumps over the lazy dog.",
    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG!!!",
    "Don't stop believing; it's 'only' a \"test\" (really).",
    "Wait... what?! No -- yes - maybe.",
    "e.g. i.e. etc. Mr. Smith vs. Dr. Jones",
    "snake_case camelCase PascalCase kebab-case SCREAMING_SNAKE",
    "C++ and C# are languages; so is F#.",
    "He said: \u201cIt\u2019s fine\u201d \u2014 and left\u2026",   # curly quotes, em dash, ellipsis
    "Price: $5, \u20ac10, \u00a320, \u00a5300 (50% off) #sale @shop ^_^ ~tilde~ `code` |pipe| <tag> a+b=c",
    "Tokenization, normalization, and lemmatization are preprocessing steps.",
    "Unbelievably, the internationalization effort succeeded.",
    # --- numbers ---
    "Pi is about 3.14 and e is about 2.71828.",
    "1,000 people paid 1,000,000.50 dollars; -42 and +7 are integers.",
    "Version 2.0.1-beta, 10:30am, 2024-01-15, 50%, 1e-10, 0x1F, \u00bd, \u2153",
    "Call +1 (555) 123-4567 or 555.123.4567",
    # --- URLs and e-mails ---
    "Visit https://example.com/path?q=search&lang=en#frag for details.",
    "http://www.example.org:8080/a/b/c.html and ftp://files.example.net/pub/",
    "Mail john.doe+newsletter@example.co.uk or support@ex-ample.org.",
    "https://de.wikipedia.org/wiki/Stra\u00dfe and https://\u4f8b\u3048.jp/\u30d1\u30b9",
    # --- accents (precomposed) ---
    "caf\u00e9 na\u00efve r\u00e9sum\u00e9 fa\u00e7ade co\u00f6perate \u00c5ngstr\u00f6m",
    "CAF\u00c9 NA\u00cfVE \u00c5NGSTR\u00d6M \u00c9COLE",
    "\u00bfD\u00f3nde est\u00e1 el ni\u00f1o? \u00a1Ma\u00f1ana!",
    "S\u00e3o Paulo, Bras\u00edlia, Cura\u00e7ao, Z\u00fcrich, \u0141\u00f3d\u017a, \u010cesk\u00fd Krumlov",
    "\u0130stanbul'da \u0131\u015f\u0131k; I\u011fd\u0131r",   # Turkish dotted/dotless i
    # --- combining marks (decomposed) ---
    "cafe\u0301 nai\u0308ve A\u030angstro\u0308m",           # e+U+0301, i+U+0308, A+U+030A, o+U+0308
    "e\u0301\u0301\u0301 stacked marks and a\u0323\u0302 two marks",
    "\u0301 leading combining mark",
    "Z\u0351\u0352\u0353a\u0354\u0355\u0356l\u0357\u0358\u0359g\u035a\u035b\u035co\u035d\u035e",  # zalgo-ish
    # --- German ---
    "Stra\u00dfe, Gr\u00fc\u00dfe, Fu\u00dfball, wei\u00df, STRASSE, \u1e9e",  # ß and capital ẞ
    "Die \u00dcberpr\u00fcfung der \u00c4nderungen \u00f6ffnet T\u00fcren.",
    "Donaudampfschifffahrtsgesellschaftskapit\u00e4nsm\u00fctze",
    # --- Russian, Greek ---
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u041a\u0430\u043a \u0434\u0435\u043b\u0430?",
    "\u041c\u043e\u0441\u043a\u0432\u0430 \u2014 \u0441\u0442\u043e\u043b\u0438\u0446\u0430 \u0420\u043e\u0441\u0441\u0438\u0438. \u0401\u043b\u043a\u0430 \u0438 \u0451\u0436.",
    "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5!",
    "\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03cc\u03c2 \u03a3\u039f\u03a6\u0399\u0391 \u0391\u0398\u0397\u039d\u0391",  # final sigma
    "\u03b1\u03b2\u03b3 \u0391\u0392\u0393 \u03ac\u03ad\u03ae\u03af\u03cc\u03cd\u03ce \u0390",
    # --- Chinese, Japanese, Korean ---
    "\u4f60\u597d\uff0c\u4e16\u754c\uff01",
    "\u6211\u7231\u81ea\u7136\u8bed\u8a00\u5904\u7406\u3002",
    "\u5317\u4eac\u662f\u4e2d\u56fd\u7684\u9996\u90fd\u3002Beijing is the capital.",
    "\u3053\u3093\u306b\u3061\u306f\u4e16\u754c",
    "\u6771\u4eac\u90fd\u306b\u4f4f\u3093\u3067\u3044\u307e\u3059\u3002\u30ab\u30bf\u30ab\u30ca\u3068\u3072\u3089\u304c\u306a\u3002",
    "\uff8a\uff9d\uff76\uff78\uff76\uff80\uff76\uff85 half-width katakana",
    "\uc548\ub155\ud558\uc138\uc694 \uc138\uacc4",
    "\ud55c\uad6d\uc5b4 \ucc98\ub9ac\ub294 \uc7ac\ubbf8\uc788\ub2e4.",
    "\U00020bb7\u91ce\u5bb6 (CJK Ext-B outside the BMP)",
    # --- Thai (no spaces), Arabic, Hebrew, Devanagari ---
    "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a",
    "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e40\u0e02\u0e35\u0e22\u0e19\u0e15\u0e34\u0e14\u0e01\u0e31\u0e19\u0e44\u0e21\u0e48\u0e21\u0e35\u0e0a\u0e48\u0e2d\u0e07\u0e27\u0e48\u0e32\u0e07",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u0627\u0644\u0644\u063a\u0629 \u0627\u0644\u0639\u0631\u0628\u064a\u0629\u064f \u062c\u0645\u064a\u0644\u0629\u064c \u0661\u0662\u0663",  # harakat, Arabic-Indic digits
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e",
    # --- emoji ---
    "I love it \U0001F60D\U0001F525\U0001F44D",
    "hi\U0001F44Dthere",
    "family: \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 done",   # ZWJ sequence
    "\U0001F469\U0001F3FD\u200d\U0001F4BB coder with skin tone",
    "flags \U0001F1FA\U0001F1F8 \U0001F1E9\U0001F1EA \U0001F1EF\U0001F1F5 \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
    "\u2764\ufe0f heart with VS16, \u263a text smiley, keycap 1\ufe0f\u20e3",
    "\U0001F600\U0001F601\U0001F602\U0001F923\U0001F603",
    # --- control and invisible characters ---
    "null\u0000byte",
    "bell\u0007char and esc\u001b[0m",
    "zero\u200bwidth\u200bspace",
    "tab\tseparated\tvalues",
    "windows\r\nline\r\nendings",
    "soft\u00adhyphen and word\u2060joiner",
    "bom\ufeffinside and LRM\u200emark RLM\u200fmark",
    "del\u007fchar and c1\u0085nel\u0080pad",
    "line\u2028separator para\u2029separator",
    "replacement \ufffd char",
    "private use \ue000\uf8ff here",
    "nonchar \ufdd0 and \U0010fffe",
    # --- full-width forms and ligatures, other compatibility characters ---
    "\uff21\uff22\uff23\uff11\uff12\uff13",
    "\uff28\uff45\uff4c\uff4c\uff4f\uff0c\u3000\uff37\uff4f\uff52\uff4c\uff44\uff01",
    "\ufb01nance \ufb02ower \ufb00ort o\ufb03ce \ufb06",
    "\u2460\u2461\u2462 \u2160\u2161\u2162 \u00b2\u00b3 x\u2082 \u2122 \u3392",
    "\U0001d400\U0001d401\U0001d402 math bold, \u210c fraktur",
    # --- very long words ---
    "a" * 100,                                            # exactly 100 chars
    "b" * 101,                                            # 101 chars
    "x" + "ab" * 60,                                      # 121 chars, made of common pieces
    "pneumonoultramicroscopicsilicovolcanoconiosis" * 3,  # 135 chars
    "short " + "un" + "believable" * 11 + " tail",        # 112-char word between short ones
    "\u044f" * 100 + " " + "\u044f" * 101,                # 100 and 101 Cyrillic (200/202 bytes)
    "\u00e9" * 101,                                       # 101 precomposed é
    "e\u0301" * 60,                                       # 120 code points, 60 graphemes
    "\U00016a40" * 20 + " unmatched",                     # Mro letters: no wordpiece matches
    "\u13a0\u13a1\u13a2\u13a3\u13a4\u13a5 Cherokee",
    # --- mixed scripts ---
    "Caf\u00e9 \u6771\u4eac \u041c\u043e\u0441\u043a\u0432\u0430 \u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e \U0001F30D",
    "iPhone\u00ae\u62cd\u7167 Stra\u00dfe\u2122 \uc11c\uc6b8",
    "ABC\u0434\u0435\u0444 mixed\u4e2d\u6587words",
    "Hello\u00a0world with no-break space",
    "multiple     spaces   and\t\ttabs",
    "  leading and trailing  ",
    "punctuation!!!???...,,,;;;:::",
    "((([[[{{{nested}}}]]])))",
    "'single' \"double\" `back` \u00abguillemets\u00bb \u201elow\u201c \u300ccorner\u300d",
    "under_score __dunder__ a_b_c",
    "hashtags #NLP #MachineLearning and @mentions @user_123",
    "text with\nnewline inside",
    "O'Neill's rock'n'roll isn't ain't",
    "x86_64 i386 arm64 utf-8 ISO-8859-1",
    "UPPER lower MiXeD CaSe",
    "\u00e6\u00f8\u00e5 \u00c6\u00d8\u00c5 \u0153 \u0152 \u00fe \u00f0 \u0131 \u0130",
    "\u01c4 \u01c5 \u01c6 \u01f1 \u1e9e \u0149 \u1f88",             # title-case digraphs, special casing
    "\u00c5 vs A\u030a vs \u212b (Angstrom sign)",
    "\u2126 ohm vs \u03a9 omega, \u212a kelvin vs K",
]

# ---------------------------------------------------------------------------------------------
# 2. Generated English-like sentences (for word bigrams, TF-IDF df>1, and subword splits).
SUBJECTS = ["The tokenizer", "A small model", "Our pipeline", "The engineer", "This corpus",
            "Every document", "The vectorizer", "A new feature"]
VERBS = ["splits", "normalizes", "counts", "hashes", "processes", "ignores", "learns", "encodes"]
OBJECTS = ["long sentences", "unusual words", "Unicode text", "numbers like 3.14",
           "the vocabulary", "rare subwords", "URLs and e-mails", "accented caf\u00e9 names"]
TAILS = ["quickly.", "before lunch!", "in parallel;", "without errors?", "every morning.",
         "(mostly).", "again and again.", "as expected."]

GEN_EN = [
    f"{SUBJECTS[i % 8]} {VERBS[i // 8]} {OBJECTS[(i * 3 + i // 8) % 8]} {TAILS[(i * 5 + 3 * (i // 8)) % 8]}"
    for i in range(64)
]

# Multilingual short sentences, cycled with varying punctuation and casing.
PHRASES = [
    "Guten Morgen, sch\u00f6ne Stra\u00dfe",
    "Bonjour \u00e0 tous, \u00e7a va",
    "\u0414\u043e\u0431\u0440\u043e\u0435 \u0443\u0442\u0440\u043e, \u0434\u0440\u0443\u0437\u044c\u044f",
    "\u039a\u03b1\u03bb\u03cc \u03c0\u03c1\u03c9\u03af",
    "\u65e9\u4e0a\u597d\uff0c\u670b\u53cb\u4eec",
    "\u304a\u306f\u3088\u3046\u3054\u3056\u3044\u307e\u3059",
    "\uc88b\uc740 \uc544\uce68\uc785\ub2c8\ub2e4",
    "\u0e2d\u0e23\u0e38\u0e13\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e34\u0e4c",
    "\u0635\u0628\u0627\u062d \u0627\u0644\u062e\u064a\u0631",
    "Buenos d\u00edas, se\u00f1or",
    "Bom dia, cora\u00e7\u00e3o",
    "G\u00fcnayd\u0131n \u0130zmir",
]
DECOR = ["{}.", "{}!", "{}?", "\u00bb{}\u00ab", "{} \U0001F600", "{} 123", "{}\u2026", "{}, 1,000 times."]
GEN_ML = [
    (DECOR[(i + i // 12) % 8].format(PHRASES[i % 12]).upper() if i % 5 == 0
     else DECOR[(i + i // 12) % 8].format(PHRASES[i % 12]))
    for i in range(36)
]

TEXTS = HAND + GEN_EN + GEN_ML


def main() -> None:
    args = out_dir_arg(__doc__.splitlines()[0]).parse_args()
    assert len(set(TEXTS)) == len(TEXTS), "duplicate sample texts"
    write_jsonl(args.out / "sample.jsonl", ({"id": i, "text": t} for i, t in enumerate(TEXTS)))


if __name__ == "__main__":
    main()
