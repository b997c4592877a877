# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup venv migrate demo bench loadtest lint messages check-messages clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

setup: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(PY) -m ruff check .

MAKEMESSAGES := manage.py makemessages -l th --no-obsolete --ignore=.venv --ignore=static/vendor \
	--ignore=bench --ignore=tests --ignore=scripts --ignore=loadtest --ignore=test-artifacts

# Regenerate the Thai catalogue after marking strings (needs gettext's xgettext), fill
# it from locale/th/pending/*.json and compile it with polib: no machine needs gettext.
messages: venv
	$(PY) $(MAKEMESSAGES)
	$(PY) scripts/merge_translations.py

# CI: every marked string in the code has a Thai translation in the committed catalogue.
check-messages: venv
	$(PY) $(MAKEMESSAGES) >/dev/null
	$(PY) scripts/check_messages.py

# A morning of meetings (ten captured at once while the pages are measured), the stakeholder
# pages and part 2's documents, on PostgreSQL database pmqa_bench (bench/README.md); exits 1 if a
# target is missed. `make bench BENCH=meetings` runs one; BENCH_SECONDS, BENCH_ROUNDS … override.
bench: venv
	$(PY) bench/run.py $(BENCH)

# Two gunicorn servers, one PostgreSQL (database pmqa_load on 127.0.0.1), many note-takers
# capturing at once; then again with PostgreSQL stopped and started mid-run (loadtest/run.py).
loadtest: venv
	$(PY) loadtest/run.py
	$(PY) loadtest/run.py --restart-db

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media test-artifacts
