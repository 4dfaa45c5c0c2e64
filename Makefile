# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench bench-entry loadtest install install-dev install-load clean demo-code

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

$(VENV)/.installed-load: requirements.txt requirements-load.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-load.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-load: $(VENV)/.installed-load

run: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# The demo nurses' two-step code now (seed_demo's published key).
demo-code: install
	@DEBUG=true $(BIN)/python manage.py demo_code

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python -m pytest --ds=config.settings_test -n auto

bench: install-dev
	DEBUG=true $(BIN)/python bench/run.py

# Taps and screens to fill in a day and to reach guidance (Chromium, 390 px).
bench-entry: install-dev
	$(BIN)/python -m pytest --ds=config.settings_test -q -s -p no:cacheprovider bench/entry_screens.py

# locust against gunicorn on PostgreSQL (bench/loadtest/run.py): 50 patients
# and 10 nurses for LOADTEST_SECONDS (120 by default), then every save checked.
loadtest: install-load
	$(BIN)/python -m bench.loadtest.run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache .ruff_cache
