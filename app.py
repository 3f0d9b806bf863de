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
    GOALS,
    Advice,
    Caution,
    ChatEntry,
    Coach,
    CoachUnavailable,
    Final,
    Goal,
    HeadingName,
    InvalidInput,
    InvalidSettings,
    Kind,
    Language,
    Mode,
    Reason,
    Response,
    Section,
    Settings,
    Status,
    clean,
    disclaimer,
    fallback_note,
    heading,
    history,
    label,
    load_settings,
    phrase,
    phrases,
    plain_markdown,
    rating_from_thumbs,
    source_badge,
    tel_href,
    to_json,
    to_markdown,
)

_log = logging.getLogger("coach.page")

LanguageChoice = Literal["auto", "ja", "en"]

_MODES: tuple[Mode, ...] = ("auto", "llm", "offline")
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
                error_ja=phrase("page.interrupted", "ja"),
                error_en=phrase("page.interrupted", "en"),
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


def _response(response: Response, language: Language) -> None:
    st.markdown(f"##### {heading('response', language)}")
    _chips("strategies", list(response.strategies), language, "green")
    st.markdown(_plain(response.approach))
    if response.replies:
        title: HeadingName = "if_you_reply" if response.decision == "no_reply" else "replies"
        st.caption(f"{heading(title, language)} — {phrase('page.copy_hint', language)}")
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
    response = parts.get("response")
    if isinstance(response, Response):
        _decision(response, language)
    if isinstance(reason := parts.get("reason"), Reason):
        _reason(reason, language)
    if isinstance(response, Response):
        _response(response, language)
    if isinstance(caution := parts.get("caution"), Caution):
        _caution(caution, language)


def _redirect(advice: Advice) -> None:
    """What the coach is for, in plain lines: there is no situation to reason about yet."""
    lines = [advice.reason.summary, advice.response.approach, *advice.caution.points]
    st.markdown("  \n".join(_plain(line) for line in lines if line))


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


def _advice(advice: Advice, ui_lang: Language) -> None:
    lang = advice.language
    color, icon = _BADGE_STYLE[advice.source]
    st.badge(source_badge(advice.source, lang), icon=icon, color=color)
    if advice.meta.fallback_reason:
        st.caption(fallback_note(advice.meta.fallback_reason, lang))
    if advice.source == "safety":
        _safety(advice)
    elif advice.redirect:
        _redirect(advice)
    else:
        _sections(
            {"reason": advice.reason, "response": advice.response, "caution": advice.caution}, lang
        )
    with st.expander(phrase("page.details", ui_lang)):
        st.json(advice.meta.model_dump(mode="json"), expanded=True)


def _replay(entry: ChatEntry, ui_lang: Language) -> None:
    with st.chat_message("user", avatar=_AVATARS["user"]):
        st.markdown(_plain(entry.user))
    with st.chat_message("assistant", avatar=_AVATARS["assistant"]):
        if entry.fresh:
            st.caption(phrase("page.new_situation", ui_lang))
        if entry.advice is not None:
            _advice(entry.advice, ui_lang)
            st.feedback(
                "thumbs", key=f"feedback_{entry.id}", on_change=_store_rating, args=(entry.id,)
            )
            return
        st.error(entry.error(ui_lang) or phrase("page.unexpected", ui_lang))
        retry, edit = st.columns(2)
        retry.button(
            phrase("page.retry", ui_lang),
            key=f"retry_{entry.id}",
            on_click=_retry,
            args=(entry.id,),
        )
        edit.button(
            phrase("page.edit", ui_lang), key=f"edit_{entry.id}", on_click=_edit, args=(entry.id,)
        )


def _empty_state(ui_lang: Language, *, busy: bool) -> None:
    st.markdown(phrase("page.intro", ui_lang))
    st.info(disclaimer(ui_lang), icon=":material/info:")
    st.caption(phrase("page.examples", ui_lang))
    _example_buttons(ui_lang, busy=busy)


def _example_buttons(ui_lang: Language, *, busy: bool) -> None:
    for number, example in enumerate(phrases("page.example_situations", ui_lang)):
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
    st.session_state["in_flight"] = (text, fresh)
    with st.chat_message("user", avatar=_AVATARS["user"]):
        st.markdown(_plain(text))
    with st.chat_message("assistant", avatar=_AVATARS["assistant"]):
        if fresh:
            st.caption(phrase("page.new_situation", ui_lang))
        status = st.status(phrase("page.thinking", ui_lang), expanded=False)
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
                    if advice is not None and advice.redirect:
                        _redirect(advice)
                    else:
                        _sections(parts, language or ui_lang)
        except InvalidInput as error:
            if error.code == "empty":
                st.session_state.pop("in_flight", None)
                status.update(label=phrase("page.failed", ui_lang), state="error")
                live.error(error.message(ui_lang))
                return
            entry = ChatEntry(user=text, error_ja=error.message("ja"), error_en=error.message("en"))
        except (CoachUnavailable, InvalidSettings) as error:
            entry = ChatEntry(user=text, error_ja=error.message("ja"), error_en=error.message("en"))
        except Exception as error:
            _log.error("turn failed: %s", type(error).__name__)
            entry = ChatEntry(
                user=text,
                error_ja=phrase("page.unexpected", "ja"),
                error_en=phrase("page.unexpected", "en"),
            )
        if entry is None and advice is not None:
            entry = ChatEntry(user=text, advice=advice)
        if entry is None:
            entry = ChatEntry(
                user=text,
                error_ja=phrase("page.unexpected", "ja"),
                error_en=phrase("page.unexpected", "en"),
            )
        entry.fresh = fresh
        _entries().append(entry)
        st.session_state.pop("in_flight", None)
        st.session_state["scroll_to"] = entry.id
        outcome = phrase("page.done", ui_lang) if entry.answered else phrase("page.failed", ui_lang)
        status.update(label=outcome, state="complete")
    st.rerun()


