# Council Desk. Quick start: `make run` (serve the app with demo data), `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE_TEST := DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py

.PHONY: run test check setup messages clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(VENV)/bin/activate requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Embedded default: SQLite under var/, no Redis. DATABASE_URL / REDIS_URL in the environment win.
setup: $(VENV)/.runtime
	DEBUG=$${DEBUG:-1} $(PY) manage.py compile_catalogs
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo

run: setup
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev
	$(MANAGE_TEST) compile_catalogs
	$(PY) -m pytest $(PYTEST_ARGS)

check: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates */templates --lint
	$(MANAGE_TEST) makemigrations --check --dry-run
	$(MANAGE_TEST) check_catalogs

# Developers only (needs GNU gettext): refresh the catalogs from the source.
messages: $(VENV)/.dev
	$(MANAGE_TEST) makemessages --locale ko --locale zh_Hans --ignore ".venv/*" --no-obsolete --no-location

clean:
	rm -rf $(VENV) var staticfiles
