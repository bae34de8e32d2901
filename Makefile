# Two commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench content screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

# Bytecode is brought up to date first, as pip compiles a regular install, so start-up never
# compiles the sources (with PYTHONDONTWRITEBYTECODE set it would, on every run).
run: $(VENV)/.installed
	$(BIN)/python -m compileall -q mudu_tui
	$(BIN)/mudu-tui $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/ruff check mudu_tui tests benchmarks scripts
	$(BIN)/ruff format --check mudu_tui tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q -rs -p no:cacheprovider $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check mudu_tui tests benchmarks scripts
	$(BIN)/ruff format --check mudu_tui tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

# The README's browser screenshot (docs/browser.png, system Chromium) and its text captures (tmux).
screenshots: $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

# Regenerate content/article.md from the seed with the project's own repair step.
content: $(VENV)/.installed
	$(BIN)/mudu-tui repair seeds/000_fc1c8b160e095227.txt > content/article.md

clean:
	rm -rf $(VENV) build dist .pytest_cache