# --- sidebar ----------------------------------------------------------------------------


def _check_connection(ui_lang: Language) -> None:
    try:
        result = _coach().check_connection()
    except Exception as error:
        _log.error("connection check failed: %s", type(error).__name__)
        st.session_state["connection"] = (False, phrase("page.check_failed", ui_lang))
        return
    message = result.message_ja if ui_lang == "ja" else result.message_en
    if result.ok and result.latency_ms:
        message += f" ({result.latency_ms:.0f} ms)"
    st.session_state["connection"] = (result.ok, message)


def _ai_fields(ui_lang: Language, env: Settings | None) -> None:
    st.text_input(
        phrase("page.model", ui_lang),
        value=env.model if env else "",
        key="model",
        on_change=_forget_connection,
    )
    st.text_input(
        phrase("page.base_url", ui_lang),
        value=(env.base_url or "") if env else "",
        key="base_url",
        help=phrase("page.base_url_help", ui_lang),
        placeholder="https://api.openai.com/v1",
        on_change=_forget_connection,
    )
    env_has_key = bool(env and env.api_key and env.api_key.get_secret_value())
    st.text_input(
        phrase("page.api_key", ui_lang),
        type="password",
        key="api_key",
        help=phrase("page.api_key_help", ui_lang),
        placeholder=phrase("page.api_key_env", ui_lang) if env_has_key else "sk-…",
        on_change=_forget_connection,
    )
    st.button(
        phrase("page.test", ui_lang),
        key="connection_test",
        on_click=_check_connection,
        args=(ui_lang,),
    )
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
        st.header(phrase("page.settings", ui_lang), divider="gray")
        _restore("mode", env.mode if env else "auto")
        mode: Mode = st.radio(
            phrase("page.mode", ui_lang),
            list(_MODES),
            format_func=lambda m: phrase(f"page.modes.{m}", ui_lang),
            key="mode",
            on_change=_keep,
            args=("mode",),
        )
        st.caption(
            phrase("page.privacy_ai", ui_lang)
            if _uses_ai(mode, env)
            else phrase("page.privacy_offline", ui_lang)
        )
        if env is not None and env.llm_configured and not env.show_ai_settings:
            st.caption(phrase("page.ai_by_operator", ui_lang))
        else:
            with st.expander(phrase("page.ai_settings", ui_lang), icon=":material/tune:"):
                _ai_fields(ui_lang, env)
        st.divider()
        entries = _entries()
        st.button(phrase("page.reset", ui_lang), key="reset", on_click=_reset, disabled=not entries)
        st.caption(phrase("page.download", ui_lang))
        st.download_button(
            phrase("page.download_md", ui_lang),
            data=to_markdown(entries, language=ui_lang),
            file_name="reconnect-coach.md",
            mime="text/markdown",
            key="download_md",
            disabled=not entries,
            on_click="ignore",
        )
        st.download_button(
            phrase("page.download_json", ui_lang),
            data=to_json(entries),
            file_name="reconnect-coach.json",
            mime="application/json",
            key="download_json",
            disabled=not entries,
            on_click="ignore",
        )
        st.divider()
        st.caption(disclaimer(ui_lang))
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
busy = bool(_queue())
st.title(phrase("page.title", ui_lang))
st.caption(phrase("page.tagline", ui_lang))

if not _entries():
    _empty_state(ui_lang, busy=busy)
for entry in _entries():
    _replay(entry, ui_lang)
if _entries():
    with st.expander(phrase("page.more_examples", ui_lang), icon=":material/chat_bubble:"):
        _example_buttons(ui_lang, busy=busy)
goal = _goal_choice(ui_lang, busy=busy)
_scroll_to_new_answer()

st.chat_input(
    phrase("page.placeholder", ui_lang),
    key="chat_input",
    on_submit=_submit_typed,
    disabled=busy,
    submit_mode="disable",
)
if busy:
    text, fresh = _queue().pop(0)
    _turn(text, fresh=fresh, mode=mode, goal=goal, language=language, ui_lang=ui_lang)
