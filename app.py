"""音信不通コーチ — the chat page. UI only: every decision is made in `coach`.

Reads top to bottom: settings in the sidebar, the conversation replayed, the chat input,
one turn streamed, then a rerun that shows it from the history.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import streamlit as st

from coach import (
    Advice,
    Coach,
    CoachUnavailable,
    InvalidInput,
    InvalidSettings,
    Settings,
    load_settings,
)
from coach.conversation import ChatEntry, history, rating_from_thumbs
from coach.events import Final, Section, Status
from coach.export import to_json, to_markdown
from coach.knowledge import Kind, label
from coach.messages import (
    DISCLAIMER,
    fallback_note,
    heading,
    plain_markdown,
    source_badge,
    tel_href,
)
from coach.schemas import Caution, Language, Mode, Reason, Response
from coach.text import clean

_log = logging.getLogger("coach.page")

LanguageChoice = Literal["auto", "ja", "en"]

_UI: dict[Language, dict[str, str]] = {
    "ja": {
        "title": "音信不通コーチ",
        "tagline": "音信不通だった相手から急に連絡が来たとき、落ち着いて返すための相談相手です。",
        "intro": "どんな連絡が来たか、これまでの関係を一言添えて書いてください。"
        "理由・返し方・気をつけることの3つに分けて答えます。",
        "copy_hint": "右上のボタンでコピーできます",
        "examples": "例から始める",
        "more_examples": "ほかの例を試す",
        "placeholder": "どんな連絡が来ましたか?",
        "settings": "設定",
        "language": "回答の言語",
        "mode": "回答のしかた",
        "model": "モデル",
        "base_url": "ベースURL",
        "base_url_help": "OpenAI互換のエンドポイント（例: http://localhost:11434/v1）",
        "api_key": "APIキー",
        "api_key_help": "このブラウザのセッションの中だけに置かれ、表示も書き出しもされません。",
        "api_key_env": "環境変数のキーを使用中",
        "test": "接続テスト",
        "reset": "会話をリセット",
        "download": "会話を保存",
        "download_md": "Markdownで保存",
        "download_json": "JSONで保存",
        "thinking": "考えています…",
        "done": "回答しました",
        "failed": "回答できませんでした",
        "details": "詳細",
        "retry": "もう一度送る",
        "edit": "入力欄に戻して直す",
        "unexpected": "思いがけないエラーで回答できませんでした。入力した文章は残っています。"
        "もう一度送るか、オフラインでお試しください。",
        "check_failed": "接続テストを実行できませんでした。設定を確認してください。",
    },
    "en": {
        "title": "Reconnect Coach",
        "tagline": "For when someone who went silent suddenly gets back in touch.",
        "intro": "Describe the message you received and a word about your history. "
        "The answer comes in three parts: why, how to reply, what to watch out for.",
        "copy_hint": "copy with the button at the top right",
        "examples": "Start from an example",
        "more_examples": "Try another example",
        "placeholder": "What message did you get?",
        "settings": "Settings",
        "language": "Answer language",
        "mode": "How to answer",
        "model": "Model",
        "base_url": "Base URL",
        "base_url_help": "An OpenAI-compatible endpoint (e.g. http://localhost:11434/v1)",
        "api_key": "API key",
        "api_key_help": "Kept only in this browser session; never shown or exported.",
        "api_key_env": "Using the key from the environment",
        "test": "Test connection",
        "reset": "Reset conversation",
        "download": "Save the conversation",
        "download_md": "Save as Markdown",
        "download_json": "Save as JSON",
        "thinking": "Thinking…",
        "done": "Answered",
        "failed": "No answer",
        "details": "Details",
        "retry": "Send again",
        "edit": "Back to the input to edit",
        "unexpected": "An unexpected error stopped the answer. Your text is kept: "
        "send it again, or try the offline mode.",
        "check_failed": "The connection test could not run. Check the settings.",
    },
}

_EXAMPLES: dict[Language, tuple[str, ...]] = {
    "ja": (
        "半年連絡がなかった友達から「久しぶり!元気?」とLINEが来た",
        "別れて1年の元恋人から急に「最近どうしてる?」と連絡が来た",
        "3か月既読スルーだった同僚から「ずっと返せなくてごめん」と届いた",
        "フェードアウトした元同級生から、突然飲みに誘われた",
    ),
    "en": (
        "A friend who went quiet for six months texted 'Hey, long time! How are you?'",
        "My ex messaged 'What have you been up to?' a year after we broke up",
        "A colleague who left me on read for three months wrote 'Sorry I never replied'",
    ),
}

_MODES: dict[Language, dict[Mode, str]] = {
    "ja": {"auto": "自動", "llm": "AIのみ", "offline": "オフライン"},
    "en": {"auto": "Auto", "llm": "AI only", "offline": "Offline"},
}
_LANGUAGES: dict[LanguageChoice, str] = {"auto": "自動 / Auto", "ja": "日本語", "en": "English"}
BadgeColor = Literal["blue", "gray", "red"]
_BADGE_STYLE: dict[str, tuple[BadgeColor, str]] = {
    "llm": ("blue", ":material/auto_awesome:"),
    "rules": ("gray", ":material/menu_book:"),
    "safety": ("red", ":material/health_and_safety:"),
}
_AVATARS = {"user": ":material/person:", "assistant": ":material/support_agent:"}


# --- state ------------------------------------------------------------------------------


def _entries() -> list[ChatEntry]:
    entries: list[ChatEntry] = st.session_state.setdefault("entries", [])
    return entries


def _find(entry_id: str) -> ChatEntry | None:
    return next((e for e in _entries() if e.id == entry_id), None)


def _reset() -> None:
    for entry in _entries():
        st.session_state.pop(f"feedback_{entry.id}", None)
    st.session_state["entries"] = []
    st.session_state.pop("pending", None)
    st.session_state.pop("connection", None)


def _submit(text: str) -> None:
    st.session_state["pending"] = text


def _retry(entry_id: str) -> None:
    entry = _find(entry_id)
    if entry is not None:
        _entries().remove(entry)
        _submit(entry.user)


def _edit(entry_id: str) -> None:
    entry = _find(entry_id)
    if entry is not None:
        _entries().remove(entry)
        st.session_state["chat_input"] = entry.user


def _store_rating(entry_id: str) -> None:
    entry = _find(entry_id)
    if entry is not None:
        entry.rating = rating_from_thumbs(st.session_state.get(f"feedback_{entry_id}"))


def _settings_overrides() -> dict[str, Any]:
    """Only what the user typed: an empty field leaves the environment's value in force."""
    values = {
        "api_key": st.session_state.get("api_key", ""),
        "base_url": st.session_state.get("base_url", ""),
        "model": st.session_state.get("model", ""),
    }
    return {name: value.strip() for name, value in values.items() if value and value.strip()}


