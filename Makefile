# Two commands set up a fresh machine: `make demo` (build the graph, print answers) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test build lint clean score bench bench-quick chromium

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/mandates build

demo: $(STAMP)
	$(VENV)/bin/mandates demo
	$(VENV)/bin/mandates site

test: $(STAMP) chromium
	$(VENV)/bin/ruff check src tests
	$(PY) -m pytest

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The browser tests (tests/test_browser.py) drive Debian's Chromium through chromedriver; install both when missing.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q >/dev/null 2>&1 && $(SUDO) apt-get install -y -q chromium chromium-driver >/dev/null; } || \
	  echo "warning: could not install chromium and chromium-driver: tests/test_browser.py will be skipped"; \
	fi

score: $(STAMP)
	$(PY) ../shared/eval/score.py --graph graph/mandates.ttl --gold ../shared/eval/gold

bench: $(STAMP) build
	$(VENV)/bin/mandates bench

bench-quick: $(STAMP) build
	$(VENV)/bin/mandates bench --quick

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

clean:
	rm -rf $(VENV) graph/mandates.ttl
