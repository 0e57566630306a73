# Two commands on a fresh machine: `make bench` and `make test`. Everything they need
# (Node >= 22.22, npm packages, a database server, Chromium for the browser test) is
# installed on first use where this machine allows it.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Node 24 from the npm registry when the system Node is too old (see scripts/ensure-node.sh).
NODE_BIN := $(shell scripts/ensure-node.sh)
export PATH := $(NODE_BIN):$(PATH)

VARIANT ?= optimized
SUITE ?= full
ARGS ?=
# make bench REF=<git ref>: also measure that revision's servers, interleaved (docs/ci.md).
REF ?=
# make compare RUN=<run folder>: a two-revision run, its REF side against the working tree's.
RUN ?=

.PHONY: help setup peers test test-database typecheck bench compare calibrate seed serve db clean chaos profile trace trace-reference trace-overhead mysql

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: node_modules/.installed ## install npm packages (and Node 24 if needed)
	@scripts/ensure-database-server.sh

# pip's default of 5 retries per package costs minutes where PyPI cannot be reached (a
# machine with a local wheel index); one retry still rides out a dropped connection.
export PIP_RETRIES ?= 1
FLASK_PEER := peers/flask/.venv/.installed

# Without python3 >= 3.10 the script says so in one line, makes no file, and the rest runs.
$(FLASK_PEER): peers/flask/requirements.txt peers/flask/install.sh
	@peers/flask/install.sh

peers: $(FLASK_PEER) ## install the peers (peers/): the Flask peer's virtualenv, when python3 >= 3.10 is there

typecheck: node_modules/.installed ## strict type check (tsc --noEmit)
	node_modules/.bin/tsc --noEmit -p .

test: setup peers typecheck ## type check, then every test against a real database
	@scripts/ensure-chromium.sh
	node_modules/.bin/vitest run

test-database: setup peers ## only the tests that need a database, e.g. on MySQL: make test-database MYSQLD=.tools/mysql/bin/mysqld
	@scripts/ensure-chromium.sh
	node_modules/.bin/vitest run --config test/database.vitest.config.ts

.PHONY: test-workshop
test-workshop: setup ## run docs/workshop.md's commands end to end on the smallest project (the doc-test)
	node_modules/.bin/vitest run --config test/workshop.vitest.config.ts

chaos: setup ## fault tests: kill, interrupt, soak, hostile input
	node_modules/.bin/vitest run test/faults

bench: setup peers ## start a database, seed, measure every target, write results/runs/<id>/ (REF=<git ref>: beside that revision's)
	node bench/run/cli.ts --suite $(SUITE) $(if $(REF),--ref $(REF)) $(ARGS)

profile: setup ## CPU-profile one variant's settings page (.cpuprofile + SVG flame graph): make profile VARIANT=baseline
	node bench/tools/cpu-profile/cli.ts --variant $(VARIANT) $(ARGS)

trace: setup peers ## trace one settings page (OTLP JSON, waterfall, wall-clock flame graphs): make trace VARIANT=baseline,wave1-lazy,optimized SIZE=100
	node bench/tools/trace/cli.ts --targets $(VARIANT) $(if $(SIZE),--sizes $(SIZE)) $(ARGS)

trace-reference: setup peers ## the reference traces of the 1000-gid page into results/reference/traces (on a quiet machine)
	node bench/tools/trace/cli.ts --targets async-per-gid,baseline,wave1-lazy,optimized --sizes 1000 --trace-out results/reference/traces $(ARGS)
	@if [ -f $(FLASK_PEER) ]; then node bench/tools/trace/cli.ts --targets flask-before,flask-wave1,flask-after --sizes 1000 --trace-out results/reference/traces $(ARGS); \
	else echo "trace-reference: the Flask peer is not installed, its traces are left out" >&2; fi

trace-overhead: setup ## what tracing costs a page, on vs off, interleaved, with intervals: make trace-overhead VARIANT=optimized SIZE=1000
	node bench/tools/trace/overhead-cli.ts --variant $(VARIANT) $(if $(SIZE),--sizes $(SIZE)) $(ARGS)

compare: setup ## compare two runs: make compare BASE=results/reference NEW=results/runs/<id>, or RUN=<two-revision run>
	@test -n "$(RUN)" || { test -n "$(BASE)" && test -n "$(NEW)"; } || { echo "usage: make compare BASE=<run folder> NEW=<run folder> (e.g. BASE=results/reference), or make compare RUN=<run of make bench REF=...>" >&2; exit 2; }
	node bench/judge/compare-cli.ts $(if $(RUN),$(RUN),$(BASE) $(NEW)) $(ARGS)

seed: setup ## seed the database at MYSQL_URL
	node seed/cli.ts $(ARGS)

serve: setup ## serve one variant against MYSQL_URL: make serve VARIANT=baseline
	node lib/serve.ts --variant $(VARIANT) $(ARGS)

mysql: ## fetch Oracle MySQL 9.7 from Debian unstable into .tools/mysql; use it with MYSQLD=.tools/mysql/bin/mysqld
	@scripts/fetch-mysql.sh

db: setup ## start a throwaway database until Ctrl-C; its URL in .cache/db-url: export MYSQL_URL="$$(cat .cache/db-url)"
	node bench/tools/db/cli.ts --url-file .cache/db-url $(ARGS)

.PHONY: reference
reference: setup ## take a run as results/reference, refused unless full, clean and quiet: make reference RUN=results/runs/<id>
	@test -n "$(RUN)" || { echo "usage: make reference RUN=results/runs/<id>" >&2; exit 2; }
	node bench/report/reference-cli.ts $(RUN)

calibrate: setup ## measure the timing gate's false-alarm and detection rates (docs/ci.md): make calibrate ARGS='--comparisons 20'
	node bench/judge/calibrate.ts $(ARGS)

.PHONY: workshop
workshop: setup ## regenerate docs/workshop.md from results/reference
	node bench/present/workshop-cli.ts

clean: ## remove generated caches, revision worktrees included (not results/)
	rm -rf .cache node_modules/.installed peers/flask/.venv
	git worktree prune
