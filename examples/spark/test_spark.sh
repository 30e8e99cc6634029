#!/usr/bin/env bash
# make test-spark: the Spark recipe (textmill_spark.py) checked end to end in Spark's local modes.
# Usage: examples/spark/test_spark.sh TEXTMILL_BINARY
# Makes examples/spark/.venv with the pinned pyspark (re-made when requirements.txt changes),
# keeps every temporary file under examples/spark/.work, binds Spark to loopback.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 TEXTMILL_BINARY" >&2; exit 2; }
binary=$(realpath "$1")
[ -x "$binary" ] || { echo "test-spark: $1 is not an executable (build textmill first)" >&2; exit 2; }

# Spark 4 runs on Java 17 or later only.
if ! command -v java >/dev/null; then
  echo "test-spark: java not found (make test-spark installs openjdk-17-jre-headless)" >&2; exit 2
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "test-spark: Java 17 or later needed, found: $(java -version 2>&1 | head -1)" >&2; exit 2
fi

venv=$here/.venv
stamp=$venv/requirements.sha256
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "test-spark: making $venv (pyspark from PyPI, ~1 min)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  echo "$want" > "$stamp"
fi

work=$here/.work
rm -rf "$work"
mkdir -p "$work/tmp"
# local-cluster executors work in the pyspark package's work/ folder (SPARK_WORKER_DIR does not
# reach them): clear it before and after, it holds a copy of the bundle per executor.
spark_work=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "work"))')
rm -rf "$spark_work"
trap 'rm -rf "$spark_work"' EXIT
export SPARK_LOCAL_IP=127.0.0.1          # no hostname lookups; loopback only
export SPARK_CONF_DIR=$here/conf         # quiet log4j
export TMPDIR=$work/tmp                  # Python's and the JVM launcher's temporary files
export PYSPARK_PYTHON=$venv/bin/python

unset SPARK_HOME PYSPARK_DRIVER_PYTHON
# 20 minutes at most in all (it takes 2 to 4): a hung JVM must not eat CI's time.
status=0
timeout --kill-after=30 1200 "$venv/bin/python" "$here/test_spark.py" \
  --binary "$binary" --models "$root/models" --workdir "$work/run" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "test-spark: timed out after 20 minutes"
  echo "spark: 0 passed, 1 failed"
fi
exit "$status"
