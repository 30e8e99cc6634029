# textmill: build, run, test. `make run` and `make test` are the README's quick start.
SHELL := /bin/bash
SWIFT ?= swift
TEXTMILL ?= .build/release/textmill
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev pkg-config unicode-data bzip2 libcld2-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CORPUS := corpora/en.jsonl corpora/de.jsonl corpora/ru.jsonl corpora/it.jsonl corpora/zh.jsonl corpora/ja.jsonl corpora/th.jsonl

.PHONY: deps build release run test test-fast test-spark parity clean dist

# Installs the system packages the build and the conformance tests need, only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job: every bundled corpus through the default preset into out/.
run: release
	@mkdir -p out
	$(TEXTMILL) run $(CORPUS) -o out/corpora.jsonl --stats out/corpora.stats.json
	@echo "wrote out/corpora.jsonl ($$(wc -l < out/corpora.jsonl) records) and out/corpora.jsonl.meta.json"

test: deps
	$(SWIFT) build
	$(SWIFT) test --parallel

# The Spark recipe (examples/spark) end to end in Spark's local modes, against the debug build.
# Installs Java 17 and python3-venv when missing; the test makes a venv with the pinned pyspark.
SPARK_BUILD ?= .build
test-spark: deps
	@command -v java >/dev/null || { echo "installing: openjdk-17-jre-headless"; $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; }
	@python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || { echo "installing: python3-venv"; $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(SWIFT) build --scratch-path $(SPARK_BUILD) --product textmill
	examples/spark/test_spark.sh $(SPARK_BUILD)/debug/textmill

# The live parity check: reruns the Python references (pinned scikit-learn and HF tokenizers in a
# throwaway venv, scripts/parity/) and fails if the committed fixtures differ from what they give
# now; then the Swift parity tests, including bert-base-uncased's vocab.txt from that venv.
# `make test` itself needs no Python (it runs the same Swift tests on the committed fixtures).
parity: deps
	@python3 -m venv --help >/dev/null 2>&1 || { echo "installing: python3-venv"; $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	scripts/parity/run-all.sh --check
	$(SWIFT) build --product textmill && scripts/parity/quality/run.sh .build/debug/textmill --check
	TEXTMILL_BERT_VOCAB="$$(scripts/parity/.venv/bin/python scripts/parity/common.py --bert-vocab-path)" \
	  $(SWIFT) test --filter 'ParityTests|FeatureHashingTests|VocabReducerTests'

# A self-contained release for a machine without Swift (the scaling run on many cores):
# the binary with the Swift runtime linked in, models/ and the system .so files it loads.
dist: deps
	scripts/make-dist.sh

clean:
	rm -rf .build out dist

-include bench/bench.mk

# Language-ID accuracy (BENCHMARKS.md): installs Debian fortunes in several languages (the message
# catalogues come with the system's packages), builds the labeled set and measures the `language`
# stage and CLD2 alone per language. `make langid-fixture` regenerates the small committed test set.
LANGID_PACKAGES := fortunes fortunes-bg fortunes-br fortunes-cs fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru fortunes-zh
LANGID_SET ?= out/langid/labeled.jsonl
langid-set: deps
	@missing=""; for p in $(LANGID_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@mkdir -p $(dir $(LANGID_SET))
	python3 scripts/langid/make-labeled-set.py $(LANGID_SET)

langid-accuracy: langid-set
	$(SWIFT) build --product textmill
	python3 scripts/langid/measure.py .build/debug/textmill $(LANGID_SET) --markdown out/langid/accuracy.md

langid-fixture: langid-set
	python3 scripts/langid/make-labeled-set.py Tests/Fixtures/langid/hard-pairs.jsonl --fixture 12

.PHONY: langid-set langid-accuracy langid-fixture

# Deduplication precision/recall, throughput and coordinator peak memory on a generated corpus
# with planted near duplicates (BENCHMARKS.md); run on a quiet machine.
DEDUP_BASES ?= 40000
bench-dedup: release
	python3 bench/dedup/measure.py $(TEXTMILL) --bases $(DEDUP_BASES)

.PHONY: bench-dedup
