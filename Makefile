# Two commands a newcomer needs: `make run` and `make test`. Both build .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench screenshots clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/workbook

lint: $(STAMP_TEST)
	$(BIN)/ruff check workbook screens content tests benchmarks docs
	$(BIN)/ruff format --check workbook screens content tests benchmarks docs

test: lint
	$(BIN)/python -m pytest -q -n 4

bench: $(STAMP_TEST)
	$(BIN)/python -m benchmarks.run

# The README's pictures, taken by the app itself on the demo couple (test extras pin Textual,
# so the pictures do not change with its version).
screenshots: $(STAMP_TEST)
	$(BIN)/python -m docs.screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
