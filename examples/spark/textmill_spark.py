#!/usr/bin/env python3
"""textmill on Apache Spark: JSONL corpora through `textmill run` as an `RDD.pipe` filter.

Two jobs, usable from the command line (plain `python` or `spark-submit`) or as a library:

  run    every input line through `textmill run - -o -`, one output line per input line, in
         input order, saved with saveAsTextFile (part files in partition order);
  vocab  a vocabulary as map-reduce: `textmill vocab build` on each partition gives partial
         counts, merged on the driver by `textmill vocab merge` (equal to a one-machine build);
  dedup  near-duplicate removal: MinHash signatures on the executors (`run` with the
         dedup-signatures preset), clustering on the driver (`textmill dedup --signatures`), the
         removed documents dropped on the executors; the kept lines are saved unchanged, in order
         (equal to a one-machine `textmill dedup`).

The binary and its models/ folder travel as one tar.gz archive (`sc.addArchive`), which Spark
unpacks on every executor with file modes kept, so the binary stays executable.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

from pyspark import SparkConf, SparkContext, SparkFiles, StorageLevel

# The name the archive is unpacked under in each executor's SparkFiles root.
BUNDLE = "textmill-bundle"

# textmill exits 1 when some documents failed; each of them already has an error record in its
# place, so for Spark that is success. Any other non-zero status (2: usage or config error, a
# crash, a signal) stays non-zero and fails the task through checkCode=True.
_STATUS_FILTER = '"$0" "$@"; s=$?; if [ "$s" -eq 1 ]; then exit 0; fi; exit "$s"'


def make_bundle(binary, models, workdir):
    """Packs `binary` as textmill and `models` as models/ into a tar.gz under `workdir`."""
    path = os.path.join(workdir, BUNDLE + ".tar.gz")
    with tarfile.open(path, "w:gz") as archive:
        archive.add(binary, arcname="textmill")
        archive.add(models, arcname="models")
    return path


def ship_bundle(sc, bundle):
    """Adds the archive to the job; returns the bundle's folder as the piped processes see it.

    PySpark builds the pipe command on the driver, and the piped process has no working-directory
    option, so the path must be right where the executor runs it. On a cluster, an executor's
    SparkFiles root is its working directory, which the piped process inherits, so a relative
    path is right on every machine. In local mode the executor is the driver, its root is a
    temporary folder, and SparkFiles.get's absolute path is the right one.
    """
    sc.addArchive(bundle + "#" + BUNDLE)
    if sc.master == "local" or sc.master.startswith("local["):
        return SparkFiles.get(BUNDLE)
    return BUNDLE


def pipe_env(bundle_dir):
    """The piped process's whole environment: PySpark passes only what is given here."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TEXTMILL_MODELS": os.path.join(bundle_dir, "models"),
    }


def textmill_command(bundle_dir, arguments):
    """The pipe command line: the bundled binary with `arguments`, exit status 1 mapped to 0."""
    binary = os.path.join(bundle_dir, "textmill")
    models = os.path.join(bundle_dir, "models")
    # --models is a `run` option, so it goes after the subcommand name(s) in `arguments`.
    return shlex.join(["/bin/sh", "-c", _STATUS_FILTER, binary] + arguments + ["--models", models])


def pipe_textmill(rdd, bundle_dir, arguments):
    """`rdd` (lines of JSONL) piped through textmill with `arguments`; fails on a fatal error."""
    return rdd.pipe(textmill_command(bundle_dir, arguments), env=pipe_env(bundle_dir), checkCode=True)


def run_arguments(preset=None, config=None, workers=1, extra=()):
    """Arguments of `textmill run` as a stdin-to-stdout filter, one process per partition.

    One worker by default: Spark already runs one task per core, so textmill's own pool would
    only oversubscribe the cores (and add a process start per worker).
    """
    arguments = ["run", "-", "-o", "-", "--quiet", "--workers", str(workers)]
    if preset:
        arguments += ["--preset", preset]
    if config:
        arguments += ["--config", config]
    return arguments + list(extra)


def vocab_build_arguments(bundle_dir, preset=None, config=None, extra=()):
    """Arguments of `textmill vocab build` counting one partition's documents into a TSV.

    Spilled runs go beside the bundle: a folder Spark owns and removes (the executor's working
    directory on a cluster, the driver's SparkFiles folder in local mode).
    """
    arguments = ["vocab", "build", "-", "-o", "-", "--quiet",
                 "--spill-directory", os.path.dirname(bundle_dir) or "."]
    if preset:
        arguments += ["--preset", preset]
    if config:
        arguments += ["--config", config]
    return arguments + list(extra)


