# newsdex — the two commands of the README, plus the ones CI and benchmarks
# use.  The real build is CMake's; this file only drives it.
#
#   make demo    install what is missing, build, index corpus/ into
#                ./newsdex.db and run example searches
#   make check   install what is missing, build, run the whole test suite
#   make serve   the search page (newsdex.cgi) behind lighttpd on
#                http://127.0.0.1:8080/ over the demo database

BUILD      ?= build
CMAKE_ARGS ?=
JOBS       ?= 2
NEWSDEX    := $(BUILD)/cli/newsdex
DEMO_DB    ?= ./newsdex.db

.PHONY: all deps build demo check serve sanitize fuzz bench extraction-eval archive-report clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@rm -rf $(DEMO_DB)
	$(NEWSDEX) index --db $(DEMO_DB) corpus
	@echo
	$(NEWSDEX) search --db $(DEMO_DB) 'NATO AND Ukraine'
	$(NEWSDEX) search --db $(DEMO_DB) --limit 3 'NATO AND Ukraine by:Lavrov'
	$(NEWSDEX) search --db $(DEMO_DB) --limit 3 --facets category,year '"interest rates"'
	$(NEWSDEX) facets --db $(DEMO_DB) by

check: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# newsdex.cgi behind lighttpd on 127.0.0.1:$(PORT) over $(DEMO_DB) (indexed
# from corpus/ when missing), as a FastCGI pool of one process per core
# (NEWSDEX_FCGI_PROCS=N for another size); Ctrl-C stops it.  The config is
# cgi/lighttpd.conf with the paths filled in under $(BUILD)/serve.
PORT ?= 8080
serve: build
	@[ -f $(DEMO_DB)/XAPIANDB ] || $(NEWSDEX) index -q --db $(DEMO_DB) corpus
	@cgi/serve $(BUILD)/cgi/newsdex.cgi $(DEMO_DB) $(PORT) $(BUILD)/serve

# ASan + UBSan build and test run (CI runs it too).
sanitize: deps
	@cmake -S . -B $(BUILD)-asan -DNX_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	@cd $(BUILD)-asan && ctest --output-on-failure -j$(JOBS) -LE slow

# libFuzzer targets under clang with ASan + UBSan; FUZZ_RUNS inputs each.
FUZZ_RUNS ?= 20000
FUZZ_TARGETS := $(notdir $(basename $(wildcard tests/fuzz/fuzz_*.c)))
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DNX_FUZZ=ON -DNX_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-fuzz -j$(JOBS) --target $(FUZZ_TARGETS)
	@scripts/run-fuzzers $(BUILD)-fuzz $(FUZZ_RUNS)

# Benchmarks against peers (bench/README.md); not part of check.  Installs
# the peers from Debian (only what is missing), builds, runs every engine.
# BENCH_SIZES="21k 200k 1m" adds the 1M-article corpus (long).
BENCH_SIZES ?= 21k 200k
BENCH_REPS  ?= 3
BENCH_ARGS  ?=
BENCH_DEPS  := xapian-omega sphinxsearch redis-server redis-redisearch \
               libsqlite3-dev libmariadb-dev libhiredis-dev time
bench:
	@NX_DEPS_EXTRA="$(BENCH_DEPS)" scripts/install-deps
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)
	bench/run.py --build $(BUILD) --sizes "$(BENCH_SIZES)" --reps $(BENCH_REPS) $(BENCH_ARGS)

# Extraction quality against ../shared/data (bench/extraction/run; not part
# of check): CoNLL-2003, GGT, Reuters tags, and the archive facet report.
# archive-report alone: the top 100 facet values of Reuters-21578 and BBC
# scored against the hand-judged lists, and the hand-annotated articles.
# DATA=DIR when the shared data are not at ../shared/data.
DATA ?=
extraction-eval: build
	@bench/extraction/run $(BUILD) $(if $(DATA),$(DATA))

archive-report: build
	@bench/extraction/archive-report --build $(BUILD) $(if $(DATA),--data $(DATA))

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
