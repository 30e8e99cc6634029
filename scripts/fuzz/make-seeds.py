#!/usr/bin/env python3
"""Writes the small seed corpora of the fuzz targets (Tests/Fixtures/fuzz/corpus/<target>/).

Each seed starts with the option bytes its target reads first (see the target's doc comment in
Sources/TextmillFuzzTargets), then the bytes it parses. Run from the package root; rerunning
rewrites the same files (names are fixed), so `git diff` shows any change.
"""
import gzip, io, json, os, struct

ROOT = "Tests/Fixtures/fuzz/corpus"

def write_seed(path, data):
    """Binary inputs (a NUL byte, or not UTF-8) are kept in git as `NAME.hex` (hex digits, 64 per
    line) and decoded by CorpusReplayTests and scripts/fuzz/run.sh: git holds text only."""
    try:
        binary = b"\0" in data or data.decode("utf-8") is None
    except UnicodeDecodeError:
        binary = True
    if binary:
        text = data.hex()
        with open(path + ".hex", "w") as f:
            f.write("\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n")
    else:
        with open(path, "wb") as f:
            f.write(data)

def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    write_seed(os.path.join(d, name), data)

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

def regress(target, name, data):
    """An input that broke a property before its fix (kept in regressions/, replayed by make test)."""
    d = os.path.join("Tests/Fixtures/fuzz/regressions", target)
    os.makedirs(d, exist_ok=True)
    write_seed(os.path.join(d, name), data)

# shards: mode byte (bits 0-1 layout llmc/nanogpt/megatron/datatrove, bit 2 round trip, bits 3-4 token
# type, bit 5 patch the magic, bit 6 detect the layout), then files (raw) or documents (round trip).
def le(n, width): return n.to_bytes(width, "little")
def shard_tokens(ids, width): return b"".join(le(i, width) for i in ids)
def llmc(ids, width):
    magic, version = (20240520, 1) if width == 2 else (20240801, 7)
    return le(magic, 4) + le(version, 4) + le(len(ids), 4) + bytes(1012) + shard_tokens(ids, width)
def megatron(docs, code, width):
    seqs = [s for d in docs for s in d]
    idx = b"MMIDIDX\x00\x00" + le(1, 8) + bytes([code]) + le(len(seqs), 8) + le(len(docs) + 1, 8)
    idx += b"".join(le(len(s), 4) for s in seqs)
    pointer = 0
    for s in seqs:
        idx += le(pointer, 8); pointer += len(s) * width
    n = 0; idx += le(0, 8)
    for d in docs:
        n += len(d); idx += le(n, 8)
    return idx, shard_tokens([t for s in seqs for t in s], width)
def datatrove(docs, width):
    ends, n = b"", 0
    for d in docs:
        n += len(d); ends += le(n, 8)
    return f"gpt2|{width}\n{n}\n{n}T".encode(), ends, shard_tokens([t for d in docs for t in d], width)
ids = [50256, 15496, 11, 995, 0, 65535, 1]
put("shards", "raw-llmc-u16", bytes([0]) + llmc(ids, 2))
put("shards", "raw-llmc-u32", bytes([8]) + llmc(ids + [100000], 4))
put("shards", "raw-llmc-count-too-big", bytes([0]) + llmc(ids, 2)[:8] + le(1000, 4) + llmc(ids, 2)[12:])
put("shards", "raw-nanogpt-u16-detect", bytes([0x41]) + shard_tokens(ids, 2))
put("shards", "raw-nanogpt-odd", bytes([1]) + b"\x01\x02\x03")
for name, docs, code, width, mode in [("u16", [[[1, 2, 3]], [[4], [5, 6]], [[]]], 8, 2, 2), ("i32", [[[70000, 2]], [[3]]], 4, 4, 2 | 8)]:
    idx, binary = megatron(docs, code, width)
    put("shards", f"raw-megatron-{name}", bytes([mode]) + le(len(idx), 2)[::-1] + idx + binary)
