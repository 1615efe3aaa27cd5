# newstide: `make demo` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test test-fast lint bench models clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Ingest the bundled sample corpus into ./demo.duckdb and print a report.
demo: $(STAMP)
	$(VENV)/bin/newstide --db demo.duckdb demo

## The whole test suite (slow tests included).
test: $(STAMP)
	$(PY) -m pytest

## The test suite without the slow tests.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy bench

## Benchmarks print figures beside a baseline measured in the same run.
bench: $(STAMP)
	$(PY) bench/extraction_quality.py
	$(PY) bench/ingest_throughput.py
	$(PY) bench/query_latency.py

## Retrain the shipped models from ../shared/data (NER: training/ner, TL;DR: training/tldr).
models: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check gensim==4.4.0
	bash training/ner/train.sh all
	$(PY) training/tldr/train.py

clean:
	rm -rf $(VENV) build dist *.egg-info demo.duckdb
