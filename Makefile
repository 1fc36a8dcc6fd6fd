# Two commands on a fresh machine: `make site` and `make test`.
# Both install from the hash-checked locks in requirements/ (see `make lock`).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LATEST_VENV ?= .venv-latest
# Set TODAY=YYYY-MM-DD to judge review dates as of another day.
TODAY_FLAG := $(if $(TODAY),--today $(TODAY),)
# The suite runs on every core; PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto
UV_VERSION := 0.13.9
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	--custom-compile-command 'make lock'

.PHONY: site serve test test-latest lock clean data data-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml aims_lint/__init__.py requirements/site.txt | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/site.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml aims_lint/__init__.py requirements/lock.txt package-lock.json \
		| $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/lock.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	npm ci --silent --no-audit --no-fund
	touch $(VENV)/.installed $@

## site: lint the repository, then build the auditor site into site/
site: $(VENV)/.installed
	$(BIN)/aims-lint build $(TODAY_FLAG)

## serve: preview the site on http://127.0.0.1:8000, re-rendered on every edit
serve: $(VENV)/.installed
	$(BIN)/aims-lint serve $(TODAY_FLAG)

## data: regenerate the copies `aims-lint init` ships (aims_lint/data/) from schemas/, templates/,
## .github/workflows/ and mkdocs.yml; edit the originals, never the copies (tools/package_data.py)
data:
	$(PYTHON) tools/package_data.py

## data-check: fail while a packaged copy is stale (the tests check it too)
data-check:
	$(PYTHON) tools/package_data.py --check

## test: static checks, then the whole test suite, from the locked versions
test: data-check $(VENV)/.installed-test
	$(BIN)/ruff check aims_lint tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

## test-latest: the same suite on the newest releases pyproject.toml allows, with no lock
test-latest: data-check
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/pip install -q --upgrade pip
	$(LATEST_VENV)/bin/pip install -q --upgrade -e '.[test]'
	npm install --silent --no-audit --no-fund --no-save
	$(LATEST_VENV)/bin/ruff check aims_lint tests benchmarks tools
	$(LATEST_VENV)/bin/mypy
	$(LATEST_VENV)/bin/pytest $(PYTEST_ARGS)

## lock: regenerate requirements/lock.txt (test), site.txt (runtime) and release.txt (build tools)
lock: | $(BIN)/python
	$(BIN)/pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test $(LOCK_FLAGS) -o requirements/lock.txt
	$(BIN)/uv pip compile pyproject.toml requirements/build.in -c requirements/lock.txt $(LOCK_FLAGS) \
		-o requirements/site.txt
	$(BIN)/uv pip compile requirements/release.in requirements/build.in -c requirements/lock.txt $(LOCK_FLAGS) \
		-o requirements/release.txt
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf $(VENV) $(LATEST_VENV) build site .pytest_cache .mypy_cache .ruff_cache node_modules
