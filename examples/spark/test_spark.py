#!/usr/bin/env python3
"""End-to-end checks of the Spark recipe (textmill_spark.py) in Spark's local modes.

Run by test_spark.sh (`make test-spark`), which makes the venv and sets the environment. Each
check compares Spark's output with a local `textmill run` of the same input, in order.
Prints one line per check and closes with `spark: N passed, N failed[, N skipped]`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import textmill_spark  # noqa: E402  (the job under test, used as a library too)

JOB = os.path.join(HERE, "textmill_spark.py")

# Seconds any one command may take: a Spark job that hangs fails its check instead of CI.
TIMEOUT = 300

# Lines that are not documents, put in the middle of the sample so that they land in a later
# partition than the first: each must come back as an error record in its own place.
BAD_LINES = [
    ("this is not json", "invalid_json"),
    ("", "invalid_json"),
    ('{"id": "no-text", "title": "x"}', "missing_text"),
    ("[1, 2, 3]", "not_an_object"),
]


class Skip(Exception):
    """A check that cannot run here; the message says what is missing."""


class Context:
    """What the checks share: the binary under test, the sample inputs, one SparkContext."""

    def __init__(self, binary, models, workdir):
        self.binary = binary
        self.models = models
        self.workdir = workdir
        self.inputs = []
        self.sc = None
        self.bundle_dir = None

    def textmill(self, arguments, stdin_paths):
        """A local textmill run over the concatenated files; returns (status, stdout lines, stderr)."""
        data = b"".join(open(path, "rb").read() for path in stdin_paths)
        done = subprocess.run([self.binary] + arguments + ["--models", self.models],
                              input=data, capture_output=True, timeout=TIMEOUT)
        return done.returncode, done.stdout.decode("utf-8").splitlines(), done.stderr.decode("utf-8", "replace")

    def job(self, *arguments):
        """The job's command line in a fresh driver process; returns (status, stderr)."""
        # The job's own options first: anything after a `--` in `arguments` goes to textmill.
        done = subprocess.run([sys.executable, JOB, "--binary", self.binary, "--models", self.models,
                               "--workdir", self.workdir, *arguments],
                              capture_output=True, text=True, timeout=TIMEOUT)
        return done.returncode, done.stderr

    def spark(self):
        """One in-process SparkContext (local[2]) for the library-level checks."""
        if self.sc is None:
            self.sc = textmill_spark.spark_context("local[2]", "textmill-spark-test", self.workdir)
            bundle = textmill_spark.make_bundle(self.binary, self.models, self.workdir)
            self.bundle_dir = textmill_spark.ship_bundle(self.sc, bundle)
        return self.sc


def digest(stderr):
    """The lines of a job's stderr worth reading: textmill's and the job's own, not stack traces."""
    lines = [line[line.index("textmill"):] for line in stderr.splitlines()
             if line.startswith("textmill") or "textmill-spark:" in line]
    if not lines:
        lines = [line for line in stderr.splitlines() if line and not line[0].isspace()][-5:]
    return "\n    ".join(dict.fromkeys(lines[-6:]))


