# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per CPU core; 0 runs the suite in one process.
PYTEST_WORKERS ?= auto
# The venv gets no pip of its own when $(PYTHON) has pip 22.3 or newer, which installs into another
# environment (--python): pip and setuptools installed and byte-compiled in every new venv cost 5 s.
HOST_PIP = $(shell $(PYTHON) -c "import pip, sys; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < (22, 3))" \
	2>/dev/null && echo yes)
# The lists are complete and hashed (pip-compile), so pip checks every file and has nothing to
# resolve; byte-code is compiled on first import rather than for every installed module.
PIP_INSTALL = $(if $(HOST_PIP),$(PYTHON) -m pip --python $(PY),$(PY) -m pip) install \
	--quiet --disable-pip-version-check --no-deps --no-compile --require-hashes

.PHONY: run test setup venv venv-dev requirements migrate demo bench loadtest lint messages check-messages clean

# What the portal runs on: all `make run` installs.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(if $(HOST_PIP),--without-pip) $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

# Tests, checks and benchmarks, on top of the runtime.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

venv-dev: $(VENV)/.installed-dev

setup: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv-dev
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: venv-dev
	$(PY) -m ruff check .

MAKEMESSAGES := manage.py makemessages -l th --no-obsolete --ignore=.venv --ignore=static/vendor \
	--ignore=bench --ignore=tests --ignore=scripts --ignore=loadtest --ignore=test-artifacts

# Regenerate the Thai catalogue after marking strings (needs gettext's xgettext), fill
# it from locale/th/pending/*.json and compile it with polib: no machine needs gettext.
messages: venv-dev
	$(PY) $(MAKEMESSAGES)
	$(PY) scripts/merge_translations.py

# CI: every marked string in the code has a Thai translation in the committed catalogue.
check-messages: venv-dev
	$(PY) $(MAKEMESSAGES) >/dev/null
	$(PY) scripts/check_messages.py

# A morning of meetings (ten captured at once while the pages are measured), the stakeholder
# pages and the summary's documents, on PostgreSQL database pmqa_bench (bench/README.md); exits 1 if a
# target is missed. `make bench BENCH=meetings` runs one; BENCH_SECONDS, BENCH_ROUNDS … override.
bench: venv-dev
	$(PY) bench/run.py $(BENCH)

# Two gunicorn servers, one PostgreSQL (database pmqa_load on 127.0.0.1), many note-takers
# capturing at once; then again with PostgreSQL stopped and started mid-run (loadtest/run.py).
loadtest: venv-dev
	$(PY) loadtest/run.py
	$(PY) loadtest/run.py --restart-db

# Recompile both lists after changing requirements.in or requirements-dev.in (pip-tools):
# every transitive package pinned, with the hashes of its files.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
requirements: venv-dev
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media test-artifacts