idx, binary = megatron([[[1, 2]], [[3]]], 8, 2)
bad_docs = idx[:-16] + le(5, 8) + le(2, 8)
regress("shards", "megatron-document-index-past-the-end", bytes([2]) + le(len(bad_docs), 2)[::-1] + bad_docs + binary)
# Lengths -1 and 3 with pointers 0 and -2: consistent with a 4-byte .bin, but a document ends at token -1.
neg = idx[:34] + le(2**32 - 1, 4) + le(3, 4) + le(0, 8) + le(2**64 - 2, 8) + idx[34 + 24:]
regress("shards", "megatron-negative-length", bytes([2]) + le(len(neg), 2)[::-1] + neg + shard_tokens([7, 8], 2))
meta, ends, ds = datatrove([[1, 2, 3], [], [4, 5]], 2)
put("shards", "raw-datatrove-u16", bytes([3, len(meta)]) + le(len(ends), 2)[::-1] + meta + ends + ds)
meta, ends, ds = datatrove([[1, 2], [3]], 2)
regress("shards", "datatrove-decreasing-ends", bytes([3, len(meta)]) + le(24, 2)[::-1] + meta + le(3, 8) + le(1, 8) + le(3, 8) + ds[:6])
regress("shards", "datatrove-huge-end", bytes([3, len(meta)]) + le(8, 2)[::-1] + meta + le(2**63 + 5, 8) + ds)
huge = b"MMIDIDX\x00\x00" + le(1, 8) + bytes([8]) + le(2**62, 8) + le(3, 8)
regress("shards", "megatron-sequence-count-beyond-the-index", bytes([2]) + le(len(huge), 2)[::-1] + huge)
for layout in range(4):
    # Round trip: count byte (% 16), ids (2 or 4 bytes), Megatron also a cut-count byte and cut bytes.
    docs = bytes([3, 1, 0, 2, 0, 255, 255]) + bytes([0]) + bytes([2, 9, 0, 10, 0])
    if layout == 2:
        docs = bytes([3, 1, 0, 2, 0, 255, 255, 2, 1, 2]) + bytes([0, 0]) + bytes([2, 9, 0, 10, 0, 1, 1])
    put("shards", f"roundtrip-{layout}-u16", bytes([4 | layout]) + docs)
    put("shards", f"roundtrip-{layout}-wide", bytes([4 | 8 | layout]) + bytes([2, 1, 0, 0, 0, 255, 255, 255, 255, 1, 7, 7, 7, 7]))

# db-rows: options byte (bits 0-4 typed columns text/tokens/ids/token_count/sentence_count, bits 5-6
# error records none/all/every other, bit 7 SQLite too), run-key length byte (% 16), run key, JSONL.
rows = (b'{"id":"doc-1","text":"Hello\\tworld\\n","tokens":["hello","world"],"sentences":[[0,5]]}\n'
        b'{"id":2,"error":{"code":"missing_text","message":"no \\"text\\" field"}}\n'
        b'{"id":"back\\\\slash \\u0000 nul","text":"caf\xc3\xa9 \\ud83d\\ude00","tokens":["a,b","{c}","\\"q\\"","NULL",""],"ids":[1,-2,9007199254740993]}\n'
        b'{"text":"x","ids":[1,2.5],"tokens":"not an array"}\n'
        b'{"id":true,"text":null,"ids":[99999999999999999999]}\n')
put("db-rows", "seed-all-columns", bytes([31, 3]) + b"k\t1" + rows)
put("db-rows", "seed-sqlite", bytes([0x80 | 31 | 0x40, 4]) + b"\\.\r\n" + rows)
put("db-rows", "seed-errors", bytes([0x20 | 3, 0]) + rows)
put("db-rows", "seed-not-json", bytes([0x80 | 1, 1]) + b"q" + b'{"id":1}\nnot json\n{"id":"\\ud800"}')
put("db-rows", "seed-duplicate-keys", bytes([0x80 | 0x20 | 5, 2]) + b'"x' + b'{"id":"a","id":"b","error":{"code":"c1","code":"c2"},"text":"t1","text":"t2"}\n')
put("db-rows", "seed-empty", bytes([0, 0]))
regress("db-rows", "ids-element-outside-bigint", bytes([4, 0]) + b'{"ids":[1,99999999999999999999]}\n')
regress("db-rows", "error-code-duplicate-key", bytes([0x20, 0]) + b'{"error":{"code":"c1","code":"c2"}}\n')
regress("db-rows", "unpaired-surrogate-escapes", bytes([0, 0]) + b'{"id":"\\ud800","t":"\\udc00 \\ud83d\\ude00"}\n')
