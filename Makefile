# Two commands on a fresh machine:  make demo  |  make test
# Everything they need is installed here: the virtualenv, the package, Neo4j (via Maven), the
# web page's npm packages and bundle, and (for the browser tests) Debian's chromium.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WEB_MODULES := web/node_modules/.package-lock.json
WEB_BUILT   := web/dist/index.html
WEB_SOURCES := $(shell find web/src -type f) web/index.html web/vite.config.ts web/tsconfig.json

.PHONY: setup demo test lint format bench bench-district clean neo4j-install web chromium

setup: $(STAMP) neo4j-install web

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

neo4j-install: $(STAMP)
	$(BIN)/louzhi neo4j install

# The planner's page: npm ci from the committed lock, then the bundle in web/dist.
web: $(WEB_BUILT)

$(WEB_MODULES): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

$(WEB_BUILT): $(WEB_MODULES) $(WEB_SOURCES)
	cd web && npm run build

# The browser tests drive Debian's chromium (never a browser a tool downloads itself), with a
# Chinese font so that the screenshots show the page's Chinese labels.
chromium:
	@test -x /usr/bin/chromium -a -d /usr/share/fonts/truetype/wqy || \
	  (apt-get update && apt-get install -y chromium fonts-wqy-microhei)

demo: setup
	$(BIN)/louzhi up --demo

test: setup chromium
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

# A district of 300 communities, about 1.1 million residents (about half an hour; also in bench).
bench-district: setup
	$(BIN)/python -m bench district

clean:
	-$(BIN)/louzhi neo4j stop
	rm -rf $(VENV) .louzhi .pytest_cache .ruff_cache web/node_modules web/dist bench/peer/node_modules
