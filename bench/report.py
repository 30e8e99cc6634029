#!/usr/bin/env python3
"""Turn a bench/run.py results directory into BENCHMARKS.md (+ a throughput-vs-workers PNG).

Reads RESULTS/meta.json, main.json, rss.jsonl and, when present, spacy.json, sweep.json,
scaling.json (hyperfine --export-json files).  Ratios are throughput ratios
(= wall-time ratios) against the C ceiling's two copies measured in the same hyperfine
invocation.  The plot uses matplotlib when importable, else gnuplot, else is skipped.

usage: report.py --results DIR [--report BENCHMARKS.md] [--plot bench/workers.png]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

MIB = 1024  # KiB per MiB
TARGET_VS_C = 0.90
TARGET_VS_PY = 4.6
TARGET_BERT_VS_HF = 5.0
TARGET_COORD_RSS_MIB = 64


def load(path, default=None):
    try:
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return default


def results(path):
    d = load(path)
    if not d:
        return {}
    return {r["command"]: r for r in d["results"]}


def ok(r):
    return r is not None and all(c == 0 for c in r.get("exit_codes", [0]))


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def fmt_n(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def fmt_ratio(x):
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def table(rows, ref, nbytes, ndocs, rss, cmds, ref_label):
    out = ["| command | median wall s (± σ) | CPU s (user+sys) | MB/s | docs/s | peak RSS MiB | × " + ref_label + " |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        if not ok(r):
            out.append(f"| {name} | FAILED (exit codes {sorted(set(r.get('exit_codes', [])))}) | | | | | |")
            continue
        med = r["median"]
        rs = rss.get(name)
        rss_s = "—"
        if rs and rs.get("exit_status") not in (0, None):
            rss_s = f"failed (exit {rs['exit_status']})"
        elif rs and rs.get("time_max_rss_kib"):
            rss_s = f"{rs['time_max_rss_kib'] / MIB:.1f}"
            if name.startswith("textmill") and rs.get("main_hwm_kib"):
                rss_s += f" (coordinator {rs['main_hwm_kib'] / MIB:.1f})"
        ratio = fmt_ratio(ref["median"] / med) if ok(ref) and med > 0 else "—"
        cpu = r.get("user", 0) + r.get("system", 0)
        out.append(f"| {name} | {fmt_s(med)} (± {fmt_s(r['stddev'] or 0)}) | {fmt_s(cpu)} | "
                   f"{fmt_n(nbytes / 1e6 / med)} | {fmt_n(ndocs / med)} | {rss_s} | {ratio} |")
    return "\n".join(out)


def plot(scaling, nbytes, path):
    series = {}
    for name, r in scaling.items():
        if not ok(r):
            continue
        if name.startswith("textmill icu-words w"):
            label, w = "textmill icu-words", int(name.rsplit("w", 1)[1])
        elif name.startswith("C ceiling ") and name.endswith((" copy", " copies")):
            label, w = "C + ICU ceiling (N copies)", int(name.split()[2])
        else:
            continue
        series.setdefault(label, []).append((w, nbytes / 1e6 / r["median"]))
    if not series:
        return None
    for v in series.values():
        v.sort()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(6.4, 4.0), dpi=100)
        for label, pts in sorted(series.items()):
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
        ws = sorted({p[0] for pts in series.values() for p in pts})
        ax.set_xticks(ws)
        ax.set_xlabel("workers / processes")
        ax.set_ylabel("throughput, MB/s of input JSONL")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend()
        ax.set_title("Throughput vs workers")
        fig.tight_layout()
        fig.savefig(path)
        return path
    except ImportError:
        pass
    if shutil.which("gnuplot"):
        data = path + ".dat"
        with open(data, "w") as fh:
            for label, pts in sorted(series.items()):
                fh.write(f'"{label}"\n')
                for w, mbs in pts:
                    fh.write(f"{w} {mbs}\n")
                fh.write("\n\n")
        n = len(series)
        script = (f"set terminal pngcairo size 640,400; set output '{path}'; set xlabel 'workers / processes';"
                  f"set ylabel 'MB/s'; set yrange [0:*]; set key left top; set grid;"
                  f"plot for [i=0:{n - 1}] '{data}' index i using 1:2 with linespoints title columnheader(1)")
        subprocess.run(["gnuplot", "-e", script], check=False)
        os.remove(data)
        return path if os.path.exists(path) else None
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True)
    ap.add_argument("--report", default="BENCHMARKS.md")
    ap.add_argument("--plot", default="bench/workers.png")
    a = ap.parse_args()
    R = a.results
    meta = load(os.path.join(R, "meta.json"))
    if not meta:
        sys.exit(f"report: {R}/meta.json missing")
    main_r = results(os.path.join(R, "main.json"))
    spacy_r = results(os.path.join(R, "spacy.json"))
    sweep_r = results(os.path.join(R, "sweep.json"))
    scaling_r = results(os.path.join(R, "scaling.json"))
    rss = {}
    try:
        for line in open(os.path.join(R, "rss.jsonl")):
            d = json.loads(line)
            rss[d["name"]] = d
    except OSError:
        pass
    W = meta["workers"]
    nbytes, ndocs = meta["input_bytes"], meta["input_docs"]
    m = meta.get("machine", {})
    cmds = {}
    for group in meta["commands"].values():
        for name, cmd in group:
            cmds[name] = cmd

    ref_name = f"C ceiling {W} copies"
    ref = main_r.get(ref_name)
    L = []
    L.append("# textmill benchmarks\n")
    L.append(f"Generated by `bench/report.py` from a `bench/run.py` run on {meta['date']} "
             f"({meta['runs']} timed runs after {meta['warmup']} warm-up per command, none for the sweep and "
             "scaling runs; hyperfine; "
             f"input in the page cache). Regenerate with `make bench` (`make bench-quick` for the 10 MB slice).\n")
    L.append("## Machine\n")
    L.append(f"- CPU: {m.get('cpu', '?')}, nproc = {m.get('nproc', '?')}")
    L.append(f"- RAM: {m.get('mem_gib', '?')} GiB")
    L.append(f"- OS: {m.get('os', '?')} (kernel {m.get('kernel', '?')})")
    L.append(f"- ICU: {m.get('icu', '?')} (system libicu, used by textmill, the C ceiling and PyICU)")
    pp = meta.get("python_packages") or {}
    L.append(f"- Python {pp.get('python', '?')}: PyICU {pp.get('PyICU', '?')}, tokenizers {pp.get('tokenizers', '?')}, "
             f"spaCy {pp.get('spacy', '?')}, orjson {pp.get('orjson', '?')}; {meta.get('hyperfine', 'hyperfine ?')}; "
             f"{meta.get('c_compiler', '')}")
    L.append(f"- textmill: `{meta['textmill']}`" + (f" ({meta['textmill_version']})" if meta.get("textmill_version") else ""))
    L.append("")
    L.append("## Input\n")
    cm = meta.get("corpus_manifest") or {}
    L.append(f"`{meta['input']}`: {nbytes / 1e6:.1f} MB (10^6 bytes), {ndocs:,} documents, JSONL "
             "`{\"id\": ..., \"text\": ...}`"
             + (f" built by `bench/make-corpus.py` (seed {cm['seed']}) from Debian packages: KJV bible, "
                "fortunes (en, de, ru, it, zh), manpages-zh, manpages-ja, Thai message catalogues."
                if cm.get("seed") is not None else "."))
    if cm.get("text_bytes_share"):
        sh = ", ".join(f"{k} {v * 100:.0f} %" for k, v in cm["text_bytes_share"].items())
        dt = cm.get("doc_text_bytes", {})
        L.append(f"Text-byte shares: {sh}. Document text: median {dt.get('median')} bytes, p90 {dt.get('p90')}, "
                 f"{dt.get('share_le_200', 0) * 100:.0f} % ≤ 200 bytes.")
    L.append("MB/s counts input bytes (10^6) per second of wall time; docs/s input documents per second.\n")

    # ---------------------------------------------------------------- targets
    L.append("## Targets\n")
    tm2 = main_r.get(f"textmill icu-words w{W}")
    py2 = main_r.get(f"PyICU pool {W} processes")
    hf = main_r.get(f"HF tokenizers encode_batch {W} threads")
    bert = main_r.get(f"textmill bert-wordpiece w{W}")
    L.append("| target | measured | status |")
    L.append("|---|---:|---|")

    def target(label, measured, goal, ge=True, unit="×"):
        if measured is None:
            L.append(f"| {label} | not measured | not measured |")
            return
        met = measured >= goal if ge else measured <= goal
        val = f"{measured:.2f}{unit}" if unit == "×" else f"{measured:.1f} {unit}"
        L.append(f"| {label} | {val} | {'**met**' if met else '**missed**'} |")

    target(f"textmill icu-words, {W} workers ≥ {TARGET_VS_C:.2f}× the C ceiling's {W} copies (throughput)",
           ref["median"] / tm2["median"] if ok(ref) and ok(tm2) else None, TARGET_VS_C)
    target(f"textmill icu-words, {W} workers ≥ {TARGET_VS_PY}× the Python pool with {W} processes",
           py2["median"] / tm2["median"] if ok(py2) and ok(tm2) else None, TARGET_VS_PY)
    target(f"textmill bert-wordpiece ≥ {TARGET_BERT_VS_HF:g}× HF tokenizers encode_batch ({W} threads)",
           hf["median"] / bert["median"] if ok(hf) and ok(bert) else None, TARGET_BERT_VS_HF)
    rs = rss.get(f"textmill icu-words w{W}")
    coord, how = None, ""
    if rs and ok(tm2) and rs.get("exit_status") == 0:
        if rs.get("main_hwm_kib"):
            coord, how = rs["main_hwm_kib"], "coordinator VmHWM"
        elif rs.get("time_max_rss_kib"):
            coord, how = rs["time_max_rss_kib"], "time -v, largest process"
    target(f"textmill coordinator peak RSS ≤ {TARGET_COORD_RSS_MIB} MiB (icu-words, {W} workers)",
           coord / MIB if coord else None, TARGET_COORD_RSS_MIB, ge=False, unit=f"MiB ({how})")
    L.append("")
    if meta.get("skipped"):
        L.append("**Skipped:**\n")
        for s in meta["skipped"]:
            L.append(f"- {s['rows']}: {s['reason']}")
        L.append("")
    if meta.get("textmill_probe_matches_c") is not None:
        L.append(f"textmill icu-words' (id, tokens) on the 10-line probe "
                 f"{'are identical to' if meta['textmill_probe_matches_c'] else 'DIFFER from'} "
                 "the C ceiling's.\n")

    # ---------------------------------------------------------------- main table
    L.append("## Side by side\n")
    L.append(f"One hyperfine invocation on `{meta['input']}`. Ratios: throughput relative to the C ceiling's "
             f"{W} copies in the same invocation (> 1 is faster). Peak RSS: one extra run under "
             "`/usr/bin/time -v` (\"Maximum resident set size\": the largest single process of the command's tree); "
             "for textmill rows the coordinator's own peak (VmHWM, sampled from /proc) is given in parentheses.\n")
    L.append(table(main_r, ref, nbytes, ndocs, rss, cmds, f"C {W} copies"))
    L.append("")
    if spacy_r:
        sref = spacy_r.get(f"C ceiling {W} copies (slice)")
        L.append(f"spaCy runs separately on the slice `{meta['slice']}` ({meta['slice_bytes'] / 1e6:.1f} MB, "
                 f"{meta['slice_docs']:,} documents), with the C ceiling's {W} copies on the same slice as reference:\n")
        L.append(table(spacy_r, sref, meta["slice_bytes"], meta["slice_docs"], rss, cmds, f"C {W} copies"))
        L.append("")

    if sweep_r:
        L.append("## Chunk-size sweep (textmill icu-words)\n")
        L.append(table(sweep_r, ref, nbytes, ndocs, rss, cmds, f"C {W} copies (main run)"))
        L.append("")

    if scaling_r:
        L.append("## Scaling over workers\n")
        L.append(table(scaling_r, scaling_r.get(ref_name), nbytes, ndocs, {}, cmds, f"C {W} copies"))
        L.append("")
        p = plot(scaling_r, nbytes, a.plot)
        if p:
            rel = os.path.relpath(os.path.abspath(p), os.path.dirname(os.path.abspath(a.report)))
            L.append(f"![throughput vs workers]({rel})\n")

    L.append("## Commands\n")
    L.append("Run from the repository root (hyperfine runs each through `sh -c`):\n")
    L.append("```sh")
    for name, cmd in cmds.items():
        L.append(f"# {name}")
        L.append(cmd)
    L.append("```")
    L.append("")
    same = meta.get("c_matches_pyicu_2000")
    L.append("Notes: the C ceiling (`bench/c/icu_ceiling.c`) and the PyICU pool (`bench/py/pyicu_pool.py`) do the "
             "same work (NFKC_Casefold, root-locale word break, word-status segments kept); on the input's first "
             "2,000 lines their outputs were "
             + ("byte-identical" if same else "NOT identical" if same is not None else "not compared") + ". "
             f"`C ceiling {W} copies` forks {W} processes on the file's parts, split at line boundaries. "
             "The HF row writes ids, tokens, offsets and attention masks; the spaCy row writes token texts.")
    os.makedirs(os.path.dirname(os.path.abspath(a.report)), exist_ok=True)
    generated = {line[3:].strip() for line in L if line.startswith("## ")}
    kept = kept_sections(a.report, generated)
    if kept:
        L.append("# Other measurements\n")
        L.append("Sections below are measured by their own commands (each names it) and kept as they are "
                 "when `make bench` regenerates the sections above.\n")
        L.extend(kept)
    with open(a.report, "w") as fh:
        fh.write("\n".join(L).rstrip("\n") + "\n")
    print(f"report: wrote {a.report}", file=sys.stderr)


def kept_sections(path, generated):
    """The `## ` sections of an existing report that this script does not generate (written by
    hand or by other harnesses), so regenerating the report keeps them."""
    try:
        text = open(path).read()
    except OSError:
        return []
    kept, current = [], None
    for line in text.split("\n"):
        if line.startswith("# "):
            current = None
            continue
        if line.startswith("## "):
            current = [] if line[3:].strip() not in generated else None
            if current is not None:
                kept.append(current)
        if current is not None:
            current.append(line)
    return ["\n".join(section).rstrip("\n") + "\n" for section in kept]


if __name__ == "__main__":
    main()
