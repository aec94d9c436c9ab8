# The two commands of the README:
#   make serve   build the catalog and serve the portal on http://127.0.0.1:8050
#   make test    install everything the tests need and run the whole suite
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: serve test install system-deps node-deps build lint bench bench-short

# Two installs, two stamps: serving needs only the package; the tests add the `test` extra
# (Datasette, selenium, schemathesis …). `make test` after `make serve` still installs it.
SERVE_STAMP := $(VENV)/.installed-serve
TEST_STAMP := $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(SERVE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(SERVE_STAMP)

install: $(TEST_STAMP)

build: $(SERVE_STAMP)
	$(BIN)/portal build

serve: build
	$(BIN)/portal serve

system-deps:
	bash scripts/install-system-deps

node-deps:
	@if [ ! -f node_modules/axe-core/axe.min.js ] && [ -f package.json ]; then npm ci --no-audit --no-fund --silent; fi

lint: install
	$(BIN)/ruff check portal tests bench

# The layers contract first (pyproject.toml [tool.importlinter]): an import pointing up the
# layers stops the run in a second, before the suite.
test: system-deps install node-deps
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadfile -q

bench: system-deps install
	$(BIN)/python -m bench

bench-short: system-deps install
	$(BIN)/python -m bench --short
