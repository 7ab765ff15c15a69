# Two commands do all set-up on a fresh Debian machine (Python 3.11):
#   make run    installs what the app needs, creates the sample data if none, starts the app
#   make test   installs the same plus test tools, runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := chromium fonts-noto-cjk strace
export COCKPIT_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test system venv sample bench templates clean

run: system $(BIN)/.runtime
	@$(BIN)/python -c "import sys; from cockpit import store; sys.exit(0 if store.months() else 1)" \
		|| $(BIN)/python -m cockpit sample
	@echo "双进双产驾驶舱：http://localhost:$(PORT)  （Ctrl+C 停止）"
	$(BIN)/python -m cockpit serve --server.port $(PORT)

# Browser tests run in a pytest session of their own: Playwright's event loop lives as long as its session and
# would clash with kaleido's asyncio in the PNG export tests.
test: system $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser"
	$(BIN)/python -m pytest -m browser

bench: $(BIN)/.runtime
	$(BIN)/python -m cockpit bench

sample: $(BIN)/.runtime
	$(BIN)/python -m cockpit sample

templates: $(BIN)/.runtime
	$(BIN)/python -m cockpit templates --out templates

# Chromium renders PNG exports (kaleido) and runs browser tests; Noto CJK renders Chinese text; strace lets a test
# prove that the PNG export's Chromium connects to nothing but loopback.
system:
	@if ! command -v chromium >/dev/null || ! command -v strace >/dev/null \
		|| ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(BIN)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(BIN)/.runtime

clean:
	rm -rf $(VENV) data/snapshots data/catalog.duckdb data/catalog.generation
