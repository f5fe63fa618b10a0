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
.PHONY: help html test coverage lint lint-catalogs format-po translation-status serve gettext update-po \
	bench lock clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

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
PYTEST_PARALLEL := -n auto --dist loadfile
test: $(STAMP) $(NODE_STAMP) ## Run every test: model, examples in both languages, builds, browser.
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

# Tracing every line costs the suite a sixth of its time, so `make test` does without.
coverage: $(STAMP) $(NODE_STAMP) ## Run every test and print the branch coverage of webrtc_reference.
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) --cov --cov-report=term

lint: $(STAMP) lint-catalogs ## Check Python style and types, the workflow and the catalogs.
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

# Every translation catalog: the site's pages and the extension's own strings.
CATALOGS = $(sort $(shell find locales src/webrtc_sphinx/locales -name '*.po'))
lint-catalogs: $(STAMP) ## Check the catalogs: msgfmt --check, powrap format, German spelling.
	$(BIN)/python tools/check_catalog_format.py $(CATALOGS)
	$(BIN)/python tools/spellcheck_catalogs.py --words locales/de/wordlist.txt \
	  $(filter locales/de/% src/webrtc_sphinx/locales/de/%,$(CATALOGS))

format-po: $(STAMP) ## Rewrap every catalog into the canonical gettext format (powrap).
	$(BIN)/powrap --quiet $(CATALOGS)

translation-status: gettext ## Per page: translated, fuzzy and untranslated German messages.
	$(BIN)/python tools/translation_status.py --locales locales --language de --pot _build/gettext

# `make serve LANG=de`: LANG only counts when given on the command line (the environment's
# LANG is the locale). The preview has no Content-Security-Policy: sphinx-autobuild's reload
# script is inline.
SERVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),en)
serve: $(STAMP) ## Preview one language (LANG=de), rebuilt and reloaded on every change.
	LANG=C.UTF-8 $(BIN)/sphinx-autobuild --host $(HOST) --port $(PORT) \
	  -c . -D language=$(SERVE_LANG) -D site_content_security_policy=0 -n \
	  --watch locales --watch src/webrtc_sphinx \
	  docs _build/serve/$(SERVE_LANG)

gettext: $(STAMP) ## Extract the English messages into _build/gettext/*.pot.
	$(BIN)/sphinx-build --quiet --builder gettext --conf-dir . docs _build/gettext

update-po: gettext ## Merge new English messages into locales/de (then translate the new entries).
	$(BIN)/python tools/update_catalogs.py --pot _build/gettext --locales locales --language de
	$(BIN)/powrap --quiet $(CATALOGS)

bench: html ## Measure the model's cost, the page weight and a Python run; prints the machine.
	$(BIN)/python tools/bench_reference.py
	$(BIN)/python tools/bench_page_weight.py --site $(OUT)
	$(BIN)/python tools/bench_tryit.py --site $(OUT)

lock: $(STAMP) ## Re-pin constraints.txt from the current environment.
	$(BIN)/python tools/lock.py

clean: ## Remove build output and the virtual environment.
	rm -rf _build $(VENV) node_modules .pytest_cache .coverage .hypothesis
