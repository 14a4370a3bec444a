# Two commands on a fresh machine:  make demo  |  make test
# Everything they need is installed here: the virtualenv, the package, and Neo4j (via Maven).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test lint format bench clean neo4j-install

setup: $(STAMP) neo4j-install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

neo4j-install: $(STAMP)
	$(BIN)/louzhi neo4j install

demo: setup
	$(BIN)/louzhi up --demo

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python -m bench

clean:
	-$(BIN)/louzhi neo4j stop
	rm -rf $(VENV) .louzhi .pytest_cache .ruff_cache
