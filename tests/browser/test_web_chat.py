"""The clinic page in a real (headless) browser, against the real servers and trained model."""

import asyncio
import concurrent.futures
from urllib.parse import urlsplit

import pytest
import requests
import websockets
from playwright.sync_api import expect
from websockets.exceptions import InvalidStatusCode

from webchat import (
    REPLY_TIMEOUT_MS,
    ask,
    bot_messages,
    message_input,
    open_chat,
    quick_replies,
    send_and_wait_for_reply,
    user_messages,
)

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
XSS_ATTEMPTS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
]


def test_greeting_with_disclaimer_and_topics_on_open(page, assistant):
    open_chat(page, assistant.web_url)
    expect(bot_messages(page).first).to_contain_text("not a diagnosis")
    expect(quick_replies(page).first).to_be_visible()


def test_question_gets_the_checklist_answer(page, assistant):
    open_chat(page, assistant.web_url)
    ask(page, "what should I bring to my consultation?")
    answer = bot_messages(page).filter(has_text="surgery records").or_(bot_messages(page).filter(has_text="pathology"))
    expect(answer.first).to_be_visible()


def test_clicking_a_quick_reply_gets_a_reply(page, assistant):
    open_chat(page, assistant.web_url)
    reply_button = quick_replies(page).first
    title = reply_button.inner_text()
    send_and_wait_for_reply(page, reply_button.click)
    expect(user_messages(page).last).to_have_text(title)


def test_quick_replies_work_from_the_keyboard(page, assistant):
    open_chat(page, assistant.web_url)
    message_input(page).focus()
    page.keyboard.press("Shift+Tab")  # from the input back to the last quick reply
    focused = page.locator("#chat .rw-reply:focus")
    expect(focused).to_have_attribute("role", "button")
    title = focused.inner_text()
    send_and_wait_for_reply(page, lambda: page.keyboard.press("Enter"))
    expect(user_messages(page).last).to_have_text(title)
    expect(message_input(page)).to_be_focused()


def test_widget_is_labelled_for_screen_readers(page, assistant):
    open_chat(page, assistant.web_url)
    expect(message_input(page)).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    log = page.get_by_role("log", name="Conversation with the patient assistant")
    expect(log).to_have_attribute("aria-live", "polite")


def test_conversation_survives_a_reload(page, assistant):
    open_chat(page, assistant.web_url)
    ask(page, "what should I bring to my consultation?")
    messages_before = page.locator("#chat .rw-message").all_inner_texts()

    page.reload()
    expect(page.locator("#chat .rw-message")).to_have_count(len(messages_before))
    assert page.locator("#chat .rw-message").all_inner_texts() == messages_before
    # The same session goes on: the bot still answers, and did not greet again.
    ask(page, "thank you")
    expect(bot_messages(page).filter(has_text="not a diagnosis")).to_have_count(1)


def test_patient_can_clear_the_conversation(page, assistant):
    open_chat(page, assistant.web_url)
    ask(page, "what should I bring to my consultation?")
    page.get_by_role("button", name="Clear this conversation").click()
    expect(bot_messages(page).first).to_contain_text("assistant", timeout=REPLY_TIMEOUT_MS)
    expect(user_messages(page)).to_have_count(0)


def test_html_in_a_message_is_shown_as_text_and_never_runs(page, assistant):
    open_chat(page, assistant.web_url)
    for attempt in XSS_ATTEMPTS:
        ask(page, attempt)
        expect(user_messages(page).last).to_have_text(attempt)
    assert page.evaluate("window.__xss") is None
    conversation = page.locator("#chat .rw-messages-container")
    expect(conversation.locator("img, script")).to_have_count(0)


def test_page_contacts_nobody_but_its_own_servers(page, assistant):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda websocket: requested.append(websocket.url))
    open_chat(page, assistant.web_url)
    ask(page, "what should I bring to my consultation?")

    assert {urlsplit(url).hostname for url in requested} <= LOCAL_HOSTS, requested
    # The widget's font came from our server, not from Google.
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Inter') && f.status === 'loaded')")


def test_chat_runs_over_a_websocket(page, assistant):
    # Without addons/sanic_compat.py, Sanic cannot receive on a websocket under Python 3.11
    # and the widget keeps polling instead.
    with page.expect_websocket(lambda ws: "transport=websocket" in ws.url) as opened:
        open_chat(page, assistant.web_url)
    socket = opened.value
    with socket.expect_event("framereceived", lambda frame: "bot_uttered" in str(frame)):
        ask(page, "what should I bring to my consultation?")
    assert not socket.is_closed()


def test_usable_on_a_phone(phone_page, assistant):
    page = phone_page
    open_chat(page, assistant.web_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The page does not jump to the chat (or open the keyboard) by itself.
    assert page.evaluate("window.scrollY") == 0
    expect(message_input(page)).not_to_be_focused()

    page.get_by_role("link", name="Ask a question").tap()
    expect(message_input(page)).to_be_in_viewport()
    ask(page, "what should I bring to my consultation?")
    answer = bot_messages(page).last
    expect(answer).to_be_in_viewport()
    box = answer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:1"])
def test_socketio_refuses_other_origins(assistant, origin):
    polling = f"{assistant.rasa_url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(polling, headers={"Origin": origin}, timeout=10).status_code == 400
    with pytest.raises(InvalidStatusCode):
        run_outside_playwright(open_websocket(assistant.rasa_url, origin))


def test_socketio_accepts_the_page_origin(assistant):
    polling = f"{assistant.rasa_url}/socket.io/?EIO=4&transport=polling"
    response = requests.get(polling, headers={"Origin": assistant.web_url}, timeout=10)
    assert response.status_code == 200
    # Exactly one value: a second CORS layer (e.g. `rasa run --cors`) would break browsers.
    assert response.headers["Access-Control-Allow-Origin"] == assistant.web_url
    run_outside_playwright(open_websocket(assistant.rasa_url, assistant.web_url))


def run_outside_playwright(coroutine):
    # Playwright's sync API keeps an event loop running in the test thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def open_websocket(rasa_url: str, origin: str) -> None:
    url = rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(url, origin=origin, open_timeout=10) as socket:
        assert (await socket.recv()).startswith("0{")  # engine.io "open" packet


def test_page_is_served_with_a_strict_content_security_policy(assistant):
    response = requests.get(assistant.web_url, timeout=10)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert f"ws://localhost:{assistant.ports.rasa}" in policy
    config = requests.get(f"{assistant.web_url}/config.js", timeout=10).text
    assert f'"rasaPort": {assistant.ports.rasa}' in config
