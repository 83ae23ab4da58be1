# Two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs longarm with pinned dependencies, runs `longarm demo`
#   make test   the same set-up, then the whole test suite
# For development: make test-fast (unit tests, no end-to-end or browser tests), make lint
# (ruff and mypy), make docs (rewrite docs/cli.md from the CLI's --help).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo test test-fast lint docs install bench faults clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

# The linters (ruff, mypy) only for those who run `make lint`.
$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test,dev]'
	touch $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/longarm demo

test: $(STAMP)
	bash scripts/ensure_chromium.sh || true
	$(BIN)/python -m pytest -q

# The unit tests only: end-to-end (slow) and browser tests are left to `make test`.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not slow and not browser'

# The checkers all run (ruff lint, ruff format --check, mypy); the target fails when any finds something.
# mypy checks the installed layout (longarm.db, ...): scripts/typecheck.py lays it out and runs it.
lint: $(DEV_STAMP)
	$(BIN)/ruff check .; ruff=$$?; $(BIN)/ruff format --check .; fmt=$$?; $(BIN)/python scripts/typecheck.py; mypy=$$?; \
	test $$ruff -eq 0 -a $$fmt -eq 0 -a $$mypy -eq 0

docs: $(STAMP)
	$(BIN)/python scripts/gen_cli_docs.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

faults: $(STAMP)
	$(BIN)/python benchmarks/faults.py

clean:
	rm -rf demo .pytest_cache
