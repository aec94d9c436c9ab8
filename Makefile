# The two commands of the README:
#   make serve   build the catalog and serve the portal on http://127.0.0.1:8050
#   make test    install everything the tests need and run the whole suite
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: serve test install system-deps node-deps build lint bench bench-short

$(BIN)/portal: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/portal

build: install
	$(BIN)/portal build

serve: build
	$(BIN)/portal serve

system-deps:
	bash scripts/install-system-deps

node-deps:
	@if [ ! -f node_modules/axe-core/axe.min.js ] && [ -f package.json ]; then npm ci --no-audit --no-fund --silent; fi

lint: install
	$(BIN)/ruff check portal tests bench

test: system-deps install node-deps
	$(BIN)/pytest -n 2 --dist loadfile -q

bench: system-deps install
	$(BIN)/python -m bench

bench-short: system-deps install
	$(BIN)/python -m bench --short
