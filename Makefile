PY ?= .venv/bin/python
VENV ?= .venv

.PHONY: install test lint property bench corpus catalogs clean

install:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	$(PY) -m compileall -q reformctl  # bytecode even where PYTHONDONTWRITEBYTECODE is set

test:
	$(PY) -m pytest

# The larger property run (issue 15): the corpus-mutation and option tests with 100 examples
# each instead of the default 25 (CI runs it after `make test`; about 3 CPU minutes).
# REFORMCTL_PROPERTY_EXAMPLES above 100 explores anew each run and adds the slow commands.
PROPERTY_EXAMPLES ?= 100
property:
	REFORMCTL_PROPERTY_EXAMPLES=$(PROPERTY_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider \
		tests/test_gate.py tests/test_options.py -k "survives or any_option_value"

lint:
	$(VENV)/bin/ruff check reformctl tests bench tools
	$(VENV)/bin/mypy reformctl

bench:
	$(PY) bench/run.py

# Extract the messages, update the zh_CN/en catalogs, compile the .mo files (committed).
catalogs:
	$(PY) tools/catalogs.py

# Re-parse the shipped seed into corpus/ (after a parser change).
corpus:
	$(VENV)/bin/reformctl parse corpus/000_675e6135523c2031.txt

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache build *.egg-info
