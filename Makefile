# briefbot: `make run` and `make test` work on a fresh machine with Python 3.11 and pip.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefbot start seeds

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Benchmarks print ratios against baselines measured in the same run (not part of `make test`);
# the first run builds a 100,000-article store in data/ (several minutes), later runs reuse it.
bench: $(STAMP)
	-$(BIN)/python -m bench.ingest
	-$(BIN)/python -m bench.queries
	-$(BIN)/python -m bench.alias
	-$(BIN)/python -m bench.bot_load
	-$(BIN)/python -m bench.bot_load --store data/bench-100k.db
	-$(BIN)/python -m bench.cli_query
	-$(BIN)/python -m bench.hostile
	-$(BIN)/python -m bench.feeds
	-$(BIN)/python -m bench.parse_bounds

clean:
	rm -rf $(VENV) data/*.db*
