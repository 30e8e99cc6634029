#!/usr/bin/env python3
"""textmill side-by-side benchmark run (hyperfine), then bench/report.py.

Times, in ONE hyperfine invocation on --input:
  the C + ICU ceiling (1 process, and 2 copies on the two halves of the file),
  textmill run --preset icu-words (--workers 1, 2, 2 --unordered), chat, hashing,
  bert-wordpiece (--vocab bert-base-uncased), the Python multiprocessing.Pool + PyICU
  baseline with 1 and 2 processes, and HuggingFace tokenizers' encode_batch (2 threads);
then, separately, spaCy blank("en") on --slice (with the C ceiling's two copies on the
slice as reference), a textmill chunk-size sweep (--chunk-docs, --chunk-bytes) and a
scaling run over --workers 1..nproc (textmill and the C ceiling); these two without
warm-up runs (everything is warm by then).  Each command also gets
one extra run for its peak RSS (bench/peak_rss.py: /usr/bin/time -v plus /proc sampling).

textmill rows are skipped (and the report says so) when $TEXTMILL is missing or a
command fails on a 10-line probe.  Raw results go to --out; the report to --report.

Runs from the repository root (it changes there); paths below are relative to it.
Environment: TEXTMILL (default .build/release/textmill), BENCH_PYTHON (default
bench/.venv/bin/python), VOCAB (default bench/.cache/vocab/bert-base-uncased-vocab.txt).
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
CEILING = "bench/.cache/bin/icu_ceiling"


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def q(s):
    return shlex.quote(s)


def count_docs(path):
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


def machine_info():
    info = {"nproc": os.cpu_count()}
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                info["mem_gib"] = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                info["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    info["kernel"] = os.uname().release
    r = subprocess.run(["pkg-config", "--modversion", "icu-uc"], capture_output=True, text=True)
    info["icu"] = r.stdout.strip() or None
    return info


def hyperfine(cmds, export, runs, warmup, extra=()):
    """cmds: list of (name, shell command). Failures are recorded (exit codes), not fatal."""
    args = ["hyperfine", "--style", "basic", "--warmup", str(warmup), "--runs", str(runs),
            "--ignore-failure", "--export-json", export, *extra]
    for name, cmd in cmds:
        args += ["--command-name", name, cmd]
    log("hyperfine:", len(cmds), "commands,", runs, "runs +", warmup, "warm-up ->", os.path.relpath(export, ROOT))
    subprocess.run(args, check=True)


def peak_rss(name, cmd, rss_file):
    r = subprocess.run([sys.executable, "bench/peak_rss.py", "--name", name, "--append", rss_file, "--", cmd],
                       stdout=subprocess.PIPE, text=True)
    log("rss:", r.stdout.strip())


def probe(cmd_for, probe_in, tmpdir, label):
    """Run a textmill command on the probe input; returns None if it worked, else a reason."""
    out = os.path.join(tmpdir, "probe.out")
    cmd = cmd_for(probe_in, out)
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "timed out on the 10-line probe"
    if r.returncode != 0:
        lines = [ln.strip() for ln in (r.stderr or r.stdout).splitlines() if ln.strip()]
        errs = [ln for ln in lines if ln.lower().startswith(("error", "fatal"))] or lines
        return f"exit status {r.returncode} on the 10-line probe" + (f": {errs[0][:200]}" if errs else "")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", default="bench/.cache/corpus/corpus-100mb.jsonl")
    ap.add_argument("--slice", default="bench/.cache/corpus/corpus-10mb.jsonl", help="input for spaCy")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    ap.add_argument("--warmup", type=int, default=int(os.environ.get("BENCH_WARMUP", 1)))
    ap.add_argument("--workers", type=int, default=2, help="workers/processes/threads of the parallel rows")
    ap.add_argument("--out", default="bench/.cache/results/full", help="raw results directory")
    ap.add_argument("--report", default="BENCHMARKS.md", help="markdown report to write")
    ap.add_argument("--plot", default="bench/workers.png", help="throughput-vs-workers PNG to write")
    ap.add_argument("--no-sweep", action="store_true")
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-rss", action="store_true")
    a = ap.parse_args()
    os.chdir(ROOT)

    textmill = os.environ.get("TEXTMILL", ".build/release/textmill")
    py = os.environ.get("BENCH_PYTHON", "bench/.venv/bin/python")
    vocab = os.environ.get("VOCAB", "bench/.cache/vocab/bert-base-uncased-vocab.txt")
    W = a.workers
    nproc = os.cpu_count() or 1

    for tool in ("hyperfine", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (make bench-deps)")
    for path, what in ((a.input, "input"), (CEILING, "C ceiling"), (py, "Python venv"), (vocab, "vocabulary")):
        if not os.path.exists(path):
            sys.exit(f"bench: {what} {path} is missing (make bench-deps bench-corpus)")
    if not a.no_spacy and not os.path.exists(a.slice):
        sys.exit(f"bench: slice {a.slice} is missing (make bench-corpus)")

    out = a.out
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    rss_file = os.path.join(out, "rss.jsonl")
    inp = a.input

    # page cache
    for p in (inp, a.slice):
        if os.path.exists(p):
            with open(p, "rb") as fh:
                while fh.read(1 << 24):
                    pass

    # ---------------------------------------------------------------- textmill probe
    probe_in = os.path.join(out, "probe.jsonl")
    with open(inp, "rb") as fi, open(probe_in, "wb") as fo:
        for _, line in zip(range(10), fi):
            fo.write(line)

    def tm(extra):
        return lambda i, o: f"{q(textmill)} run {extra} {q(i)} -o {q(o)} --quiet"

    tm_rows = [
        ("textmill icu-words w1", tm("--preset icu-words --workers 1")),
        (f"textmill icu-words w{W}", tm(f"--preset icu-words --workers {W}")),
        (f"textmill icu-words w{W} unordered", tm(f"--preset icu-words --workers {W} --unordered")),
        (f"textmill chat w{W}", tm(f"--preset chat --workers {W}")),
        (f"textmill hashing w{W}", tm(f"--preset hashing --workers {W}")),
        (f"textmill bert-wordpiece w{W}", tm(f"--preset bert-wordpiece --vocab {q(vocab)} --workers {W}")),
    ]
    skipped = []
    tm_ok = []
    textmill_version = None
    if not (os.path.isfile(textmill) and os.access(textmill, os.X_OK)):
        skipped.append({"rows": "all textmill rows", "reason": f"{textmill} not found (build it with `make release`)"})
    else:
        try:
            textmill_version = subprocess.run([textmill, "--version"], capture_output=True, text=True,
                                              timeout=30).stdout.strip() or None
        except Exception:
            pass
        for name, f in tm_rows:
            why = probe(f, probe_in, out, name)
            if why:
                skipped.append({"rows": name, "reason": why})
                log("skip:", name, "-", why)
            else:
                tm_ok.append((name, f))

    # do textmill icu-words' tokens agree with the C ceiling's on the probe? (informational;
    # textmill may write more fields, so (id, tokens) pairs are compared)
    agree = None
    if any(n == "textmill icu-words w1" for n, _ in tm_ok):
        ref = subprocess.run([CEILING, probe_in], capture_output=True).stdout
        o = os.path.join(out, "probe.textmill.jsonl")
        subprocess.run(tm("--preset icu-words --workers 1")(probe_in, o), shell=True)
        try:
            def pairs(data):
                return [(d.get("id"), d.get("tokens")) for d in map(json.loads, data.splitlines()) if d]
            agree = pairs(open(o, "rb").read()) == pairs(ref)
        except (OSError, ValueError, AttributeError):
            agree = None

    # the two ICU baselines must agree: C ceiling vs PyICU pool on the first 2,000 lines
    sample = os.path.join(out, "sample2000.jsonl")
    with open(inp, "rb") as fi, open(sample, "wb") as fo:
        for _, line in zip(range(2000), fi):
            fo.write(line)
    c_out = subprocess.run([CEILING, sample], capture_output=True).stdout
    p_out = subprocess.run([py, "bench/py/pyicu_pool.py", "-j", str(W), sample], capture_output=True).stdout
    c_vs_pyicu = c_out == p_out and len(c_out) > 0
    log("C ceiling vs PyICU pool on 2,000 lines:", "identical" if c_vs_pyicu else "DIFFERENT")

    # ------------------------------------------------------------------ main run
    rayon = f"env RAYON_NUM_THREADS={W} "
    main_cmds = [
        ("C ceiling 1 process", f"{CEILING} {q(inp)} > /dev/null"),
        (f"C ceiling {W} copies", f"{CEILING} -j {W} {q(inp)} > /dev/null"),
    ]
    main_cmds += [(n, f(inp, "/dev/null")) for n, f in tm_ok]
    main_cmds += [
        ("PyICU pool 1 process", f"{py} bench/py/pyicu_pool.py -j 1 {q(inp)} > /dev/null"),
        (f"PyICU pool {W} processes", f"{py} bench/py/pyicu_pool.py -j {W} {q(inp)} > /dev/null"),
        (f"HF tokenizers encode_batch {W} threads",
         f"{rayon}{py} bench/py/hf_wordpiece.py --vocab {q(vocab)} {q(inp)} > /dev/null"),
    ]
    t0 = time.time()
    hyperfine(main_cmds, os.path.join(out, "main.json"), a.runs, a.warmup)
    if not a.no_rss:
        for name, cmd in main_cmds:
            peak_rss(name, cmd, rss_file)

    spacy_cmds = []
    if not a.no_spacy:
        spacy_cmds = [
            (f"C ceiling {W} copies (slice)", f"{CEILING} -j {W} {q(a.slice)} > /dev/null"),
            ("spaCy blank(en) nlp.pipe (slice)", f"{py} bench/py/spacy_blank.py {q(a.slice)} > /dev/null"),
        ]
        hyperfine(spacy_cmds, os.path.join(out, "spacy.json"), a.runs, a.warmup)
        if not a.no_rss:
            peak_rss(spacy_cmds[1][0], spacy_cmds[1][1], rss_file)

    # ------------------------------------------------------------------ sweep
    sweep_cmds = []
    if not a.no_sweep and any(n == f"textmill icu-words w{W}" for n, _ in tm_ok):
        base = f"--preset icu-words --workers {W}"
        cands = [(f"--chunk-docs {n}", f"{base} --chunk-docs {n}") for n in (64, 256, 1024, 4096)]
        for label, nbytes in (("256KiB", 256 << 10), ("1MiB", 1 << 20), ("4MiB", 4 << 20)):
            # textmill may take a size with a unit or a plain byte count
            for form in (label, str(nbytes)):
                f = tm(f"{base} --chunk-bytes {form}")
                why = probe(f, probe_in, out, form)
                if not why:
                    cands.append((f"--chunk-bytes {form}", f"{base} --chunk-bytes {form}"))
                    break
            else:
                skipped.append({"rows": f"sweep --chunk-bytes {label}", "reason": why})
        for label, extra in cands:
            f = tm(extra)
            if label.startswith("--chunk-docs"):
                why = probe(f, probe_in, out, label)
                if why:
                    skipped.append({"rows": f"sweep {label}", "reason": why})
                    continue
            sweep_cmds.append((f"icu-words w{W} {label}", f(inp, "/dev/null")))
        if sweep_cmds:
            # input and binary are warm by now: no warm-up runs for the sweep and scaling
            hyperfine(sweep_cmds, os.path.join(out, "sweep.json"), a.runs, 0)
    elif not a.no_sweep:
        skipped.append({"rows": "chunk-size sweep", "reason": "textmill icu-words is not available"})

    # ------------------------------------------------------------------ scaling
    scaling_cmds = []
    if not a.no_scaling:
        for w in range(1, nproc + 1):
            if any(n == "textmill icu-words w1" for n, _ in tm_ok):
                scaling_cmds.append((f"textmill icu-words w{w}", tm(f"--preset icu-words --workers {w}")(inp, "/dev/null")))
            scaling_cmds.append((f"C ceiling {w} cop{'y' if w == 1 else 'ies'}", f"{CEILING} -j {w} {q(inp)} > /dev/null"))
        hyperfine(scaling_cmds, os.path.join(out, "scaling.json"), a.runs, 0)
    log(f"measurements took {time.time() - t0:.0f} s")

    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "input": inp, "input_bytes": os.path.getsize(inp), "input_docs": count_docs(inp),
        "slice": a.slice if spacy_cmds else None,
        "slice_bytes": os.path.getsize(a.slice) if spacy_cmds else None,
        "slice_docs": count_docs(a.slice) if spacy_cmds else None,
        "runs": a.runs, "warmup": a.warmup, "workers": W,
        "textmill": textmill, "textmill_version": textmill_version,
        "textmill_probe_matches_c": agree,
        "c_matches_pyicu_2000": c_vs_pyicu,
        "skipped": skipped,
        "commands": {"main": main_cmds, "spacy": spacy_cmds, "sweep": sweep_cmds, "scaling": scaling_cmds},
        "machine": machine_info(),
        "python_packages": json.loads(subprocess.run(
            [py, "-c", "import importlib.metadata as m, sys, json; print(json.dumps({p: m.version(p) for p in "
                       "('PyICU', 'tokenizers', 'spacy', 'orjson')} | {'python': sys.version.split()[0]}))"],
            capture_output=True, text=True).stdout or "{}"),
        "hyperfine": subprocess.run(["hyperfine", "--version"], capture_output=True, text=True).stdout.strip(),
        "c_compiler": subprocess.run(["cc", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
    }
    manifest = os.path.join(os.path.dirname(inp), "manifest.json")
    if os.path.exists(manifest):
        meta["corpus_manifest"] = json.load(open(manifest))
    with open(os.path.join(out, "meta.json"), "w") as fh:
        json.dump(meta, fh, indent=2, ensure_ascii=False)

    subprocess.run([py, "bench/report.py", "--results", out, "--report", a.report, "--plot", a.plot], check=True)


if __name__ == "__main__":
    main()
