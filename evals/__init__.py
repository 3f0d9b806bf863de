"""Offline evaluations: hand-labelled cases scored against the coach's deterministic parts."""

__all__: list[str] = []
