#!/usr/bin/env python3
"""Writes tfidf-vocab.tsv, tfidf-idf.jsonl and tfidf.jsonl (sklearn TfidfVectorizer outputs).

The corpus is the feature lists of sample.jsonl (the same lists as in hashing.jsonl).
See README.md for the formats. Needs the venv (scikit-learn).
"""
from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from common import features, load_sample, out_dir_arg, write_jsonl


def main() -> None:
    args = out_dir_arg(__doc__.splitlines()[0]).parse_args()
    sample = load_sample(args)
    ids = [d["id"] for d in sample]
    docs = [features(d["text"]) for d in sample]
    n_docs = len(docs)

    # --- vocabulary in textmill's order: count desc, then term by UTF-8 bytes ---------------
    count: Counter[str] = Counter()
    df: Counter[str] = Counter()
    for f in docs:
        count.update(f)
        df.update(set(f))
    for term in count:
        assert "\t" not in term and "\n" not in term and "\r" not in term, repr(term)
    terms = sorted(count, key=lambda t: (-count[t], t.encode("utf-8")))
    row_of = {t: i for i, t in enumerate(terms)}

    vocab_path = args.out / "tfidf-vocab.tsv"
    with open(vocab_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#textmill-vocab v1 docs={n_docs} fingerprint=parity\n")
        for t in terms:
            f.write(f"{t}\t{count[t]}\t{df[t]}\n")
    print(f"wrote {vocab_path} ({len(terms)} terms, {vocab_path.stat().st_size} bytes)")

    idf_rows = None
    out_rows = []
    for sublinear in (False, True):
        tv = TfidfVectorizer(analyzer=lambda d: d, smooth_idf=True, norm="l2", sublinear_tf=sublinear)
        # fit, then transform (not fit_transform): transform stores each row's columns in
        # sklearn's column order (terms sorted by code point), so its l2 sum runs in that
        # order; fit_transform would sum in first-appearance order instead (README.md).
        X = tv.fit(docs).transform(docs).tocsr()
        assert X.dtype == np.float64
        col_term = tv.get_feature_names_out()
        assert sorted(col_term.tolist()) == sorted(terms)

        idf = {t: float(tv.idf_[j]) for j, t in enumerate(col_term)}
        rows = [{"row": row_of[t], "term": t, "df": df[t], "idf": idf[t]} for t in terms]
        if idf_rows is None:
            idf_rows = rows
        assert rows == idf_rows  # idf does not depend on sublinear_tf

        for r, doc_id in enumerate(ids):
            start, end = X.indptr[r], X.indptr[r + 1]
            pairs = sorted((row_of[col_term[j]], float(v)) for j, v in zip(X.indices[start:end], X.data[start:end]))
            out_rows.append({"id": doc_id, "sublinear_tf": sublinear,
                             "indices": [p[0] for p in pairs], "values": [p[1] for p in pairs]})

    write_jsonl(args.out / "tfidf-idf.jsonl", idf_rows)
    write_jsonl(args.out / "tfidf.jsonl", out_rows)


if __name__ == "__main__":
    main()
