# Council Desk. Quick start: `make run` (serve the app with demo data), `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE_TEST := DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py
# Every Python process keeps its compiled modules (__pycache__), even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): the suite starts many (test processes, Celery workers, manage.py commands),
# and each would otherwise compile Django and every package again, seconds of CPU apiece.
unexport PYTHONDONTWRITEBYTECODE
# `make test` runs the suite in this many processes (pytest-xdist; "auto": one per CPU, 0: in this one).
TEST_PROCESSES ?= auto

.PHONY: run test test-dates check audit lock upgrade setup screenshots messages clean oidc-provider bench bench-db bench-data bench-reminders bench-dashboard bench-report bench-load bench-lighthouse

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

# The locks (requirements*.txt) pin every package, direct or not, with its hashes: uv takes exactly
# those files or nothing (as pip would, in a twentieth of the time). uv itself is installed by pip, as
# requirements-dev.txt pins it: its entry, hashes included. The locks are compiled from requirements*.in
# by `make lock`.
UV_INSTALL := $(VENV)/bin/uv pip install --quiet --require-hashes --no-deps --python $(PY)

$(VENV)/bin/uv: $(VENV)/bin/activate requirements-dev.txt
	awk '/^uv==/{found=1} found{print} found && !/\\$$/{exit}' requirements-dev.txt > $(VENV)/uv-lock.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-lock.txt
	touch $@

$(VENV)/.runtime: $(VENV)/bin/uv requirements.txt
	$(UV_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(UV_INSTALL) -r requirements-dev.txt
	touch $@

$(VENV)/.bench: $(VENV)/.dev requirements-bench.txt
	$(UV_INSTALL) -r requirements-bench.txt
	touch $@

# requirements*.in → requirements*.txt with hashes (uv pip compile), for every platform and Python 3.11.
# `make lock` after editing an .in file keeps every other package at its locked version; `make upgrade`
# moves each to its newest release inside the .in files' ranges. Then `make test`, and commit the locks.
COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --annotation-style line \
	--no-header $(1)
lock: $(VENV)/.dev
	$(call COMPILE) requirements.in -o requirements.txt
	$(call COMPILE) requirements-dev.in -o requirements-dev.txt
	$(call COMPILE) requirements-bench.in -o requirements-bench.txt

upgrade: $(VENV)/.dev
	$(call COMPILE,--upgrade) requirements.in -o requirements.txt
	$(call COMPILE,--upgrade) requirements-dev.in -o requirements-dev.txt
	$(call COMPILE,--upgrade) requirements-bench.in -o requirements-bench.txt
	$(MAKE) --no-print-directory $(VENV)/.bench

# The locked packages against the known vulnerabilities (bin/audit; audit-ignore.txt lists exceptions).
audit: $(VENV)/.dev
	$(PY) bin/audit

# make run, its setup and the benchmarks use the development settings: production's (config.settings)
# with the demo and bench apps, which production never installs (config/settings_dev.py).
setup run screenshots bench bench-%: export DJANGO_SETTINGS_MODULE = config.settings_dev

# Embedded default: SQLite under var/, no Redis. DATABASE_URL / REDIS_URL in the environment win.
setup: $(VENV)/.runtime
	DEBUG=$${DEBUG:-1} $(PY) manage.py compile_catalogs
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo

# The web server and a Celery worker with the beat (reminders), together; Ctrl-C stops both.
# SITE_URL: the links in reminders point to this server.
run: setup
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} PY=$(PY) bin/run-embedded $(HOST):$(PORT)

# Each role's home at 1280 and 390 pixels, as PNGs in docs/screenshots/, from the demo loaded afresh
# (bin/screenshots; Debian's Chromium, as the browser tests).
screenshots: setup $(VENV)/.dev
	$(PY) bin/screenshots

# The OpenID Connect provider the sign-in tests start (tests/accounts/oidc/provider), when node is here:
# its npm packages as package-lock.json pins them. Without node (or, outside CI, without the registry)
# those tests skip; in CI they fail.
OIDC_PROVIDER_DIR := tests/accounts/oidc/provider
oidc-provider:
	@if command -v npm >/dev/null; then \
	  [ $(OIDC_PROVIDER_DIR)/node_modules/.package-lock.json -nt $(OIDC_PROVIDER_DIR)/package-lock.json ] \
	    || npm ci --prefix $(OIDC_PROVIDER_DIR) --no-audit --no-fund --loglevel=error \
	    || { [ "$$CI" != true ] && echo "npm ci failed: the OpenID Connect tests will be skipped" >&2; }; \
	fi

# TEST_CLOCK=moved (CI): each test once, the browser and fuzz folders at today's clock and the rest at a
# moment drawn from tests/dates.py (bin/test-at-dates --one, which prints it; needs Debian's faketime).
test: $(VENV)/.dev oidc-provider
	$(MANAGE_TEST) compile_catalogs
ifeq ($(TEST_CLOCK),moved)
	$(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS) tests/browser tests/fuzz
	PY=$(PY) bin/test-at-dates --one -n $(TEST_PROCESSES) $(PYTEST_ARGS)
else
	$(PY) -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)
endif

# The suite (less its browser and fuzz folders) with the clock moved by libfaketime to each moment of
# tests/dates.py: New Year's Eve in UTC, 29 February, a holiday of both cities, the day before and the
# day of a general assembly, eight years ahead (bin/test-at-dates; needs Debian's faketime).
test-dates: $(VENV)/.dev
	$(MANAGE_TEST) compile_catalogs
	PY=$(PY) bin/test-at-dates -n $(TEST_PROCESSES) $(PYTEST_ARGS)