def _coach() -> Coach:
    """One Coach per settings combination, held in this session only (it may hold the key)."""
    overrides = _settings_overrides()
    signature = tuple(sorted(overrides.items()))
    held = st.session_state.get("coach")
    if held is not None and held[0] == signature:
        coach: Coach = held[1]
        return coach
    coach = Coach(load_settings(**overrides))
    if held is not None and callable(close := getattr(held[1], "close", None)):
        close()
    st.session_state["coach"] = (signature, coach)
    return coach


def _environment() -> Settings | None:
    try:
        return load_settings()
    except InvalidSettings:
        return None


# --- rendering --------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Text exactly as written: no markdown heading, link, image or colour sneaks in from the
    user or the model, and no control or invisible character."""
    return plain_markdown(text)


def _chips(kind: Kind, ids: list[str], language: Language, color: str) -> None:
    if ids:
        st.markdown(" ".join(f":{color}-badge[{label(kind, i, language)}]" for i in ids))


def _reason(reason: Reason, language: Language) -> None:
    st.markdown(f"##### {heading('reason', language)}")
    _chips("reasons", list(reason.categories), language, "violet")
    st.markdown(_plain(reason.summary))


def _response(response: Response, language: Language) -> None:
    st.markdown(f"##### {heading('response', language)}")
    _chips("strategies", list(response.strategies), language, "green")
    st.markdown(_plain(response.approach))
    if response.replies:
        st.caption(f"{heading('replies', language)} — {_UI[language]['copy_hint']}")
        for reply in response.replies:
            st.code(clean(reply), language=None, wrap_lines=True)


def _caution(caution: Caution, language: Language) -> None:
    st.markdown(f"##### {heading('caution', language)}")
    st.markdown("\n".join(f"- {_plain(point)}" for point in caution.points))
    if caution.prevention:
        st.caption(heading("prevention", language))
        _chips("prevention", list(caution.prevention), language, "gray")


def _sections(parts: dict[str, Any], language: Language) -> None:
    if isinstance(reason := parts.get("reason"), Reason):
        _reason(reason, language)
    if isinstance(response := parts.get("response"), Response):
        _response(response, language)
    if isinstance(caution := parts.get("caution"), Caution):
        _caution(caution, language)


def _safety(advice: Advice) -> None:
    """A fixed answer from the rails: one prominent box, numbers that dial when tapped."""
    lang = advice.language
    lines = [f"**{heading('safety', lang)}**", "", _plain(advice.reason.summary)]
    if advice.response.approach:
        lines += ["", _plain(advice.response.approach)]
    if advice.safety.resources:
        lines += ["", f"**{heading('resources', lang)}**", ""]
        for r in advice.safety.resources:
            contact = f"[{r.contact}]({tel_href(r.tel)})" if r.tel else r.contact
            lines.append(f"- {r.name}: **{contact}**" + (f" — {r.note}" if r.note else ""))
    lines += ["", f"**{heading('caution', lang)}**", ""]
    lines += [f"- {_plain(point)}" for point in advice.caution.points]
    body = "\n".join(lines)
    if advice.safety.level == "self_harm":
        st.warning(body, icon=":material/favorite:")
    else:
        st.error(body, icon=":material/health_and_safety:")


def _advice(advice: Advice, ui: dict[str, str]) -> None:
    lang = advice.language
    color, icon = _BADGE_STYLE[advice.source]
    st.badge(source_badge(advice.source, lang), icon=icon, color=color)
    if advice.meta.fallback_reason:
        st.caption(fallback_note(advice.meta.fallback_reason, lang))
    if advice.source == "safety":
        _safety(advice)
    else:
        _sections(
            {"reason": advice.reason, "response": advice.response, "caution": advice.caution}, lang
        )
    with st.expander(ui["details"]):
        st.json(advice.meta.model_dump(mode="json"), expanded=True)


def _replay(entry: ChatEntry, ui: dict[str, str], ui_lang: Language) -> None:
    with st.chat_message("user", avatar=_AVATARS["user"]):
        st.markdown(_plain(entry.user))
    with st.chat_message("assistant", avatar=_AVATARS["assistant"]):
        if entry.advice is not None:
            _advice(entry.advice, ui)
            st.feedback(
                "thumbs", key=f"feedback_{entry.id}", on_change=_store_rating, args=(entry.id,)
            )
            return
        st.error(entry.error(ui_lang) or ui["unexpected"])
        retry, edit = st.columns(2)
        retry.button(ui["retry"], key=f"retry_{entry.id}", on_click=_retry, args=(entry.id,))
        edit.button(ui["edit"], key=f"edit_{entry.id}", on_click=_edit, args=(entry.id,))


def _empty_state(ui: dict[str, str], ui_lang: Language) -> None:
    st.markdown(ui["intro"])
    st.info(DISCLAIMER[ui_lang], icon=":material/info:")
    st.caption(ui["examples"])
    _example_buttons(ui_lang)


def _example_buttons(ui_lang: Language) -> None:
    for number, example in enumerate(_EXAMPLES[ui_lang]):
        st.button(
            example,
            key=f"example_{number}",
            on_click=_submit,
            args=(example,),
            icon=":material/chat_bubble:",
            width="stretch",
        )


# --- one turn ---------------------------------------------------------------------------


def _turn(text: str, *, mode: Mode, language: Language | None, ui_lang: Language) -> None:
    """Stream one answer; keep the text whatever happens, then rerun to show it from history."""
    ui = _UI[ui_lang]
    with st.chat_message("user", avatar=_AVATARS["user"]):
        st.markdown(_plain(text))
    with st.chat_message("assistant", avatar=_AVATARS["assistant"]):
        status = st.status(ui["thinking"], expanded=False)
        live = st.empty()
        parts: dict[str, Any] = {}
        advice: Advice | None = None
        entry: ChatEntry | None = None
        try:
            coach = _coach()
            earlier = history(_entries())
            for event in coach.stream(text, mode=mode, history=earlier, language=language):
                if isinstance(event, Status):
                    message = event.message_ja if ui_lang == "ja" else event.message_en
                    status.update(label=message)
                    status.write(message)
                    if event.stage == "fallback":
                        parts.clear()
                elif isinstance(event, Section):
                    parts[event.name] = event.value
                elif isinstance(event, Final):
                    advice = event.advice
                with live.container():
                    _sections(parts, language or ui_lang)
        except InvalidInput as error:
            if error.code == "empty":
                status.update(label=ui["failed"], state="error")
                live.error(error.message(ui_lang))
                return
            entry = ChatEntry(user=text, error_ja=error.message("ja"), error_en=error.message("en"))
        except (CoachUnavailable, InvalidSettings) as error:
            entry = ChatEntry(user=text, error_ja=error.message("ja"), error_en=error.message("en"))
        except Exception as error:
            _log.error("turn failed: %s", type(error).__name__)
            entry = ChatEntry(
                user=text, error_ja=_UI["ja"]["unexpected"], error_en=_UI["en"]["unexpected"]
            )
        if entry is None and advice is not None:
            entry = ChatEntry(user=text, advice=advice)
        if entry is None:
            entry = ChatEntry(
                user=text, error_ja=_UI["ja"]["unexpected"], error_en=_UI["en"]["unexpected"]
            )
        _entries().append(entry)
        status.update(label=ui["done"] if entry.answered else ui["failed"], state="complete")
    st.rerun()


# --- sidebar ----------------------------------------------------------------------------


def _check_connection(ui_lang: Language) -> None:
    try:
        result = _coach().check_connection()
    except Exception as error:
        _log.error("connection check failed: %s", type(error).__name__)
        st.session_state["connection"] = (False, _UI[ui_lang]["check_failed"])
        return
    message = result.message_ja if ui_lang == "ja" else result.message_en
    if result.ok and result.latency_ms:
        message += f" ({result.latency_ms:.0f} ms)"
    st.session_state["connection"] = (result.ok, message)


def _sidebar() -> tuple[Mode, Language | None, Language]:
    with st.sidebar:
        choice: LanguageChoice = st.radio(
            "回答の言語 / Language",
            list(_LANGUAGES),
            format_func=_LANGUAGES.__getitem__,
            key="language_choice",
        )
        language: Language | None = None if choice == "auto" else choice
        ui_lang: Language = language or "ja"
        ui = _UI[ui_lang]
        st.header(ui["settings"], divider="gray")
        mode: Mode = st.radio(
            ui["mode"],
            list(_MODES[ui_lang]),
            format_func=_MODES[ui_lang].__getitem__,
            key="mode",
        )
        env = _environment()
        st.text_input(ui["model"], value=env.model if env else "", key="model")
        st.text_input(
            ui["base_url"],
            value=(env.base_url or "") if env else "",
            key="base_url",
            help=ui["base_url_help"],
            placeholder="https://api.openai.com/v1",
        )
        env_has_key = bool(env and env.api_key and env.api_key.get_secret_value())
        st.text_input(
            ui["api_key"],
            type="password",
            key="api_key",
            help=ui["api_key_help"],
            placeholder=ui["api_key_env"] if env_has_key else "sk-…",
        )
        st.button(ui["test"], key="connection_test", on_click=_check_connection, args=(ui_lang,))
        if connection := st.session_state.get("connection"):
            ok, message = connection
            (st.success if ok else st.error)(message)
        st.divider()
        entries = _entries()
        st.button(ui["reset"], key="reset", on_click=_reset, disabled=not entries)
        st.caption(ui["download"])
        st.download_button(
            ui["download_md"],
            data=to_markdown(entries, language=ui_lang),
            file_name="reconnect-coach.md",
            mime="text/markdown",
            key="download_md",
            disabled=not entries,
            on_click="ignore",
        )
        st.download_button(
            ui["download_json"],
            data=to_json(entries),
            file_name="reconnect-coach.json",
            mime="application/json",
            key="download_json",
            disabled=not entries,
            on_click="ignore",
        )
        st.divider()
        st.caption(DISCLAIMER[ui_lang])
    return mode, language, ui_lang


# --- the page ---------------------------------------------------------------------------

st.set_page_config(page_title="音信不通コーチ", page_icon="💬", layout="centered")
mode, language, ui_lang = _sidebar()
ui = _UI[ui_lang]
st.title(ui["title"])
st.caption(ui["tagline"])

if not _entries():
    _empty_state(ui, ui_lang)
for entry in _entries():
    _replay(entry, ui, ui_lang)
if _entries():
    with st.expander(ui["more_examples"], icon=":material/chat_bubble:"):
        _example_buttons(ui_lang)

typed = st.chat_input(ui["placeholder"], key="chat_input")
text = typed if typed is not None else st.session_state.pop("pending", None)
if text is not None:
    _turn(text, mode=mode, language=language, ui_lang=ui_lang)
