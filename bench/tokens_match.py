#!/usr/bin/env python3
"""Are textmill icu-words' tokens the C ceiling's, document by document, on a whole corpus?

Issue 15 asks for icu-words' tokens to be identical to `bench/c/icu_ceiling.c`'s on the whole
bench corpus, not only on a probe. Both programs run on INPUT (textmill with --workers W, so the
pool's chunking and ordering are part of what is checked), then their outputs are read side by
side, line by line: the line counts, each line's `id` and its `tokens` must be equal (textmill
writes more fields, such as `offsets`; they are not compared). Exit status 0 when everything
matches, 1 otherwise, with the first differences printed.

  python3 bench/tokens_match.py [--textmill BIN] [--ceiling BIN] [--workers 2] INPUT

Run from the repository root after `make release bench-ceiling bench-corpus`. Python standard
library only; the two outputs (about 2.5 times the input) go to a temporary directory.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('input')
    ap.add_argument('--textmill', default='.build/release/textmill')
    ap.add_argument('--ceiling', default='bench/.cache/bin/icu_ceiling')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--show', type=int, default=5, help='differences to print')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        c_out = os.path.join(tmp, 'ceiling.jsonl')
        t_out = os.path.join(tmp, 'textmill.jsonl')
        subprocess.run([a.ceiling, '-o', c_out, a.input], check=True)
        subprocess.run([a.textmill, 'run', '--preset', 'icu-words', '--workers', str(a.workers), a.input,
                        '-o', t_out, '--quiet'], check=True)
        documents, differences = 0, 0
        with open(c_out, 'rb') as c, open(t_out, 'rb') as t:
            while True:
                c_line, t_line = c.readline(), t.readline()
                if not c_line and not t_line:
                    break
                documents += 1
                if not c_line or not t_line:
                    which = 'the C ceiling' if not c_line else 'textmill'
                    print(f'line {documents}: {which} has no more lines')
                    differences += 1
                    break
                c_doc, t_doc = json.loads(c_line), json.loads(t_line)
                if c_doc.get('id') != t_doc.get('id') or c_doc.get('tokens') != t_doc.get('tokens'):
                    differences += 1
                    if differences <= a.show:
                        print(f'line {documents}: id {c_doc.get("id")!r} / {t_doc.get("id")!r}')
                        print(f'  C:        {c_doc.get("tokens")}')
                        print(f'  textmill: {t_doc.get("tokens")}')
    status = 'identical' if differences == 0 else f'{differences:,} differ'
    print(f'{a.input}: {documents:,} documents, (id, tokens) {status} '
          f'(textmill --workers {a.workers} against {os.path.basename(a.ceiling)})')
    sys.exit(0 if differences == 0 else 1)


if __name__ == '__main__':
    main()
