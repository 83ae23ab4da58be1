# Two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs longarm with pinned dependencies, runs `longarm demo`
#   make test   the same set-up, then the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench faults clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/longarm demo

test: $(STAMP)
	bash scripts/ensure_chromium.sh || true
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

faults: $(STAMP)
	$(BIN)/python benchmarks/faults.py

clean:
	rm -rf demo .pytest_cache
