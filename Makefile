# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
MANAGE := $(RUN) python manage.py
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=site_config.settings.test
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: one per CPU. Each worker makes and drops its own test database.
PYTEST_WORKERS ?= auto

.PHONY: run test test-fast install uv lint format check-db browser demo clean bench soak

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

install: uv
	@$(UV) sync --frozen --quiet

run: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@$(MANAGE) ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Serving the site on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	@echo "The scheduler publishes scheduled pages every minute (its lines start with 'scheduler')."
	HOST=$(HOST) $(RUN) honcho -f Procfile.dev start --port $(PORT)

# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium'"; exit 1; \
		fi; \
	fi

check-db: install
	@$(TEST_SETTINGS) $(MANAGE) check_database --require-postgresql

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) djlint . --lint
	$(RUN) lint-imports

test: check-db lint browser
	$(TEST_SETTINGS) $(MANAGE) check --fail-level WARNING
	$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run
	$(RUN) pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The suite without browsers and server processes (gunicorn, the scheduler): a quick loop
# while working. `make test` still runs everything.
test-fast: check-db
	$(RUN) pytest -n $(PYTEST_WORKERS) -m "not browser and not servers" $(PYTEST_ARGS)

format: install
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

clean:
	rm -rf var .venv .pytest_cache .ruff_cache

# Not part of `make test`: a large conference in a fresh PostgreSQL database, served by gunicorn
# under the production settings and loaded with wrk on 127.0.0.1. Writes bench/results.md.
bench: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's wrk for the benchmark"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "make bench needs wrk: run 'sudo apt-get install wrk'"; exit 1; \
		fi; \
	fi
	$(RUN) python bench/run.py

# Not part of `make test`: 60 s of wrk at 64 connections, then PostgreSQL restarted under load,
# Redis stopped and the S3 server stopped (with renditions to make), against gunicorn on
# 127.0.0.1. Writes bench/soak.md.
soak: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's wrk for the soak test"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "make soak needs wrk: run 'sudo apt-get install wrk'"; exit 1; \
		fi; \
	fi
	$(RUN) python bench/soak.py
