"""The page in Debian's chromium: type a situation, get three sections, try an example."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("COACH_SCREENSHOTS") or tempfile.mkdtemp(prefix="coach-e2e-"))
"""Where the screenshots go: a temporary folder, unless `make screenshots` names docs/."""
SCREENSHOT = SHOTS / "screenshot.png"
MOBILE_SAFETY = SHOTS / "screenshot-mobile-safety.png"
SITUATION = "半年連絡がなかった友達から「久しぶり!元気?」とLINEが来た。どう返せばいい?"
EXAMPLE = "別れて1年の元恋人から急に「最近どうしてる?」と連絡が来た"
HEADINGS = ("なぜ今連絡が来たのか", "どう返信するか", "気をつけること")
ANSWER_MS = 30_000

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(180),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium"),
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


def _send(page: Page, text: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")


def _expect_answers(page: Page, count: int) -> None:
    for title in HEADINGS:
        expect(page.get_by_text(title, exact=True)).to_have_count(count, timeout=ANSWER_MS)


def _full_page_screenshot(page: Page) -> None:
    """Streamlit scrolls inside its main block, so grow the window to the content first."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(500)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_a_conversation_in_the_browser(page_url: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page.goto(page_url)
    expect(page.get_by_text("音信不通コーチ", exact=True)).to_be_visible(timeout=ANSWER_MS)
    expect(page.get_by_text("例から始める")).to_be_visible()

    page.get_by_text("友達として", exact=True).click()
    _send(page, SITUATION)
    _expect_answers(page, 1)
    expect(page.get_by_text("オフライン(ルール)").first).to_be_visible()
    expect(page.get_by_text("AIが設定されていません", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("stCode")).not_to_have_count(0)
    expect(page.get_by_text("返すかどうか: 返信してOK")).to_have_count(1, timeout=ANSWER_MS)

    _send(page, "何を話せばいい?")
    _expect_answers(page, 2)
    expect(page.get_by_text("何を話せばいいかに絞って", exact=False)).to_have_count(
        1, timeout=ANSWER_MS
    )

    page.get_by_text("ほかの例を試す").click()
    page.get_by_test_id("stButton").filter(has_text=EXAMPLE).click()
    _expect_answers(page, 3)
    expect(page.get_by_test_id("stChatMessage").filter(has_text=EXAMPLE)).to_have_count(
        1, timeout=ANSWER_MS
    )
    expect(page.get_by_text("新しい相談として", exact=False)).to_have_count(1, timeout=ANSWER_MS)

    _full_page_screenshot(page)
    assert SCREENSHOT.stat().st_size > 20_000


def test_a_draft_copies_by_keyboard(page_url: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page_url)
    page = context.new_page()
    page.goto(page_url)
    _send(page, SITUATION)
    _expect_answers(page, 1)
    draft = page.get_by_test_id("stCode").first
    copy = draft.get_by_role("button")
    expect(copy).to_be_visible(timeout=ANSWER_MS)
    copy.focus()
    page.keyboard.press("Enter")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied and copied == draft.locator("code").inner_text().strip()
    context.close()


def test_a_safety_answer_on_a_phone(page_url: str, browser: Browser) -> None:
    """390 px wide: the view lands on the answer's start, numbers dial and never break."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="ja-JP")
    page.goto(page_url)
    _send(page, "元彼に殴られたことがある。その元彼から急に連絡が来た")
    expect(page.get_by_text("返信の例がない理由")).to_have_count(1, timeout=ANSWER_MS)
    _send(page, "どう返せばいい?")
    expect(page.get_by_text("返信の例がない理由")).to_have_count(2, timeout=ANSWER_MS)
    expect(page.get_by_test_id("stCode")).to_have_count(0)
    last = page.get_by_test_id("stChatMessage").last
    page.wait_for_timeout(1500)
    top = last.evaluate("e => e.getBoundingClientRect().top")
    assert -5 <= top <= 200, "the answer's start is in view"
    for link in last.locator('a[href^="tel:"]').all():
        assert link.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
        box = link.bounding_box()
        assert box is not None and box["height"] < 40, "a number on one line"
    expect(last.get_by_text("チャット", exact=False).first).to_be_attached()
    page.screenshot(path=str(MOBILE_SAFETY))


def test_a_failed_turn_comes_back_to_the_input_and_saves_cleanly(
    page_url: str, browser: Browser
) -> None:
    secret = "sk-e2e-NOT-FOR-EXPORT-31337"
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page.goto(page_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("AIのみ")).to_be_visible(timeout=ANSWER_MS)
    sidebar.get_by_text("AIのみ").click()

    _send(page, SITUATION)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(1, timeout=ANSWER_MS)
    page.get_by_role("button", name="入力欄に戻して直す").click()
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_have_value(SITUATION, timeout=ANSWER_MS)

    sidebar.get_by_text("オフライン", exact=True).click()
    sidebar.get_by_text("AIの設定").click()
    sidebar.get_by_role("textbox", name="APIキー").fill(secret)
    sidebar.get_by_role("textbox", name="APIキー").press("Enter")
    box.press("Enter")
    _expect_answers(page, 1)
    assert secret not in page.locator("body").inner_text()

    saved = {}
    for name in ("Markdownで保存", "JSONで保存"):
        with page.expect_download() as download:
            sidebar.get_by_role("button", name=name).click()
        saved[name] = Path(download.value.path()).read_text(encoding="utf-8")
    # The Markdown export escapes markup characters ("!" as "\\!"), as the page does.
    assert SITUATION in saved["Markdownで保存"].replace("\\", "")
    assert HEADINGS[0] in saved["Markdownで保存"]
    assert SITUATION in saved["JSONで保存"]
    assert all(secret not in text for text in saved.values())