def vocab_map_reduce(sc, inputs, bundle_dir, binary, models, output, workdir, partitions=None,
                     preset=None, config=None, extra=()):
    """Per-partition `vocab build` (map), then one `vocab merge` of the partials (reduce).

    Each partition's piped process writes one complete partial vocabulary. The partials are
    computed in parallel and kept by Spark, then streamed to the driver one partition at a
    time (so this works without a shared filesystem), each into its own file for the merge.
    Returns the number of partial vocabularies.
    """
    lines = sc.textFile(",".join(inputs), minPartitions=partitions)
    build = vocab_build_arguments(bundle_dir, preset, config, extra)
    partials = pipe_textmill(lines, bundle_dir, build).persist(StorageLevel.MEMORY_AND_DISK)
    partial_dir = tempfile.mkdtemp(prefix="vocab-partials-", dir=workdir)
    try:
        partials.count()  # every partition at once; toLocalIterator alone would run them one by one
        files = {}
        for index, line in partials.mapPartitionsWithIndex(lambda i, rows: ((i, row) for row in rows)).toLocalIterator():
            if index not in files:
                files[index] = open(os.path.join(partial_dir, f"partial-{index:05d}.tsv"), "w", encoding="utf-8")
            files[index].write(line + "\n")
        for f in files.values():
            f.close()
        parts = [files[index].name for index in sorted(files)]
        pipeline = (["--preset", preset] if preset else []) + (["--config", config] if config else [])
        subprocess.run(
            [binary, "vocab", "merge", *parts, "-o", output, "--quiet", "--models", models, *pipeline],
            check=True,
            env=dict(os.environ, LANG="C.UTF-8"),
        )
        return len(parts)
    finally:
        partials.unpersist()
        shutil.rmtree(partial_dir, ignore_errors=True)


def dedup(sc, inputs, bundle_dir, binary, models, output, removed, workdir, partitions=None, extra=()):
    """Signatures on the executors, clustering on the driver, removal on the executors.

    The signature records (about twice the text's size) stream to one file on the driver in
    input order; `textmill dedup --signatures` writes `removed` (one record per removed document;
    its `line` is the document's 1-based position in the whole input). Lines whose signature is an
    error or rejected record (not a document) are dropped too, as a one-machine `textmill dedup`
    leaves failed documents out; the positions to drop are broadcast (8-odd bytes each).
    Returns (kept, removed, failed) counts.
    """
    lines = sc.textFile(",".join(inputs), minPartitions=partitions).persist(StorageLevel.MEMORY_AND_DISK)
    signatures = pipe_textmill(lines, bundle_dir, run_arguments(preset="dedup-signatures"))
    path = os.path.join(tempfile.mkdtemp(prefix="dedup-", dir=workdir), "signatures.jsonl")
    dropped = set()
    try:
        signatures.persist(StorageLevel.MEMORY_AND_DISK).count()  # all partitions at once
        with open(path, "w", encoding="utf-8") as f:
            for position, line in enumerate(signatures.toLocalIterator()):
                if '"minhash":{"exact":"' not in line:  # an error or rejected record, not a document
                    dropped.add(position)
                f.write(line + "\n")
        failed = len(dropped)
        done = subprocess.run([binary, "dedup", "--signatures", path, "--removed", removed, "--quiet",
                               "--models", models, "--spill-directory", os.path.dirname(path), *extra],
                              capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))
        if done.returncode not in (0, 1):
            raise RuntimeError(f"textmill dedup --signatures exited {done.returncode}: {done.stderr.strip()[-2000:]}")
        with open(removed, encoding="utf-8") as f:
            for line in f:
                dropped.add(json.loads(line)["line"] - 1)
        drop = sc.broadcast(dropped)
        kept = lines.zipWithIndex().filter(lambda row: row[1] not in drop.value).map(lambda row: row[0])
        kept.saveAsTextFile(output)
        return lines.count() - len(dropped), len(dropped) - failed, failed
    finally:
        lines.unpersist()
        signatures.unpersist()
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


