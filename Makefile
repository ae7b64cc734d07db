# Weefwerk: `make demo` starts the app with demo data, `make test` runs lint and every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# Django 6 needs Python 3.12+: 3.12 (or 3.13) when the machine has it, else python3 (with the Django
# 5.2 LTS; the code runs on both). See scripts/find-python.sh.
PYTHON ?= $(shell bash scripts/find-python.sh)
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=weefwerk.conf.dev
TESTENV := DJANGO_SETTINGS_MODULE=weefwerk.conf.test

.PHONY: help install system-packages static messages demo serve test lint format check-messages unit e2e clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml $(VENV)/bin/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: system-packages $(VENV)/.installed node_modules/.installed static messages ## Debian packages when missing, virtual env, Python and npm packages, static files, translations

system-packages: ## Debian's chromium, gettext, poppler-utils and DejaVu fonts when missing (as root)
	@bash scripts/system-packages.sh

static: node_modules/.installed ## Copy front-end packages into static files
	npm run --silent build

messages: $(VENV)/.installed ## Compile translations (.po -> .mo)
	cd src/weefwerk && $(DEV) ../../$(BIN)/weefwerk compilemessages --verbosity 0

demo: install ## Migrate a SQLite database under var/, load demo data and serve on http://127.0.0.1:8000
	mkdir -p var
	$(DEV) $(BIN)/weefwerk migrate --verbosity 0
	$(DEV) $(BIN)/weefwerk demo
	@echo "Weefwerk draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	$(DEV) $(BIN)/weefwerk runserver $(HOST):$(PORT)

serve: install ## Serve without reloading the demo data
	$(DEV) $(BIN)/weefwerk migrate --verbosity 0
	$(DEV) $(BIN)/weefwerk runserver $(HOST):$(PORT)

lint: install ## ruff, the engine's import contract, migrations and translations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(TESTENV) $(BIN)/weefwerk makemigrations --check --dry-run --verbosity 1
	$(MAKE) --no-print-directory check-messages

check-messages: ## Fail when a user-facing string is missing from the translation files
	cd src/weefwerk && $(DEV) ../../$(BIN)/weefwerk makemessages -l en --no-location --no-obsolete --verbosity 0 --ignore 'static/vendor/*'
	@git diff --quiet -I 'POT-Creation-Date' -- src/weefwerk/locale || { \
		echo "Translations are out of date: run 'make check-messages' and commit src/weefwerk/locale."; \
		git --no-pager diff --stat -- src/weefwerk/locale; exit 1; }

test: lint ## Lint, then the whole test suite (unit, engine, browser and accessibility tests)
	$(BIN)/pytest

unit: install ## Only the tests that need no browser
	$(BIN)/pytest -m 'not e2e'

e2e: install ## Only the browser tests (Playwright with Debian's chromium)
	$(BIN)/pytest -m e2e

format: install ## Fix lint and formatting where ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtual env, node_modules, built static files and var/
	rm -rf $(VENV) node_modules src/weefwerk/static/vendor var/*.sqlite3 var/static
