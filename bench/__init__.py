"""Speed figures; `python -m bench.llm` times the model path."""
