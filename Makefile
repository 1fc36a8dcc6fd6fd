# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Set TODAY=YYYY-MM-DD to judge review dates as of another day.
TODAY_FLAG := $(if $(TODAY),--today $(TODAY),)

.PHONY: site serve test lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

## site: lint the repository, then build the auditor site into site/
site: $(VENV)/.installed
	$(BIN)/aims-lint build $(TODAY_FLAG)

## serve: preview the site on http://127.0.0.1:8000, re-rendered on every edit
serve: $(VENV)/.installed
	$(BIN)/aims-lint serve $(TODAY_FLAG)

## test: static checks, then the whole test suite
test: $(VENV)/.installed-test
	$(BIN)/ruff check aims_lint tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build site .pytest_cache .mypy_cache .ruff_cache
