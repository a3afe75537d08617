# Guichet IA. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
RUN := $(UV) run --frozen
GUICHET := $(RUN) guichet
# npm from the machine, else the one uv installs from PyPI (group "node").
NPM := $(shell command -v npm 2>/dev/null || echo .venv/bin/npm)
# The demo runs with DEBUG on and a key of its own; production sets both itself.
DEMO_ENV := DEBUG=true SECRET_KEY=demo-only-not-for-production
DEPS_STAMP := .venv/.installed-$(shell cat uv.lock package-lock.json | cksum | cut -d' ' -f1)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: install
install: $(DEPS_STAMP) ## Install Python and front-end dependencies (uv, npm)

$(DEPS_STAMP): uv.lock package-lock.json
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || { \
	  echo "uv is missing: installing it with pip"; \
	  $(PYTHON) -m pip install --user --quiet uv 2>/dev/null || $(PYTHON) -m pip install --quiet uv; }
	$(UV) sync --frozen
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@rm -f .venv/.installed-*
	@touch $@


.PHONY: assets
assets: node_modules/.package-lock.json ## Copy vendored front-end files from node_modules into the app's static folder
	@mkdir -p guichet/web/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js guichet/web/static/vendor/htmx.min.js
	@mkdir -p guichet/web/static/vendor/leaflet guichet/web/static/vendor/leaflet.markercluster
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
	  node_modules/leaflet/dist/leaflet.css \
	  node_modules/leaflet/dist/images guichet/web/static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	  node_modules/leaflet.markercluster/dist/leaflet.markercluster.js.map \
	  node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	  node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
	  guichet/web/static/vendor/leaflet.markercluster/

# The front-end packages alone (production installs them with `npm ci --omit=dev`).
node_modules/.package-lock.json: package-lock.json
	$(NPM) ci --omit=dev --no-audit --no-fund --loglevel=error

.PHONY: demo
demo: install assets ## Prepare SQLite with reference and demo data, then serve http://127.0.0.1:8000 (PORT overrides)
	$(DEMO_ENV) $(GUICHET) migrate --no-input
	$(DEMO_ENV) $(GUICHET) load-territories --source node_modules/@etalab/decoupage-administratif/data --centres guichet/territories/data/communes-centres.csv
	$(DEMO_ENV) $(GUICHET) load-demo --with-accounts
	@echo "Guichet IA : http://127.0.0.1:$(PORT)/"
	$(DEMO_ENV) $(GUICHET) runserver 127.0.0.1:$(PORT)

.PHONY: test
test: install assets lint types check-migrations browser ## Install, then run linters, types, migrations check and the whole suite
	$(RUN) pytest

.PHONY: lint
lint: install ## ruff (check and format) and djLint
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) djlint guichet --lint

.PHONY: format
format: install ## Rewrite code and templates to the house format
	$(RUN) ruff check --fix .
	$(RUN) ruff format .
	$(RUN) djlint guichet --reformat

.PHONY: types
types: install ## mypy with django-stubs
	$(RUN) mypy guichet

.PHONY: check-migrations
check-migrations: install ## Fail when a model change has no migration
	SECRET_KEY=check $(GUICHET) makemigrations --check --dry-run

.PHONY: browser
browser: ## Install Debian's Chromium for the end-to-end tests when it is missing and we can
	@bash scripts/ensure-chromium.sh

SIZES ?= 10000 100000
.PHONY: bench
bench: install ## Benchmark search and matching on synthetic catalogues (SIZES="10000 100000 1000000"); table in var/bench/results.md
	$(RUN) python bench/run.py --sizes $(SIZES) --workdir var/bench

.PHONY: ci
ci: ## Run what CI runs: make test on SQLite, then on PostgreSQL
	bash .ci/run

.PHONY: serve
serve: install assets ## Serve the current database without loading anything
	$(DEMO_ENV) $(GUICHET) runserver 127.0.0.1:$(PORT)

.PHONY: clean
clean: ## Remove the local database, collected files and caches
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
