# bench/bench.mk -- textmill's benchmark harness; included by the top-level Makefile,
# which defines TEXTMILL ?= .build/release/textmill and a `release` target.
# Run from the repository root.
#
#   make bench-deps    Debian packages, bench/.venv (Python baselines), BERT vocabulary
#   make bench-corpus  bench/.cache/corpus/corpus-100mb.jsonl + corpus-10mb.jsonl (cached)
#   make bench         full run on the 100 MB corpus -> BENCHMARKS.md + bench/workers.png
#                      (~15 min of measurements on 2 cores with the defaults)
#   make bench-shards  token shards vs -o /dev/null on the 100 MB corpus (bench/shards.sh; also the
#                      last step of make bench)
#   make bench-quick   the same on the 10 MB slice -> bench/.cache/quick/BENCHMARKS.md
#   make bench-databases  SQLite and PostgreSQL sinks against the JSONL file (part of make bench)
#   make bench-database-cpu  CPU seconds of a PostgreSQL-sink run by process (textmill, server backend,
#                      server background) against a JSONL run, on the 10 MB slice (bench/database_cpu.py;
#                      CPU time, so usable on a busy machine)
#   make bench-coordinator  the coordinator alone (ids-only pipeline) against one icu-words worker, in
#                      CPU time: "workers the coordinator can feed" (bench/coordinator.py)
#   make bench-callgrind  worker instruction counts vs the C ceiling on a 1 MB slice (bench/callgrind.sh;
#                      deterministic, fine on a busy machine)
#   make bench-tokens  textmill icu-words' (id, tokens) against the C ceiling's, document by document, on
#                      the whole 100 MB corpus (bench/tokens_match.py; issue 15's identity requirement)
#   make bench-identical REFERENCE=path/to/textmill  output bytes of every preset against a reference
#                      build, in-process and on the pool with several chunkings (bench/identical.sh)
#
# Knobs: BENCH_RUNS (timed runs per command, default 3), BENCH_WARMUP (default 1),
# BENCH_WORKERS (default 2), BENCH_ARGS (extra bench/run.py arguments, e.g. --no-sweep).

TEXTMILL ?= .build/release/textmill
BENCH_RUNS ?= 3
BENCH_WARMUP ?= 1
BENCH_WORKERS ?= 2
BENCH_ARGS ?=
BENCH_SYS_PYTHON ?= python3

BENCH_CACHE := bench/.cache
BENCH_VENV_PYTHON := bench/.venv/bin/python
BENCH_CORPUS := $(BENCH_CACHE)/corpus/corpus-100mb.jsonl
BENCH_SLICE := $(BENCH_CACHE)/corpus/corpus-10mb.jsonl
BENCH_CEILING := $(BENCH_CACHE)/bin/icu_ceiling
BENCH_RUN = TEXTMILL=$(TEXTMILL) $(BENCH_VENV_PYTHON) bench/run.py \
	--runs $(BENCH_RUNS) --warmup $(BENCH_WARMUP) --workers $(BENCH_WORKERS) $(BENCH_ARGS)

.PHONY: bench-tokens bench bench-quick bench-corpus bench-deps bench-ceiling bench-clean bench-memory bench-databases bench-shards bench-tokenizers bench-coordinator bench-callgrind bench-database-cpu bench-identical

bench-deps:
	bash bench/deps.sh

$(BENCH_CEILING): bench/c/icu_ceiling.c | bench-deps
	@mkdir -p $(@D)
	cc -O2 -Wall -o $@ $< $$(pkg-config --cflags --libs icu-uc icu-i18n)

bench-ceiling: $(BENCH_CEILING)

bench-callgrind: release bench-corpus
	TEXTMILL=$(TEXTMILL) bash bench/callgrind.sh $(BENCH_SLICE)

bench-tokens: release bench-corpus $(BENCH_CEILING)
	$(BENCH_SYS_PYTHON) bench/tokens_match.py --textmill $(TEXTMILL) --ceiling $(BENCH_CEILING) \
		--workers $(BENCH_WORKERS) $(BENCH_CORPUS)

