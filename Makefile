# Quick start: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := .demo/site.db

.PHONY: run test bench lint demo clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Compiled translations (.qm) are built from the Qt Linguist sources (.ts) kept in the repo.
ui/i18n/%.qm: ui/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

QM := $(patsubst %.ts,%.qm,$(wildcard ui/i18n/*.ts))

$(DEMO_DB): | $(STAMP)
	mkdir -p .demo
	$(BIN)/staging-site demo --db $(DEMO_DB) --people 2000

demo: $(DEMO_DB)

# On Linux, first check the system libraries Qt's xcb plugin needs (prints the apt-get line).
run: $(STAMP) $(QM) $(DEMO_DB)
	$(BIN)/python tools/check_qt_system.py
	$(BIN)/staging-site --db $(DEMO_DB)

test: $(STAMP) $(QM)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# After changing visible strings: refresh the .ts sources, then translate the new entries.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(shell find ui -name '*.py' | sort) -ts ui/i18n/staging_es.ts \
		-no-obsolete -locations none

clean:
	rm -rf $(VENV) .demo build *.egg-info
