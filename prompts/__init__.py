"""Builds the system prompt from the shared knowledge file."""

from prompts.builder import build_system_prompt

__all__ = ["build_system_prompt"]
