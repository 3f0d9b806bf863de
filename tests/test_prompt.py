from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

from coach.knowledge import knowledge_base
from coach.schemas import CAUTION_IDS, PREVENTION_IDS, REASON_IDS, STRATEGY_IDS, Language
from prompts import build_system_prompt

LANGUAGES: tuple[Language, ...] = ("ja", "en")
TOKEN_BUDGET = 2500


@pytest.fixture(scope="module")
def o200k() -> Any:
    """The o200k tokenizer, shipped offline; its loader still uses a deprecated resource API."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import bpe_openai

        return bpe_openai.get_encoding("o200k_base")


@pytest.mark.parametrize("language", LANGUAGES)
def test_prompt_names_every_taxonomy_id(language: Language) -> None:
    prompt = build_system_prompt(language)
    for item_id in (*REASON_IDS, *STRATEGY_IDS, *CAUTION_IDS, *PREVENTION_IDS):
        assert re.search(rf"^- {item_id}\b", prompt, re.MULTILINE), item_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_prompt_fits_the_token_budget(language: Language, o200k: Any) -> None:
    assert len(o200k.encode(build_system_prompt(language))) <= TOKEN_BUDGET


@pytest.mark.parametrize("language", LANGUAGES)
def test_prompt_carries_the_knowledge_in_the_answer_language(language: Language) -> None:
    prompt = build_system_prompt(language)
    for reason in knowledge_base().reasons.values():
        assert reason.meaning.get(language) in prompt
    other: Language = "en" if language == "ja" else "ja"
    assert knowledge_base().reasons["busy"].meaning.get(other) not in prompt


def test_prompts_differ_only_where_language_matters() -> None:
    ja, en = build_system_prompt("ja"), build_system_prompt("en")
    assert ja != en
    assert "Japanese" in ja and "Japanese" not in en
    assert "English" in en


@pytest.mark.parametrize("language", LANGUAGES)
def test_prompt_states_the_output_contract_and_the_data_boundary(language: Language) -> None:
    prompt = build_system_prompt(language)
    for key in ('"reason"', '"summary"', '"categories"', '"response"', '"approach"', '"replies"'):
        assert key in prompt
    assert '"caution"' in prompt and '"points"' in prompt
    assert "<situation>" in prompt and "never reveal" in prompt
    assert "$" not in prompt  # every template slot filled


def test_prompt_is_built_once() -> None:
    assert build_system_prompt("ja") is build_system_prompt("ja")
