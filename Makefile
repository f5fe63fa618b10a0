# The two commands of the quick start are `make html` and `make test`;
# both create the virtual environment first. `make help` lists the rest.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
OUT := _build/html
HOST := 127.0.0.1
PORT ?= 8000
# Reproducible output: every build is dated by the last commit, not by the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)
export SOURCE_DATE_EPOCH

.DEFAULT_GOAL := help
.PHONY: help html test lint serve gettext update-po bench lock clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint constraints.txt "pip>=25.1"
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --group dev --editable .
	@touch $@

# axe-core for the accessibility tests and the Pyodide runtime the site ships; without npm the
# accessibility tests are skipped and the build fails, saying that Pyodide is missing.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped"; fi

html: $(STAMP) $(NODE_STAMP) ## Build the site in English and German into _build/html/.
	$(BIN)/python tools/build_site.py --out $(OUT)

# On every core; each file's tests stay together, in order (a page's examples share a session).
test: $(STAMP) $(NODE_STAMP) ## Run every test: model, examples in both languages, builds, browser.
	$(BIN)/python -m pytest -n auto --dist loadfile --cov --cov-report=term

lint: $(STAMP) ## Check style (ruff) and types (mypy --strict) of all Python code.
	$(BIN)/ruff check .
	$(BIN)/mypy

serve: html ## Preview the built site on http://127.0.0.1:8000/ (this machine only).
	$(BIN)/python -m http.server --bind $(HOST) --directory $(OUT) $(PORT)

gettext: $(STAMP) ## Extract the English messages into _build/gettext/*.pot.
	$(BIN)/sphinx-build --quiet --builder gettext --conf-dir . docs _build/gettext

update-po: gettext ## Merge new English messages into locales/de (then translate the new entries).
	$(BIN)/python tools/update_catalogs.py --pot _build/gettext --locales locales --language de

bench: html ## Measure the model's cost, the page weight and a Python run; prints the machine.
	$(BIN)/python tools/bench_reference.py
	$(BIN)/python tools/bench_page_weight.py --site $(OUT)
	$(BIN)/python tools/bench_tryit.py --site $(OUT)

lock: $(STAMP) ## Re-pin constraints.txt from the current environment.
	$(BIN)/python tools/lock.py

clean: ## Remove build output and the virtual environment.
	rm -rf _build $(VENV) node_modules .pytest_cache .coverage .hypothesis
