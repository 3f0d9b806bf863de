"""音信不通コーチ — the chat page. UI only: every decision is made in `coach`."""

from __future__ import annotations

import streamlit as st

from coach import InvalidInput, advise

st.set_page_config(page_title="音信不通コーチ", page_icon="💬")
st.title("音信不通コーチ")

if "turns" not in st.session_state:
    st.session_state.turns = []

for turn in st.session_state.turns:
    with st.chat_message("user"):
        st.write(turn["user"])
    with st.chat_message("assistant"):
        st.write(turn["advice"].reason.summary)

if text := st.chat_input("どんな連絡が来ましたか?"):
    with st.chat_message("user"):
        st.write(text)
    try:
        answer = advise(text)
    except InvalidInput as error:
        st.error(error.message("ja"))
    else:
        st.session_state.turns.append({"user": text, "advice": answer})
        st.rerun()
