"""音信不通コーチ — the chat page. UI only: every decision is made in `coach`.

Reads top to bottom: settings in the sidebar, the conversation replayed, the chat input,
one turn streamed, then a rerun that shows it from the history.
"""

from __future__ import annotations

import logging
from typing import Any, Literal, cast
from uuid import uuid4

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
    HeadingName,
    fallback_note,
    heading,
    plain_markdown,
    source_badge,
    tel_href,
)
from coach.schemas import GOALS, Caution, Goal, Language, Mode, Reason, Response
from coach.text import clean

_log = logging.getLogger("coach.page")

LanguageChoice = Literal["auto", "ja", "en"]

_UI: dict[Language, dict[str, str]] = {
    "ja": {
        "title": "音信不通コーチ",
        "tagline": "音信不通だった相手から急に連絡が来たとき、落ち着いて返すための相談相手です。",
        "intro": "どんな連絡が来たか、これまでの関係を一言添えて書いてください。"
        "理由・返し方・気をつけることの3つに分けて答えます。",
        "copy_hint": "「コピー」ボタンでそのまま送れます",
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
        "interrupted": "回答の途中で止まりました。入力した文章は残っています。"
        "もう一度送ってください。",
        "check_failed": "接続テストを実行できませんでした。設定を確認してください。",
        "ai_settings": "AIの設定",
        "ai_by_operator": "AIは運営者が設定しています。",
        "privacy_ai": "送られるのは、名前や連絡先を伏せた文章だけで、設定されたAIに届きます。"
        "会話はこのタブを閉じると残りません。",
        "privacy_offline": "オフラインで答えるので、文章はどこにも送られません。"
        "会話はこのタブを閉じると残りません。",
        "copy": "コピー",
        "new_situation": "新しい相談として答えます（これまでの相談とは別の話として扱います）。",
    },
    "en": {
        "title": "Reconnect Coach",
        "tagline": "For when someone who went silent suddenly gets back in touch.",
        "intro": "Describe the message you received and a word about your history. "
        "The answer comes in three parts: why, how to reply, what to watch out for.",
        "copy_hint": "use Copy to send one as it is",
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
        "interrupted": "The answer was interrupted. Your text is kept: send it again.",
        "check_failed": "The connection test could not run. Check the settings.",
        "ai_settings": "AI settings",
        "ai_by_operator": "The AI is set up by the operator.",
        "privacy_ai": "Only your text, with names and contact details masked, goes to the "
        "configured AI. Nothing is kept after you close this tab.",
        "privacy_offline": "Answered offline: your text goes nowhere. Nothing is kept after "
        "you close this tab.",
        "copy": "Copy",
        "new_situation": "Answered as a new situation, apart from the earlier ones.",
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


def _queue() -> list[tuple[str, bool]]:
    """Texts waiting for an answer, with whether each starts a new situation."""
    queue: list[tuple[str, bool]] = st.session_state.setdefault("queue", [])
    return queue


def _find(entry_id: str) -> ChatEntry | None:
    return next((e for e in _entries() if e.id == entry_id), None)


def _reset() -> None:
    for entry in _entries():
        st.session_state.pop(f"feedback_{entry.id}", None)
    st.session_state["entries"] = []
    st.session_state["queue"] = []
    st.session_state.pop("in_flight", None)
    st.session_state.pop("connection", None)


def _submit(text: str, fresh: bool = False) -> None:
    _queue().append((text, fresh))


def _submit_typed() -> None:
    typed = st.session_state.get("chat_input")
    if isinstance(typed, str):
        _submit(typed)


def _submit_example(text: str) -> None:
    """An example is a new situation: it is not a follow-up about the same person."""
    _submit(text, fresh=bool(_entries()))


def _recover_interrupted() -> None:
    """A turn cut off by a rerun comes back as a failed entry, text kept, with a retry."""
    left = st.session_state.pop("in_flight", None)
    if left is not None:
        text, fresh = left
        _entries().append(
            ChatEntry(
                user=text,
                error_ja=_UI["ja"]["interrupted"],
                error_en=_UI["en"]["interrupted"],
                fresh=fresh,
            )
        )


def _retry(entry_id: str) -> None:
    entry = _find(entry_id)
    if entry is not None:
        _entries().remove(entry)
        _submit(entry.user, entry.fresh)


def _edit(entry_id: str) -> None:
    entry = _find(entry_id)
    if entry is not None:
        _entries().remove(entry)
        st.session_state["chat_input"] = entry.user


def _forget_connection() -> None:
    """A connection result speaks for the settings it was made with, and no others."""
    st.session_state.pop("connection", None)


def _keep(widget: str) -> None:
    """Remember a choice apart from its widget: a widget whose label changes with the page
    language is a new widget, and would otherwise fall back to its default."""
    st.session_state[f"kept_{widget}"] = st.session_state[widget]


def _restore(widget: str, default: str) -> None:
    st.session_state[widget] = st.session_state.get(f"kept_{widget}", default)


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


def _decision(response: Response, language: Language) -> None:
    """Whether and when to reply, before anything else: not replying is an answer too."""
    if response.decision is None or response.decision == "safety_first":
        return
    with st.container(border=True, key=f"decision_{uuid4().hex[:8]}"):
        name = label("decisions", response.decision, language)
        st.markdown(f"**{heading('decision', language)}: {_plain(name)}**")
        lines = [_plain(line) for line in (response.why, response.timing) if line]
        if lines:
            st.markdown("  \n".join(lines))


def _response(response: Response, language: Language, ui: dict[str, str]) -> None:
    st.markdown(f"##### {heading('response', language)}")
    _chips("strategies", list(response.strategies), language, "green")
    st.markdown(_plain(response.approach))
    if response.replies:
        title: HeadingName = "if_you_reply" if response.decision == "no_reply" else "replies"
        st.caption(f"{heading(title, language)} — {ui['copy_hint']}")
        intents = response.intents if len(response.intents) == len(response.replies) else []
        for number, reply in enumerate(response.replies):
            if intents:
                st.markdown(f"**{label('intents', intents[number], language)}**")
            st.code(clean(reply), language=None, wrap_lines=True)


def _caution(caution: Caution, language: Language) -> None:
    st.markdown(f"##### {heading('caution', language)}")
    st.markdown("\n".join(f"- {_plain(point)}" for point in caution.points))
    if caution.prevention:
        st.caption(heading("prevention", language))
        _chips("prevention", list(caution.prevention), language, "gray")


def _sections(parts: dict[str, Any], language: Language) -> None:
    ui = _UI[language]
    response = parts.get("response")
    if isinstance(response, Response):
        _decision(response, language)
    if isinstance(reason := parts.get("reason"), Reason):
        _reason(reason, language)
    if isinstance(response, Response):
        _response(response, language, ui)
    if isinstance(caution := parts.get("caution"), Caution):
        _caution(caution, language)


def _safety(advice: Advice) -> None:
    """A fixed answer from the rails, in one box: what was heard, why no drafts, what to do
    now, then numbers that dial when tapped and a chat or text option beside them."""
    lang = advice.language
    response = advice.response
    lines = [f"**{heading('safety', lang)}**", "", _plain(advice.reason.summary)]
    if response.why:
        lines += ["", f"**{heading('why_no_drafts', lang)}**", "", _plain(response.why)]
    if response.approach:
        lines += ["", f"**{heading('now', lang)}**", "", _plain(response.approach)]
    if advice.safety.resources:
        lines += ["", f"**{heading('resources', lang)}**", ""]
        for r in advice.safety.resources:
            contact = f"[{_plain(r.contact)}]({tel_href(r.tel)})" if r.tel else _plain(r.contact)
            extra = [_plain(x) for x in (r.chat, r.note) if x]
            lines.append(f"- {_plain(r.name)}: **{contact}**" + "".join(f" — {x}" for x in extra))
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
        if entry.fresh:
            st.caption(ui["new_situation"])
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


def _empty_state(ui: dict[str, str], ui_lang: Language, *, busy: bool) -> None:
    st.markdown(ui["intro"])
    st.info(DISCLAIMER[ui_lang], icon=":material/info:")
    st.caption(ui["examples"])
    _example_buttons(ui_lang, busy=busy)


def _example_buttons(ui_lang: Language, *, busy: bool) -> None:
    for number, example in enumerate(_EXAMPLES[ui_lang]):
        st.button(
            example,
            key=f"example_{number}",
            on_click=_submit_example,
            args=(example,),
            icon=":material/chat_bubble:",
            width="stretch",
            disabled=busy,
        )


# --- one turn ---------------------------------------------------------------------------


def _turn(
    text: str, *, fresh: bool, mode: Mode, goal: Goal, language: Language | None, ui_lang: Language
) -> None:
    """Stream one answer; keep the text whatever happens, then rerun to show it from history.

    The text is marked in flight first: if a rerun cuts the turn off, the next run shows it
    again with a retry instead of losing it."""
    ui = _UI[ui_lang]
    st.session_state["in_flight"] = (text, fresh)
    with st.chat_message("user", avatar=_AVATARS["user"]):
        st.markdown(_plain(text))
    with st.chat_message("assistant", avatar=_AVATARS["assistant"]):
        if fresh:
            st.caption(ui["new_situation"])
        status = st.status(ui["thinking"], expanded=False)
        live = st.empty()
        parts: dict[str, Any] = {}
        advice: Advice | None = None
        entry: ChatEntry | None = None
        try:
            coach = _coach()
            earlier = history(_entries(), fresh=fresh)
            events = coach.stream(text, mode=mode, history=earlier, language=language, goal=goal)
            for event in events:
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
                st.session_state.pop("in_flight", None)
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
        entry.fresh = fresh
        _entries().append(entry)
        st.session_state.pop("in_flight", None)
        st.session_state["scroll_to"] = entry.id
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


def _ai_fields(ui: dict[str, str], ui_lang: Language, env: Settings | None) -> None:
    st.text_input(
        ui["model"], value=env.model if env else "", key="model", on_change=_forget_connection
    )
    st.text_input(
        ui["base_url"],
        value=(env.base_url or "") if env else "",
        key="base_url",
        help=ui["base_url_help"],
        placeholder="https://api.openai.com/v1",
        on_change=_forget_connection,
    )
    env_has_key = bool(env and env.api_key and env.api_key.get_secret_value())
    st.text_input(
        ui["api_key"],
        type="password",
        key="api_key",
        help=ui["api_key_help"],
        placeholder=ui["api_key_env"] if env_has_key else "sk-…",
        on_change=_forget_connection,
    )
    st.button(ui["test"], key="connection_test", on_click=_check_connection, args=(ui_lang,))
    if connection := st.session_state.get("connection"):
        ok, message = connection
        (st.success if ok else st.error)(message)


def _uses_ai(mode: Mode, env: Settings | None) -> bool:
    """A model name alone reaches no AI: only a key or an endpoint does."""
    if mode == "offline":
        return False
    typed = _settings_overrides()
    return bool(typed.get("api_key") or typed.get("base_url")) or bool(env and env.llm_configured)


def _sidebar(env: Settings | None) -> tuple[Mode, Language | None, Language]:
    """Consumer choices first; the model, URL and key only when the operator left them open."""
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
        _restore("mode", env.mode if env else "auto")
        mode: Mode = st.radio(
            ui["mode"],
            list(_MODES[ui_lang]),
            format_func=_MODES[ui_lang].__getitem__,
            key="mode",
            on_change=_keep,
            args=("mode",),
        )
        st.caption(ui["privacy_ai"] if _uses_ai(mode, env) else ui["privacy_offline"])
        if env is not None and env.llm_configured and not env.show_ai_settings:
            st.caption(ui["ai_by_operator"])
        else:
            with st.expander(ui["ai_settings"], icon=":material/tune:"):
                _ai_fields(ui, ui_lang, env)
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


def _goal_choice(ui_lang: Language, *, busy: bool) -> Goal:
    """「どうしたい?」: a short choice that shapes the decision and the drafts."""
    _restore("goal", "undecided")
    choice: str | None = st.radio(
        heading("goal", ui_lang),
        list(GOALS),
        format_func=lambda g: label("goals", g, ui_lang),
        key="goal",
        horizontal=True,
        on_change=_keep,
        args=("goal",),
        disabled=busy,
    )
    return cast(Goal, choice) if choice in GOALS else "undecided"


_STYLE = """
<style>
/* Support numbers never break across lines. */
a[href^="tel:"] { white-space: nowrap; }
/* Captions readable at WCAG AA on the page background. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4a5055; }
/* The copy control on every draft: visible without hover, reachable by keyboard. */
[data-testid="stCode"] *:has([data-testid="stElementToolbarButton"]),
[data-testid="stCode"] [data-testid="stElementToolbarButton"] * {
  opacity: 1 !important; visibility: visible !important;
}
[data-testid="stCode"] button { border: 1px solid #9aa3a8; background: #ffffff; }
[data-testid="stCode"] button:focus-visible { outline: 3px solid #3f7d8c; }
</style>
"""

_SCROLL = """
<script>
(() => {
  // After the page settles (Streamlit keeps a chat pinned to its end), show the answer's start.
  const toStart = () => {
    const answers = document.querySelectorAll('[data-testid="stChatMessage"]');
    const last = answers[answers.length - 1];
    if (last) { last.scrollIntoView({block: "start"}); }
  };
  [150, 600, 1200].forEach((ms) => setTimeout(toStart, ms));
})();
</script>
"""


def _scroll_to_new_answer() -> None:
    """The view lands on the start of a new answer, not its end (support numbers included)."""
    if st.session_state.pop("scroll_to", None) is not None:
        st.html(_SCROLL, unsafe_allow_javascript=True)


# --- the page ---------------------------------------------------------------------------

st.set_page_config(page_title="音信不通コーチ", page_icon="💬", layout="centered")
st.html(_STYLE)
_recover_interrupted()
env = _environment()
mode, language, ui_lang = _sidebar(env)
ui = _UI[ui_lang]
busy = bool(_queue())
st.title(ui["title"])
st.caption(ui["tagline"])

if not _entries():
    _empty_state(ui, ui_lang, busy=busy)
for entry in _entries():
    _replay(entry, ui, ui_lang)
if _entries():
    with st.expander(ui["more_examples"], icon=":material/chat_bubble:"):
        _example_buttons(ui_lang, busy=busy)
goal = _goal_choice(ui_lang, busy=busy)
_scroll_to_new_answer()

st.chat_input(
    ui["placeholder"],
    key="chat_input",
    on_submit=_submit_typed,
    disabled=busy,
    submit_mode="disable",
)
if busy:
    text, fresh = _queue().pop(0)
    _turn(text, fresh=fresh, mode=mode, goal=goal, language=language, ui_lang=ui_lang)