# Every form, for every role, against generated bad input (tests/fuzz): FUZZ_EXAMPLES cases per form (the
# suite runs 20 each, the same ones every run), new ones each run unless FUZZ_SEED is a number (the summary
# prints the seed, to repeat a run). Prints the cases per form and in total, and the outcome. On
# PostgreSQL: DATABASE_URL=postgres://…/council_desk_fuzz make fuzz.
.PHONY: fuzz
FUZZ_EXAMPLES ?= 100
FUZZ_SEED ?= random
fuzz: $(VENV)/.dev
	$(MANAGE_TEST) compile_catalogs
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) $(PY) -m pytest tests/fuzz/test_forms.py -v $(PYTEST_ARGS)

check: $(VENV)/.dev audit
	@# What is installed agrees with itself (every package's own requirements are met).
	$(PY) -m pip check
	$(VENV)/bin/ruff check .
	@# One clock (see pyproject.toml): templates take "today" from their view, not from {% now %}.
	@! grep -rn "{% now" templates */templates || (echo "templates: use the view's date, not {% now %}"; false)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates */templates --lint
	$(MANAGE_TEST) makemigrations --check --dry-run
	$(MANAGE_TEST) check_catalogs
	@# The import contracts (pyproject.toml): each app imports only the apps below it (docs/architecture.md).
	$(VENV)/bin/lint-imports --no-logo

# Benchmarks (the bench app; `make bench`, or each as a bench-* target), on PostgreSQL and Redis: DATABASE_URL and
# REDIS_URL from the environment, else a database of their own (created and migrated here) and Redis db 2.
bench bench-%: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/council_desk_bench
bench bench-%: export REDIS_URL ?= redis://127.0.0.1:6379/2
bench bench-%: export DEBUG ?= 1

bench: bench-reminders bench-dashboard bench-report bench-load bench-lighthouse

bench-db: $(VENV)/.dev
	psql "$$DATABASE_URL" -tAc "SELECT 1" >/dev/null 2>&1 \
	  || createdb --maintenance-db="$${DATABASE_URL%/*}/postgres" "$${DATABASE_URL##*/}"
	$(PY) manage.py migrate --no-input --verbosity 0

# Reminder delivery against a no-op Celery task, through a real worker, Redis and SMTP.
bench-reminders: bench-db
	$(PY) manage.py bench_reminders

# The demo council with 100,000 bulk exchanges, for bench-dashboard and bench-load, in a database of its
# own kept between runs (bench-reminders empties its database): the demo data and the bulk exchanges
# are made only when the count differs, so a rerun starts measuring at once.
BENCH_DATA_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/council_desk_bench_dashboard
BENCH_EXCHANGES ?= 100000
bench-data bench-dashboard bench-load bench-lighthouse: export DATABASE_URL = $(BENCH_DATA_DATABASE_URL)
bench-data: $(VENV)/.dev
	$(MAKE) --no-print-directory bench-db
	@generated=$$(psql "$$DATABASE_URL" -tAc "SELECT count(*) FROM teams_exchange e \
	    JOIN council_user u ON u.id = e.created_by_id WHERE u.username = 'seed-bulk'"); \
	  if [ "$$generated" != "$(BENCH_EXCHANGES)" ]; then \
	    echo "$$generated bulk exchanges, not $(BENCH_EXCHANGES): loading the demo data and seeding …"; \
	    $(PY) manage.py load_demo >/dev/null && $(PY) manage.py seed_bulk --exchanges $(BENCH_EXCHANGES) --replace; \
	  fi

# The dashboard, its floor in raw SQL, the exchange list and the admin changelist at 100,000 exchanges.
bench-dashboard: bench-data
	$(PY) manage.py bench_dashboard

# The achievements report's PDF, made and then kept, on the demo data alone (the figure of its target) in
# a database of its own, loaded once.
BENCH_REPORT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/council_desk_bench_report
bench-report: export DATABASE_URL = $(BENCH_REPORT_DATABASE_URL)
bench-report: $(VENV)/.dev
	$(MAKE) --no-print-directory bench-db
	@if [ "$$(psql "$$DATABASE_URL" -tAc "SELECT count(*) FROM council_council")" = "0" ]; then \
	    echo "Loading the demo data …"; $(PY) manage.py load_demo >/dev/null; \
	  fi
	$(PY) manage.py bench_report

# 50 signed-in people of every role for 60 s against gunicorn with production settings, beside the same
# people on a trivial view (locust; bench/locustfile.py). LOAD_ARGS: e.g. --users 20 --seconds 30.
bench-load: bench-data $(VENV)/.bench
	$(PY) manage.py bench_load $(LOAD_ARGS)

# Lighthouse's mobile performance score and LCP of the dashboard and the exchange list, signed in, against
# gunicorn with production settings and compressed static files, beside their targets. Lighthouse is
# pinned by bench/lighthouse/package-lock.json (npm ci, needs node); the browser is Debian's Chromium
# (CHROME_PATH, /usr/bin/chromium unless set). LIGHTHOUSE_ARGS: e.g. --runs 5 --reports var/lighthouse.
LIGHTHOUSE_DIR := bench/lighthouse
$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package-lock.json
	npm ci --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund --loglevel=error

bench-lighthouse: bench-data $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	$(PY) manage.py bench_lighthouse $(LIGHTHOUSE_ARGS)

# Developers only (needs GNU gettext): refresh the catalogs from the source.
messages: $(VENV)/.dev
	$(MANAGE_TEST) makemessages --locale ko --locale zh_Hans --ignore ".venv/*" --no-obsolete --no-location

clean:
	rm -rf $(VENV) var staticfiles
