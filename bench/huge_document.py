#!/usr/bin/env python3
"""A JSONL file with one huge document among small ones, for the coordinator's memory on it.

  python3 bench/huge_document.py MEGABYTES OUT [SOURCE]

Writes the first 1,000 lines of SOURCE (default bench/.cache/corpus/corpus-10mb.jsonl), then one
document {"id": "huge", "text": ...} whose text is "The quick brown fox jumps over the lazy dog. "
and its Chinese translation repeated to MEGABYTES * 10^6 bytes of UTF-8, then the next 1,000
lines. BENCHMARKS.md, "One huge document", measures `textmill run` on it with bench/peak_rss.py.
Standard library only.
"""
import json
import sys


def main():
    megabytes, out = float(sys.argv[1]), sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else 'bench/.cache/corpus/corpus-10mb.jsonl'
    with open(source, 'rb') as f:
        small = [line for _, line in zip(range(2000), f)]
    unit = 'The quick brown fox jumps over the lazy dog. 敏捷的棕色狐狸跳过了懒狗。 '.encode()
    size = int(megabytes * 1_000_000)
    text = (unit * (size // len(unit) + 1))[:size].decode('utf-8', 'ignore')
    with open(out, 'wb') as f:
        f.writelines(small[:1000])
        f.write(json.dumps({'id': 'huge', 'text': text}, ensure_ascii=False).encode() + b'\n')
        f.writelines(small[1000:])


if __name__ == '__main__':
    main()
