# Ümid Events — `make run` to use it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FLASK := $(BIN)/flask
PO := umid_events/translations/az/LC_MESSAGES/messages.po
MO := $(PO:.po=.mo)
AXE := node_modules/axe-core/axe.min.js
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 5000
# Links in mail and SMS written outside a request (the worker, the demo) point where the
# service is served: `make run PORT=8080` gives http://127.0.0.1:8080 unless it is set.
PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
export PUBLIC_BASE_URL

.PHONY: run worker setup test lint test-sqlite test-postgresql browser axe libical office bench messages clean

run: setup  ## set everything up; serve on http://127.0.0.1:5000 with the mail worker beside it (Ctrl-C stops both)
	@$(FLASK) worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'exit 130' INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

worker: setup  ## the mail worker alone
	$(FLASK) worker

setup: $(STAMP) $(MO)  ## virtualenv, dependencies, translations, database, demo on an empty database
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(MO): $(PO) $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d umid_events/translations -l az

test: $(STAMP) $(MO) browser axe libical office lint test-sqlite test-postgresql  ## lint, then the whole suite on SQLite and on PostgreSQL

lint: $(STAMP)
	$(BIN)/ruff check .

test-sqlite: $(STAMP) $(MO) browser axe libical office
	TEST_DATABASE_URL=sqlite $(BIN)/pytest

test-postgresql: $(STAMP) $(MO) browser axe libical office
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

browser:  ## Debian's Chromium for the browser tests (Playwright cannot download browsers here)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

axe: $(AXE)  ## axe-core, the accessibility engine the browser tests inject into pages (npm ci, as package-lock.json pins it)

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's nodejs and npm for axe-core"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

libical:  ## Debian's libical, read through its GObject bindings by the system Python, for the calendar tests
	@/usr/bin/python3 -c 'import gi; gi.require_version("ICalGLib", "3.0")' >/dev/null 2>&1 || { \
	  echo "Installing Debian's libical bindings (gir1.2-ical-3.0, python3-gi) for the calendar tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gir1.2-ical-3.0 python3-gi >/dev/null; }

office:  ## Debian's LibreOffice (Calc and Writer, no GUI): the tests open the CSV, XLSX and DOCX exports in it
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's LibreOffice for the office-document tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null; }

bench: $(STAMP) $(MO)  ## performance figures: BENCH <name> <value> <unit>
	@failed=""; for script in bench/bench_*.py; do $(BIN)/python "$$script" || failed="$$failed $$script"; done; \
	if [ -n "$$failed" ]; then echo "bench scripts that did not finish:$$failed" >&2; exit 1; fi

messages: $(STAMP)  ## re-extract the UI strings and refresh the Azerbaijani catalogue
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  --project "Umid Events" -o umid_events/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i umid_events/translations/messages.pot \
	  -d umid_events/translations -l az
	$(BIN)/python tools/az_translations.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(MO) node_modules
