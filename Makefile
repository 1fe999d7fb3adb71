# coderoom – `make run` serves on http://127.0.0.1:8000, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_JS := frontend/node_modules/.installed

.PHONY: run test setup system backend frontend check migrate seed bench clean

run: setup migrate seed
	$(BIN)/coderoom serve

test: setup
	scripts/services
	scripts/check
	scripts/test

setup: system backend frontend

system:
	scripts/system-packages

backend: $(STAMP_PY)

$(STAMP_PY): requirements/main.txt requirements/dev.txt requirements/constraints.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -c requirements/constraints.txt -r requirements/dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

frontend: backend
	scripts/build-frontend

migrate: backend
	$(BIN)/coderoom migrate

seed: backend
	$(BIN)/coderoom seed

check: setup
	scripts/check

clean:
	rm -rf $(VENV) frontend/node_modules src/coderoom/web/static var test-artifacts
