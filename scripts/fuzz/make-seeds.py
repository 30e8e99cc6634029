#!/usr/bin/env python3
"""Writes the small seed corpora of the fuzz targets (Tests/Fixtures/fuzz/corpus/<target>/).

Each seed starts with the option bytes its target reads first (see the target's doc comment in
Sources/TextmillFuzzTargets), then the bytes it parses. Run from the package root; rerunning
rewrites the same files (names are fixed), so `git diff` shows any change.
"""
import gzip, io, json, os, struct

ROOT = "Tests/Fixtures/fuzz/corpus"

def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

# json: no option bytes.
for i, t in enumerate([
    '{"id": 1, "text": "Hello, world."}', '[1, -2.5e+3, true, false, null, "x"]',
    '{"a": {"b": [{}, [], ""]}}', '"\\u00e9\\ud83d\\ude00\\ud800 \\n\\t\\"\\\\\\/"', '"caf\xc3\xa9 \xff\xfe\xed\xa0\x80"',
    '{"text": "tab\there"}', '0', '-0.0E-0', '[' * 20 + ']' * 20, '{"a":1,}', '01', '"\\x"', '  {"k" : "v" }  ',
]):
    put("json", f"seed-{i:02d}", t.encode("latin-1") if "\xc3" in t else t)

# utf8: raw bytes.
for i, b in enumerate([b"plain ascii", "Grüße, 世界, 😀".encode(), b"\xc0\xaf\xe0\x80\xbf\xed\xa0\x80\xf4\x90\x80\x80",
                       b"\xef\xbf\xbd literal", b"\xf0\x9f\x98", b"\xe2\x82"]):
    put("utf8", f"seed-{i:02d}", b)

lines = b'{"id": 1, "text": "first"}\n{"id": 2, "text": "second"}\r\n\n{"broken\n   \n{"id": 3}'
# jsonl: max-doc-bytes byte, then the file.
put("jsonl", "seed-00", bytes([200]) + lines)
put("jsonl", "seed-01", bytes([10]) + b"\xef\xbb\xbf" + lines)
put("jsonl", "seed-02", bytes([255]) + b'{"text": "no final newline"}')

text = b"First line.\nSecond line\r\n\n\n  \nParagraph two\nstill two\n\nthree"
# text: split byte (0 lines, 1 paragraphs, 2 file), max-doc-bytes byte, then the file.
for split in range(3):
    put("text", f"seed-{split}0", bytes([split, 200]) + text)
    put("text", f"seed-{split}1", bytes([split, 12]) + b"\xef\xbb\xbf" + text)
put("text", "seed-30", bytes([0, 100]) + b"nul\x00inside")

# csv/tsv: mode byte (even: round trip of 0x00-separated rows of 0x01-separated fields; odd: raw file).
put("csv", "seed-00", bytes([4]) + b"hello\x01id1\x01x\x00with, comma\x01id2\x01\"quoted\"\x00multi\nline\x01\x01")
put("csv", "seed-01", bytes([0x81]) + b"")
put("csv", "seed-02", bytes([1, 200]) + b'id,text,extra\n1,"Hello, ""world""",a\n2,plain,b\r\n3,"multi\nline",c\n4,bad"quote,d\n5,"open\n')
put("csv", "seed-03", bytes([1, 8]) + b"text,n\nshort,1\na much longer text,2\n")
put("tsv", "seed-00", bytes([2]) + b"hello\x01id1\x00tab\there\x01id2")
put("tsv", "seed-01", bytes([1, 200]) + b'id\ttext\n1\tHello\n2\t"quoted\ttab"\n3\ttoo\tmany\n')

xml = b'<?xml version="1.0"?>\n<root><doc id="a"><title>T</title><p>Hello &amp; <b>bold</b> world</p></doc>' \
      b'<doc id="b"><![CDATA[raw <text>]]></doc><item><title>I</title>caf\xc3\xa9 &#x1F600;</item></root>'
