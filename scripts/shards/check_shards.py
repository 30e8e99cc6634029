#!/usr/bin/env python3
"""Reads a textmill token-shard dataset the way the trainers do, with numpy memmaps, and prints
what they would see as JSON: {"split": [[ids of document 1], ...]} for Megatron and datatrove
(their indexes give document boundaries), {"split": [all ids]} for llm.c and nanoGPT.

usage: check_shards.py FORMAT DIR

Each reader follows the trainer's own loading code:
  llmc      llm.c dev/data/data_common.py / train_gpt2.py: int32 header[256], magic 20240520
            (version 1, uint16) or 20240801 (version 7, uint32), header[2] tokens
  nanogpt   nanoGPT train.py: np.memmap(path, dtype=np.uint16, mode="r") (uint32 for large vocabularies)
  megatron  megatron/core/datasets/indexed_dataset.py _IndexReader: MMIDIDX header, version,
            dtype code, counts, then int32 lengths, int64 pointers, int64 document indices
  datatrove datatrove TokenizedFile / nanotron DatatroveFolderDataset: .ds tokens, .ds.index
            uint64 document ends, .ds.metadata "tokenizer|token_size"
"""
import glob
import json
import os
import struct
import sys

import numpy as np


def llmc(path):
    header = np.fromfile(path, dtype=np.int32, count=256)
    magic, version, count = int(header[0]), int(header[1]), int(header[2])
    if (magic, version) == (20240520, 1):
        dtype = np.uint16
    elif (magic, version) == (20240801, 7):
        dtype = np.uint32
    else:
        raise SystemExit(f"{path}: magic {magic} version {version}")
    tokens = np.memmap(path, dtype=dtype, mode="r", offset=256 * 4)
    assert len(tokens) == count, f"{path}: header says {count}, file holds {len(tokens)}"
    return tokens.tolist()


def nanogpt(path, dtype):
    return np.memmap(path, dtype=dtype, mode="r").tolist()


MEGATRON_DTYPES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32, 8: np.uint16}


def megatron(prefix):
    with open(prefix + ".idx", "rb") as f:
        assert f.read(9) == b"MMIDIDX\x00\x00", f"{prefix}.idx: bad header"
        (version,) = struct.unpack("<Q", f.read(8))
        assert version == 1
        (code,) = struct.unpack("<B", f.read(1))
        (sequences,) = struct.unpack("<Q", f.read(8))
        (documents,) = struct.unpack("<Q", f.read(8))
        offset = f.tell()
    buffer = memoryview(np.memmap(prefix + ".idx", mode="r", order="C"))
    lengths = np.frombuffer(buffer, dtype=np.int32, count=sequences, offset=offset)
    pointers = np.frombuffer(buffer, dtype=np.int64, count=sequences, offset=offset + lengths.nbytes)
    indices = np.frombuffer(buffer, dtype=np.int64, count=documents, offset=offset + lengths.nbytes + pointers.nbytes)
    assert offset + lengths.nbytes + pointers.nbytes + indices.nbytes == len(buffer), "bytes after the index"
    dtype = MEGATRON_DTYPES[code]
    data = memoryview(np.memmap(prefix + ".bin", mode="r", order="C"))
    out = []
    for d in range(documents - 1):
        doc = []
        for s in range(indices[d], indices[d + 1]):
            doc += np.frombuffer(data, dtype=dtype, count=int(lengths[s]), offset=int(pointers[s])).tolist()
        out.append(doc)
    return out


def datatrove(path):
    with open(path + ".metadata") as f:
        first = f.read().split("\n")[0]
    size = int(first.rsplit("|", 1)[1])
    tokens = np.memmap(path, dtype=np.uint16 if size == 2 else np.uint32, mode="r")
    ends = np.fromfile(path + ".index", dtype=np.uint64).tolist()
    assert (ends[-1] if ends else 0) == len(tokens)
    starts = [0] + ends[:-1]
    return [tokens[s:e].tolist() for s, e in zip(starts, ends)]


def main():
    fmt, directory = sys.argv[1], sys.argv[2]
    manifest = json.load(open(os.path.join(directory, "manifest.json")))
    wide = manifest["token_type"] != "uint16"
    result = {}
    for split in ("train", "val"):
        if fmt == "llmc":
            files = sorted(glob.glob(os.path.join(directory, f"{split}_*.bin")))
            parts = [llmc(p) for p in files]
            result[split] = [t for p in parts for t in p]
        elif fmt == "nanogpt":
            files = sorted(glob.glob(os.path.join(directory, f"{split}*.bin")))
            result[split] = [t for p in files for t in nanogpt(p, np.uint32 if wide else np.uint16)]
        elif fmt == "megatron":
            files = sorted(glob.glob(os.path.join(directory, f"{split}_*.idx")))
            result[split] = [doc for p in files for doc in megatron(p[:-4])]
        elif fmt == "datatrove":
            files = sorted(glob.glob(os.path.join(directory, f"{split}_*.ds")))
            result[split] = [doc for p in files for doc in datatrove(p)]
        else:
            raise SystemExit(f"unknown format {fmt}")
        if not files:
            del result[split]
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