def spark_context(master, app_name, workdir):
    """A SparkContext that keeps its temporary files under `workdir`, with quiet logging.

    (Binding to loopback is the environment's business: SPARK_LOCAL_IP=127.0.0.1.)
    """
    conf = SparkConf().setAppName(app_name)
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    conf.setIfMissing("spark.local.dir", os.path.join(workdir, "spark-local"))
    os.makedirs(os.path.join(workdir, "spark-local"), exist_ok=True)
    conf.setIfMissing("spark.ui.enabled", "false")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    # The JVMs' own temporary files (native libraries, spill files) stay beside Spark's; for
    # executors only when they are on this machine (local and local-cluster masters).
    tmp = os.path.join(workdir, "spark-local")
    conf.setIfMissing("spark.driver.extraJavaOptions", "-Djava.io.tmpdir=" + tmp)
    if conf.get("spark.master", "").startswith("local"):
        conf.setIfMissing("spark.executor.extraJavaOptions", "-Djava.io.tmpdir=" + tmp)
    # Spark starts the Python workers with this interpreter (the one that has pyspark).
    conf.setIfMissing("spark.pyspark.python", sys.executable)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    return sc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("job", choices=["run", "vocab", "dedup"])
    parser.add_argument("inputs", nargs="+", help="JSONL files (local paths or any Hadoop URI)")
    parser.add_argument("-o", "--output", required=True,
                        help="run, dedup: output folder (must not exist); vocab: the merged TSV file")
    parser.add_argument("--removed", help="dedup: the removed documents' records (a local file on the driver)")
    parser.add_argument("--binary", required=True, help="the textmill executable to ship")
    parser.add_argument("--models", help="the models/ folder to ship (default: beside the binary or its parents)")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    parser.add_argument("--preset", help="textmill preset")
    parser.add_argument("--config", help="textmill pipeline config (must be readable on every executor)")
    parser.add_argument("--workers", type=int, default=1,
                        help="textmill worker processes per Spark task (default 1: Spark runs one task per core)")
    parser.add_argument("--workdir", help="where the bundle and Spark's temporary files go "
                        "(default: ./.spark-work, removed afterwards)")
    parser.epilog = "Options after -- go to textmill unchanged, e.g. -- --offsets utf8"
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:len(argv) - len(extra) - (1 if "--" in argv else 0)])

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        parser.error(f"{args.binary}: not an executable file")
    models = os.path.abspath(args.models) if args.models else find_models(binary)
    if models is None or not os.path.isdir(models):
        parser.error(f"no models/ folder beside {args.binary} or its parents; pass --models")
    # Executors do not share the driver's working directory: make local paths absolute.
    args.output = qualified(args.output)
    if args.job == "dedup" and not args.removed:
        parser.error("dedup needs --removed FILE (the removed documents' records)")
    if args.config:
        args.config = qualified(args.config)

    remove_workdir = args.workdir is None and not os.path.exists(".spark-work")
    args.workdir = os.path.abspath(args.workdir or ".spark-work")
    os.makedirs(args.workdir, exist_ok=True)
    # Quiet log4j when this script starts the JVM itself (plain python, not spark-submit).
    os.environ.setdefault("SPARK_CONF_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "conf"))
    sc = spark_context(args.master, "textmill-" + args.job, args.workdir)
    created = False
    try:
        if args.job in ("run", "dedup") and hadoop_path(sc, args.output, "exists"):
            print(f"textmill-spark: {args.output}: already exists (Spark will not write into it)", file=sys.stderr)
            return 2
        created = True
        bundle_dir = ship_bundle(sc, make_bundle(binary, models, args.workdir))
        if args.job == "run":
            lines = sc.textFile(",".join(map(qualified, args.inputs)), minPartitions=args.partitions)
            out = pipe_textmill(lines, bundle_dir, run_arguments(args.preset, args.config, args.workers, extra))
            out.saveAsTextFile(args.output)
            print(f"textmill-spark: wrote {args.output} ({out.getNumPartitions()} part files)", file=sys.stderr)
        elif args.job == "dedup":
            kept, removed, failed = dedup(sc, list(map(qualified, args.inputs)), bundle_dir, binary, models, args.output,
                                          os.path.abspath(args.removed), args.workdir, args.partitions, extra)
            print(f"textmill-spark: wrote {args.output}: {kept} kept, {removed} removed (in {args.removed}), "
                  f"{failed} failed or rejected", file=sys.stderr)
        else:
            parts = vocab_map_reduce(sc, list(map(qualified, args.inputs)), bundle_dir, binary, models, args.output,
                                     args.workdir, args.partitions, args.preset, args.config, extra)
            print(f"textmill-spark: merged {parts} partial vocabularies into {args.output}", file=sys.stderr)
    except Exception as error:  # a failed Spark job: say so in one line, leave no half output
        if args.job in ("run", "dedup") and created:
            hadoop_path(sc, args.output, "delete")
        print(f"textmill-spark: {args.job} job failed: {describe_failure(error)}", file=sys.stderr)
        return 1
    finally:
        sc.stop()
        if remove_workdir:
            shutil.rmtree(args.workdir, ignore_errors=True)
    return 0


def hadoop_path(sc, path, action):
    """`exists` or recursive `delete` of `path` on its Hadoop filesystem (local, HDFS, S3, ...)."""
    jvm_path = sc._jvm.org.apache.hadoop.fs.Path(path)
    fs = jvm_path.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs.exists(jvm_path) if action == "exists" else fs.delete(jvm_path, True)


def qualified(path):
    """A local path made absolute (executors do not share the driver's working directory)."""
    return path if "://" in path else os.path.abspath(path)


def find_models(binary):
    """models/ beside the binary or in one of its parent folders, as textmill itself looks."""
    directory = os.path.dirname(binary)
    while True:
        candidate = os.path.join(directory, "models")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def describe_failure(error):
    """One line for a failed job; Py4J errors bury the cause in Java and Python stack traces."""
    text = str(error)
    match = re.search(r"\[PIPE_FUNCTION_EXITED\].*?exited with error code (-?\d+)", text, re.S)
    if match:
        return (f"textmill exited with status {match.group(1)} in a task "
                "(its own message is on that executor's stderr)")
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return type(error).__name__


if __name__ == "__main__":
    sys.exit(main())