bench-corpus: | bench-deps
	$(BENCH_SYS_PYTHON) bench/make-corpus.py

bench: release bench-deps bench-corpus $(BENCH_CEILING)
	$(BENCH_RUN) --input $(BENCH_CORPUS) --slice $(BENCH_SLICE) \
		--out $(BENCH_CACHE)/results/full --report BENCHMARKS.md --plot bench/workers.png
	$(MAKE) --no-print-directory bench-tokens
	$(MAKE) --no-print-directory bench-databases
	TEXTMILL=$(TEXTMILL) BENCH_WORKERS=$(BENCH_WORKERS) bash bench/shards.sh $(BENCH_CORPUS)

# binary token shards: overhead over -o /dev/null and coordinator memory (issue 14 targets)
bench-shards: release bench-corpus
	TEXTMILL=$(TEXTMILL) BENCH_WORKERS=$(BENCH_WORKERS) BENCH_RUNS=$(BENCH_RUNS) bash bench/shards.sh $(BENCH_CORPUS)
	$(MAKE) bench-tokenizers

bench-quick: release bench-deps bench-corpus $(BENCH_CEILING)
	$(BENCH_RUN) --input $(BENCH_SLICE) --slice $(BENCH_SLICE) \
		--out $(BENCH_CACHE)/results/quick --report $(BENCH_CACHE)/quick/BENCHMARKS.md \
		--plot $(BENCH_CACHE)/quick/workers.png

# the database sinks (SQLite, a throwaway PostgreSQL 15) against the JSONL file, row counts
# checked after each run -> the "Database sinks" section of BENCHMARKS.md
bench-databases: release bench-corpus
	python3 bench/databases.py --textmill $(TEXTMILL) --input $(BENCH_CORPUS) --workers $(BENCH_WORKERS) --runs $(BENCH_RUNS)
bench-database-cpu: release bench-corpus
	python3 bench/database_cpu.py --textmill $(TEXTMILL) --input $(BENCH_SLICE) --workers $(BENCH_WORKERS)
# LLM tokenizers side by side (textmill vs tiktoken and HF tokenizers) -> its section of BENCHMARKS.md
bench-tokenizers: release bench-deps bench-corpus tokenizer-data
	$(BENCH_VENV_PYTHON) bench/tokenizers.py --textmill $(TEXTMILL) --input $(BENCH_CORPUS) \
		--workers $(BENCH_WORKERS) --runs $(BENCH_RUNS) --warmup $(BENCH_WARMUP)

# coordinator memory on a 1 GB input (the corpus ten times) -> its section of BENCHMARKS.md
bench-memory: release bench-deps bench-corpus
	python3 bench/memory.py --textmill $(TEXTMILL) --workers 1,$(BENCH_WORKERS)

# the coordinator ceiling: coordinator CPU per document and byte (ids-only pipeline) against one
# icu-words worker's, on the corpus, a tiny-document and a large-document variant -> its section of
# BENCHMARKS.md. COORD_ARGS: more bench/coordinator.py arguments (e.g. --extra=--unordered).
COORD_ARGS ?=
bench-coordinator: release bench-corpus
	python3 bench/coordinator.py --textmill $(TEXTMILL) --input $(BENCH_CORPUS) --workers $(BENCH_WORKERS) \
		--runs $(BENCH_RUNS) $(COORD_ARGS)

bench-identical: release bench-corpus
	@test -n "$(REFERENCE)" || { echo "make bench-identical REFERENCE=path/to/reference/textmill"; exit 2; }
	bash bench/identical.sh $(REFERENCE) $(TEXTMILL) $(BENCH_SLICE)

# removes generated data and the venv (the corpus takes ~20 s to rebuild, the venv minutes)
bench-clean:
	rm -rf $(BENCH_CACHE) bench/.venv