# xml/html: selection byte (0 none, 1 //doc @id, 2 //p|//item title), limit byte (16 << n), then the file.
for sel in range(3):
    put("xml", f"seed-{sel}", bytes([sel, 8]) + xml)
put("xml", "seed-3", bytes([0, 8]) + b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;&b;</r>')
put("xml", "seed-4", bytes([1, 0]) + b"<root><doc>unclosed")
html = b"<!doctype html><html><head><title>Title</title><script>var x=1;</script></head><body>" \
       b"<article id=\"one\"><h2>Head</h2><p>Para &nbsp;one &eacute;</p></article><p>tag <i>soup<p>more</body></html>"
for sel in range(3):
    put("html", f"seed-{sel}", bytes([sel, 8]) + html)
put("html", "seed-3", bytes([0, 1]) + b"<p>\xff\xfe broken \x00 bytes")

# gzip: mode byte (odd: raw stream after the magic; even: round trip with block-size byte, 2 cut bytes, JSONL).
put("gzip", "seed-00", bytes([0, 4, 0, 0]) + lines)
put("gzip", "seed-01", bytes([0, 0, 0, 40]) + lines)
put("gzip", "seed-02", bytes([2, 1, 0, 12]) + b"")
real = gzip.compress(lines, mtime=0)
put("gzip", "seed-03", bytes([1]) + real[2:])
put("gzip", "seed-04", bytes([1]) + real[2:len(real) // 2])
put("gzip", "seed-05", bytes([1]) + (gzip.compress(b"a\n", mtime=0) + gzip.compress(b"b\n", mtime=0))[2:])

# frame: piece-size byte, then frames: "TM", kind, 0, u32 length, payload.
def frame(kind, payload):
    return b"TM" + bytes([kind, 0]) + struct.pack("<I", len(payload)) + payload
def u32(n): return struct.pack("<I", n)
def u64(n): return struct.pack("<Q", n)
def blob(b): return u32(len(b)) + b
chunk = u64(7) + u32(1) + blob(b"in.jsonl") + u32(3) \
    + u64(0) + u32(0) + u64(1) + b"\x00" + blob(b'{"text":"x"}') \
    + u64(1) + u32(0) + u64(2) + b"\x01" + blob(b'"id-2"') + blob(b"extracted") + u32(1) + blob(b"k") + blob(b'"v"') \
    + u64(2) + u32(0) + u64(3) + b"\x02" + blob(b"invalid_json") + blob(b"bad line")
result = u64(7) + u32(2) + u64(0) + u32(1) + u32(2) + b'{"id":1}\n{"id":2}\n{"id":3,"error":{}}\n'
put("frame", "seed-00", bytes([0]) + frame(1, b"{}") + frame(3, chunk) + frame(4, result) + frame(6, b""))
put("frame", "seed-01", bytes([6]) + frame(2, b"") + frame(3, chunk)[:30])
put("frame", "seed-02", bytes([255]) + frame(4, result) + b"XX\x04\x00\x00\x00\x00\x00")

# line: limit byte (1..64), read-size byte (1..64), then what a client sends.
rpc = b'{"jsonrpc":"2.0","id":1,"method":"process","params":{"text":"Hello"}}\r\n'
put("line", "seed-00", bytes([63, 7]) + rpc + b"\n\nshort\nthis line is far too long for a limit of sixty-four bytes, really it is\nend")
put("line", "seed-01", bytes([3, 0]) + b"abc\r\nabcd\r\nab\r\rx\nabc\r")

# rpc: a request line.
for i, r in enumerate([
    '{"jsonrpc":"2.0","id":1,"method":"process","params":{"text":"Hello, world","id":"x"}}',
    '{"jsonrpc":"2.0","id":"a","method":"process","params":{"texts":["one", {"text":"two","id":2}, "thr\\u00e9e"]}}',
    '{"jsonrpc":"2.0","id":null,"method":"ping"}', '{"jsonrpc":"2.0","method":"stats"}',
    '{"jsonrpc":"2.0","id":2.5e3,"method":"initialize","params":{}}', '[{"jsonrpc":"2.0"}]',
    '{"jsonrpc":"2.0","id":3,"method":"process","params":{"texts":[1]}}', '{"jsonrpc":"1.0","id":4,"method":"ping"}',
    '{"jsonrpc":"2.0","id":5,"method":"nope"}', '{"jsonrpc":"2.0","id":{},"method":"ping"}', 'not json',
    '{"jsonrpc":"2.0","id":6,"method":"process","params": { "text" : "spaced\\"quote" , "k":[1,{"a":"]"}]} }',
]):
    put("rpc", f"seed-{i:02d}", r)

# config: a pipeline config (read as if it were models/fuzzed-config.json).
for name in ["chat", "icu-words", "hashing", "bert-wordpiece"]:
    with open(f"models/{name}.json", "rb") as f:
        put("config", f"preset-{name}", f.read())
put("config", "seed-stopwords", json.dumps({"version": 1, "stages": [
    {"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"}, {"type": "stopwords", "languages": ["en", "de"]}],
    "output": {"fields": ["id", "tokens"]}}))
put("config", "seed-bad", '{"version": 2, "stages": []}')
put("config", "seed-unknown", '{"version": 1, "stages": [{"type": "words", "bogus": 1}]}')

# vocab: kind byte (0 term vocabulary, 1 WordPiece vocab.txt, 2 partial counts), then the file.
put("vocab", "seed-0", "\x00#textmill-vocab v1 docs=5 fingerprint=abc min_count=1\nthe\t9\t5\ncat\t3\t2\nnaïve\t1\t1\n")
put("vocab", "seed-1", b"\x00#textmill-vocab v1 docs=1\nx\t1\t2\n")
put("vocab", "seed-2", b"\x01[PAD]\n[UNK]\nthe\n##s\ncat  \n\xc3\xa9\ne\xcc\x81\nthe\n")
put("vocab", "seed-3", b"\x02#textmill-partial v1 docs=3 skipped_terms=1\n!{\"id\":2,\"error\":{}}\na\t2\t1\nb\t1\t1\n")

# record: preset/mode byte (choice % 3: chat, icu-words, bert-wordpiece; bit 7 set: raw JSONL lines), then lines.
docs = "Hello, World! Straße café 😀 #tag @you http://x.io\nДобрый день. 世界你好。\n\n\x01ctl".encode() + b"\xff\xfe bad"
for choice in range(3):
    put("record", f"seed-{choice}", bytes([choice]) + docs)
put("record", "seed-raw", bytes([0x80]) + b'{"id":1,"text":"ok"}\n{"id":2}\nnot json\n{"id":[1],"text":"\\ud800x"}\n{"text":5}')

# tokenizer-json: small HF tokenizer.json files from the parity components (each a few KB).
import glob as _glob, base64 as _b64
for p in sorted(_glob.glob("Tests/Fixtures/parity/tokenizers/components/*.json"))[:12]:
    with open(p, "rb") as f:
        data = f.read()
    if len(data) <= 16 << 10:
        put("tokenizer-json", "seed-" + os.path.basename(p)[:-5], data)
put("tokenizer-json", "seed-broken", '{"version":"1.0","model":{"type":"BPE","vocab":{"a":0},"merges":["a b"]}}')

# tiktoken: rank files (base64 token, space, rank per line), read with the cl100k pattern.
def ranks(tokens):
    return b"".join(_b64.b64encode(t) + b" " + str(i).encode() + b"\n" for i, t in enumerate(tokens))
single = [bytes([b]) for b in range(256)]
put("tiktoken", "seed-bytes", ranks(single))
put("tiktoken", "seed-merges", ranks(single + [b"he", b"ll", b"hell", b"hello", b" w", b"or", b"ld", b"!!"]))
put("tiktoken", "seed-ascii-only", ranks([bytes([b]) for b in range(128)] + [b"Hello"]))
put("tiktoken", "seed-bad", b"aGVsbG8= 0\nnot base64 x\n")
