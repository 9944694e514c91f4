# Closeloop: `make run` starts the whole system, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test unit token contracts contracts-check bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml */pyproject.toml
	$(UV) sync --frozen --all-packages --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

run: install
	$(VENV)/bin/closeloop-stack run

test: install
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

unit: install
	$(VENV)/bin/python -m pytest -m "not slow" $(PYTEST_ARGS) shared/tests intake-service/tests routing-service/tests sla-service/tests analytics-service/tests

token: install
	@$(VENV)/bin/closeloop-token --scopes "$(SCOPES)" $(if $(STORES),--stores "$(STORES)") $(if $(ROLES),--roles "$(ROLES)")

contracts: install
	$(VENV)/bin/closeloop-contracts --write

contracts-check: install
	$(VENV)/bin/closeloop-contracts --check

bench: install
	$(VENV)/bin/python -m tests.benchmarks $(BENCH)

clean:
	rm -rf $(VENV) $(TOOLS)
