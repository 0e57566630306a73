# Two commands on a fresh machine: `make bench` and `make test`. Everything they need
# (Node >= 22, npm packages, a database server) is installed on first use.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Node 24 from the npm registry when the system Node is too old (see scripts/ensure-node.sh).
NODE_BIN := $(shell scripts/ensure-node.sh)
export PATH := $(NODE_BIN):$(PATH)

VARIANT ?= optimized
PROFILE ?= full
ARGS ?=
# make bench REF=<git ref>: also measure that revision's servers, interleaved (docs/ci.md).
REF ?=
# make compare RUN=<run folder>: a two-revision run, its REF side against the working tree's.
RUN ?=

.PHONY: help setup test typecheck bench compare calibrate seed serve db clean chaos profile

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: node_modules/.installed ## install npm packages (and Node 24 if needed)
	@scripts/ensure-database-server.sh

typecheck: node_modules/.installed ## strict type check (tsc --noEmit)
	node_modules/.bin/tsc --noEmit -p .

test: setup typecheck ## type check, then every test against a real database
	node_modules/.bin/vitest run

chaos: setup ## fault tests: kill, interrupt, soak, hostile input
	node_modules/.bin/vitest run test/faults

bench: setup ## start a database, seed, measure every target, write results/runs/<id>/ (REF=<git ref>: beside that revision's)
	node bench/cli.ts --profile $(PROFILE) $(if $(REF),--ref $(REF)) $(ARGS)

profile: setup ## CPU-profile one variant's settings page (.cpuprofile + SVG flame graph): make profile VARIANT=baseline
	node bench/profile.ts --variant $(VARIANT) $(ARGS)

compare: setup ## compare two runs: make compare BASE=results/reference NEW=results/runs/<id>, or RUN=<two-revision run>
	@test -n "$(RUN)" || { test -n "$(BASE)" && test -n "$(NEW)"; } || { echo "usage: make compare BASE=<run folder> NEW=<run folder> (e.g. BASE=results/reference), or make compare RUN=<run of make bench REF=...>" >&2; exit 2; }
	node bench/compare-cli.ts $(if $(RUN),$(RUN),$(BASE) $(NEW)) $(ARGS)

seed: setup ## seed the database at MYSQL_URL
	node seed/cli.ts $(ARGS)

serve: setup ## serve one variant against MYSQL_URL: make serve VARIANT=baseline
	node lib/serve.ts --variant $(VARIANT) $(ARGS)

db: setup ## start a throwaway database and print its URL until Ctrl-C
	node bench/db/cli.ts --print-url $(ARGS)

calibrate: setup ## measure the timing gate's false-alarm and detection rates (docs/ci.md): make calibrate ARGS='--comparisons 20'
	node bench/calibrate.ts $(ARGS)

.PHONY: workshop
workshop: setup ## regenerate docs/workshop.md from results/reference
	node bench/report/workshop-cli.ts

clean: ## remove generated caches, revision worktrees included (not results/)
	rm -rf .cache node_modules/.installed
	git worktree prune
