# Two commands on a fresh machine: `make site` and `make test`. Both set up what they need
# (.venv with a Python >= 3.12, pinned packages, npm ci, Debian packages) and are safe to re-run.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SYSTEM_STAMP := .cache/system-packages
ENGINE ?= mkdocs
SITE_DIR ?= site

.DEFAULT_GOAL := site
.PHONY: setup site test serve check bench clean

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

$(PY_STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(SYSTEM_STAMP): scripts/install-system-packages
	scripts/install-system-packages
	mkdir -p $(dir $@) && touch $@

setup: $(PY_STAMP) $(NODE_STAMP) $(SYSTEM_STAMP)

## Build the site, the widgets' runtime and both PDFs into site/ (atomically); says what it did.
## ENGINE=zensical builds the same pages with Zensical, Material for MkDocs' successor.
site: setup
	$(PY) -m generator build --pages-first --engine $(ENGINE) --site-dir $(SITE_DIR)

## Run every test: unit, property, build, PDF, Pyodide in Node and the browser.
test: setup
	$(PY) -m pytest

## Live preview for writers: a saved YAML file reloads the page; broken content shows its problems.
serve: setup
	$(PY) -m mkdocs serve

## Validate content/ alone.
check: $(PY_STAMP)
	$(PY) -m generator check

## Speed and size figures, as ratios against baselines measured in the same run.
bench: setup
	$(PY) -m benchmarks

clean:
	rm -rf site .cache build