def make_sample(ctx):
    """Two JSONL files from corpora/: several scripts, the bad lines in the middle of the first."""
    corpora = os.path.join(os.path.dirname(os.path.dirname(HERE)), "corpora")

    def head(name, n):
        with open(os.path.join(corpora, name), encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f][:n]

    first = head("en.jsonl", 150) + head("de.jsonl", 60)
    middle = len(first) // 2 + 30
    first[middle:middle] = [line for line, _ in BAD_LINES]
    # A document without an id: its id becomes its line number within the process's input.
    first.insert(middle + len(BAD_LINES) + 3, '{"text": "a document without an id"}')
    second = head("zh.jsonl", 80) + head("ja.jsonl", 80) + head("th.jsonl", 60) + head("ru.jsonl", 60)
    for name, lines in (("sample-a.jsonl", first), ("sample-b.jsonl", second)):
        path = os.path.join(ctx.workdir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        ctx.inputs.append(path)


def read_part_files(directory):
    """[(part index, line index within the part, line)] of a saveAsTextFile folder, in order."""
    parts = sorted(name for name in os.listdir(directory) if name.startswith("part-"))
    rows = []
    for p, name in enumerate(parts):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            for k, line in enumerate(f.read().splitlines()):
                rows.append((p, k, line))
    return rows


def compare_in_order(spark_rows, local_lines):
    """Spark's lines must equal the local run's, except the line numbers textmill reports.

    Each partition is its own textmill process reading standard input, so an error record's
    `line`, and the id of a document that has none, count from 1 within the partition: those
    must be exactly the position within the part file. Everything else is compared byte for byte.
    Returns how many records needed that renumbering.
    """
    assert len(spark_rows) == len(local_lines), \
        f"{len(spark_rows)} lines from Spark, {len(local_lines)} from the local run"
    renumbered = 0
    for g, ((p, k, got), want) in enumerate(zip(spark_rows, local_lines)):
        if got == want:
            continue
        expected = json.loads(want)
        if expected.get("id") == g + 1:
            expected["id"] = k + 1
        if "error" in expected:
            expected["error"]["line"] = k + 1
        assert json.loads(got) == expected, f"line {g + 1} (part {p}, line {k + 1}): {got!r} != {want!r}"
        renumbered += 1
    return renumbered


def check_run_matches_local(ctx):
    """The job's saved output (part files in order) is the local `textmill run` of the same input."""
    out = os.path.join(ctx.workdir, "run-out")
    status, stderr = ctx.job("run", *ctx.inputs, "-o", out, "--master", "local[2]", "--partitions", "5")
    assert status == 0, f"job exited {status}: {digest(stderr)}"
    rows = read_part_files(out)
    assert len({p for p, _, _ in rows}) >= 4, "expected the input split over several partitions"
    code, local, err = ctx.textmill(["run", "-", "-o", "-", "--quiet"], ctx.inputs)
    assert code == 1, f"local run should report the bad lines (exit 1), got {code}: {err}"
    renumbered = compare_in_order(rows, local)
    assert renumbered >= len(BAD_LINES), "the bad lines should sit in a later partition than the first"
    ctx.run_rows = rows


def check_bad_lines_become_error_records(ctx):
    """Each bad line gives an error record of the right code at its own position: no line is lost."""
    rows = getattr(ctx, "run_rows", None)
    if rows is None:
        raise Skip("needs the output of run_matches_local, which failed")
    with open(ctx.inputs[0], encoding="utf-8") as f:
        first = f.read().splitlines()
    for bad, code in BAD_LINES:
        g = first.index(bad)
        _, k, line = rows[g]
        record = json.loads(line)
        assert record.get("error", {}).get("code") == code, f"line {g + 1}: {line}"
        assert record["error"]["line"] == k + 1 and record["error"]["file"] == "-", line
    no_id = first.index('{"text": "a document without an id"}')
    _, k, line = rows[no_id]
    assert json.loads(line)["id"] == k + 1 and "tokens" in json.loads(line), line


def check_chat_preset_options_and_pool(ctx):
    """Library API: another preset, extra options and textmill's own worker pool inside each task
    (which must start its workers in the piped process's stripped environment)."""
    sc = ctx.spark()
    arguments = textmill_spark.run_arguments(preset="chat", workers=2, extra=["--offsets", "utf8"])
    lines = sc.textFile(",".join(ctx.inputs[1:]), minPartitions=3)
    got = textmill_spark.pipe_textmill(lines, ctx.bundle_dir, arguments).collect()
    code, local, err = ctx.textmill(arguments, ctx.inputs[1:])
    assert code == 0, err
    assert got == local, "chat/utf8 output differs from the local run"
    assert any('"types"' in line for line in got[:1]), got[:1]


def check_fatal_error_fails_job(ctx):
    """A fatal textmill error (unknown preset, exit 2) fails the task and the job, leaving no output;
    an output folder that exists already is refused (exit 2) and left alone."""
    sc = ctx.spark()
    lines = sc.textFile(ctx.inputs[1], minPartitions=2)
    failing = textmill_spark.pipe_textmill(lines, ctx.bundle_dir, textmill_spark.run_arguments(preset="no-such-preset"))
    sc.setLogLevel("OFF")  # the executor's stack trace of this expected failure is noise here
    try:
        failing.collect()
    except Exception as error:  # Py4J wraps the task's PySparkRuntimeError
        assert "PIPE_FUNCTION_EXITED" in str(error) and "error code 2" in str(error), \
            textmill_spark.describe_failure(error)
    else:
        raise AssertionError("the job succeeded with an unknown preset")
    finally:
        sc.setLogLevel("ERROR")
    out = os.path.join(ctx.workdir, "fatal-out")
    status, stderr = ctx.job("run", ctx.inputs[1], "-o", out, "--master", "local[2]", "--preset", "no-such-preset")
    assert status == 1, f"job exited {status}"
    assert "textmill exited with status 2" in stderr, stderr[-1500:]
    assert 'no preset named "no-such-preset"' in stderr, "textmill's own message should reach stderr"
    assert not os.path.exists(out), "the failed job left its output folder behind"
    status, stderr = ctx.job("run", ctx.inputs[1], "-o", ctx.workdir, "--master", "local[1]")
    assert status == 2 and "already exists" in stderr, f"existing output folder: exit {status}: {stderr[-500:]}"
    assert os.path.exists(ctx.inputs[1]), "an existing output folder must be left alone"


def check_spark_submit(ctx):
    """The README's `spark-submit` form (pyspark's own launcher), textmill options after `--`.
    (spark-submit merges the Python driver's stderr into its stdout.)"""
    import pyspark
    spark_home = os.path.dirname(pyspark.__file__)
    out = os.path.join(ctx.workdir, "submit-out")
    done = subprocess.run(
        [os.path.join(spark_home, "bin", "spark-submit"), "--master", "local[2]",
         "--conf", f"spark.pyspark.python={sys.executable}",
         JOB, "run", ctx.inputs[1], "-o", out, "--binary", ctx.binary, "--models", ctx.models,
         "--workdir", ctx.workdir, "--partitions", "3", "--preset", "chat", "--", "--keep-fields", "text"],
        capture_output=True, text=True, env=dict(os.environ, SPARK_HOME=spark_home), timeout=TIMEOUT)
    assert done.returncode == 0, f"spark-submit exited {done.returncode}: {digest(done.stderr + done.stdout)}"
    _, local, _ = ctx.textmill(["run", "-", "-o", "-", "--quiet", "--preset", "chat", "--keep-fields", "text"],
                               ctx.inputs[1:2])
    rows = read_part_files(out)
    assert len({p for p, _, _ in rows}) >= 2, "expected several partitions"
    assert [line for _, _, line in rows] == local, "spark-submit output differs from the local run"
    assert '"text":' in local[0], local[0]


def check_cluster_mode_matches_local(ctx):
    """local-cluster mode (separate executor processes, as on a cluster) gives the same output."""
    out = os.path.join(ctx.workdir, "cluster-out")
    status, stderr = ctx.job("run", *ctx.inputs, "-o", out, "--master", "local-cluster[1,2,1024]",
                             "--partitions", "4")
    assert status == 0, f"job exited {status}: {digest(stderr)}"
    _, local, _ = ctx.textmill(["run", "-", "-o", "-", "--quiet"], ctx.inputs)
    compare_in_order(read_part_files(out), local)


def check_vocab_map_reduce(ctx):
    """The vocab job (per-partition `vocab build`, merged by `vocab merge`) on separate executor
    processes, without a shared folder, is byte-identical to one `vocab build` of all the input."""
    commands = subprocess.run([ctx.binary, "--help"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    if not any(line.split()[:1] == ["vocab"] for line in commands.splitlines()):
        raise Skip("`textmill vocab` is not in this binary yet (vocab build/merge not built)")
    inputs = ctx.inputs  # the bad lines too: they are left out of the counts, and fail nothing
    merged = os.path.join(ctx.workdir, "vocab-merged.tsv")
    status, stderr = ctx.job("vocab", *inputs, "-o", merged, "--master", "local-cluster[1,2,1024]",
                             "--partitions", "4")
    assert status == 0, f"job exited {status}: {digest(stderr)}"
    merged_parts = re.search(r"merged (\d+) partial vocabularies", stderr)
    assert merged_parts and int(merged_parts.group(1)) >= 3, stderr[-500:]
    single = os.path.join(ctx.workdir, "vocab-single.tsv")
    done = subprocess.run([ctx.binary, "vocab", "build", *inputs, "-o", single, "--quiet", "--models", ctx.models],
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1, f"one vocab build over the bad lines should exit 1, got {done.returncode}"
    with open(merged, "rb") as a, open(single, "rb") as b:
        got, want = a.read(), b.read()
    assert got == want, f"merged vocabulary ({len(got)} bytes) differs from the single build ({len(want)} bytes)"
    assert want.count(b"\n") > 500, "the vocabulary is suspiciously small"


def check_dedup_matches_local(ctx):
    """The dedup job (signatures on executors, clustering on the driver, removal on executors)
    keeps exactly the lines a one-machine `textmill dedup` keeps, and removes the same documents."""
    # The sample plus exact and one-word-edited copies of its longer English documents.
    with open(ctx.inputs[0], encoding="utf-8") as f:
        originals = [json.loads(line) for line in f if line.startswith('{"id": "en-')]
    longer = [doc for doc in originals if len(doc["text"].split()) >= 40][:12]
    copies = os.path.join(ctx.workdir, "sample-copies.jsonl")
    with open(copies, "w", encoding="utf-8") as f:
        for i, doc in enumerate(longer):
            words = doc["text"].split(" ")
            if i % 2:
                words[len(words) // 2] = "zebra"
            f.write(json.dumps({"id": f"copy-{i}", "text": " ".join(words)}) + "\n")
    inputs = ctx.inputs + [copies]
    out = os.path.join(ctx.workdir, "dedup-out")
    removed = os.path.join(ctx.workdir, "dedup-removed.jsonl")
    status, stderr = ctx.job("dedup", *inputs, "-o", out, "--removed", removed, "--master", "local[2]",
                             "--partitions", "4")
    assert status == 0, f"job exited {status}: {digest(stderr)}"
    kept = [line for _, _, line in read_part_files(out)]
    local_kept = os.path.join(ctx.workdir, "dedup-local-kept.jsonl")
    local_removed = os.path.join(ctx.workdir, "dedup-local-removed.jsonl")
    done = subprocess.run([ctx.binary, "dedup", *inputs, "-o", local_kept, "--removed", local_removed, "--quiet",
                           "--models", ctx.models], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1, f"the local dedup should report the bad lines (exit 1), got {done.returncode}"
    with open(local_kept, encoding="utf-8") as f:
        want = f.read().splitlines()
    assert kept == want, f"{len(kept)} kept lines from Spark, {len(want)} from the local dedup"

    def without_place(path):
        with open(path, encoding="utf-8") as f:
            return [{k: v for k, v in json.loads(line).items() if k not in ("file", "line")} for line in f]

    got, expected = without_place(removed), without_place(local_removed)
    assert got == expected, f"removed records differ: {got[:3]} != {expected[:3]}"
    assert len(got) >= len(longer), f"only {len(got)} removed; the {len(longer)} copies should be"


CHECKS = [
    check_run_matches_local,
    check_bad_lines_become_error_records,
    check_chat_preset_options_and_pool,
    check_fatal_error_fails_job,
    check_spark_submit,
    check_cluster_mode_matches_local,
    check_vocab_map_reduce,
    check_dedup_matches_local,
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    ctx = Context(os.path.abspath(args.binary), os.path.abspath(args.models), os.path.abspath(args.workdir))
    make_sample(ctx)
    passed = failed = skipped = 0
    try:
        for check in CHECKS:
            name = check.__name__[len("check_"):]
            started = time.monotonic()
            try:
                check(ctx)
            except Skip as why:
                skipped += 1
                print(f"SKIP {name}: {why}", flush=True)
            except AssertionError as error:
                failed += 1
                print(f"FAIL {name}: {error}", flush=True)
            except Exception as error:  # Py4J errors carry whole Java stack traces: say it in one line
                failed += 1
                print(f"FAIL {name}: {type(error).__name__}: {textmill_spark.describe_failure(error)}", flush=True)
            else:
                passed += 1
                print(f"ok   {name} ({time.monotonic() - started:.1f} s)", flush=True)
    finally:
        if ctx.sc is not None:
            ctx.sc.stop()
    print(f"spark: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
