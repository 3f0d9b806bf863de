"""Builds the system prompt from the shared knowledge file, and wraps the user's words as data."""

from prompts.builder import build_system_prompt

__all__ = ["build_system_prompt"]
