"""Headless Chromium (Debian's, never a downloaded one) and helpers to talk to the chat
widget on the clinic page. Shared by the browser tests and take_screenshot.py."""

import shutil

from playwright.sync_api import Browser, Locator, Page, Playwright, expect

# Keep Chromium from contacting anything by itself (updates, sync, QUIC probes), so
# every request the tests see comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The bot waits up to 3 s between the parts of a reply (the widget's message delay).
REPLY_TIMEOUT_MS = 30_000


def launch_chromium(playwright: Playwright) -> Browser:
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Chromium not found: run `bash scripts/setup.sh --browser`")
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def bot_messages(page: Page) -> Locator:
    return page.locator("#chat .rw-response")


def user_messages(page: Page) -> Locator:
    return page.locator("#chat .rw-client")


def message_input(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Your question")


def quick_replies(page: Page) -> Locator:
    return page.locator("#chat .rw-reply")


def wait_until_idle(page: Page) -> None:
    """Wait until the widget has shown every queued part of the bot's reply."""
    expect(page.locator("#chat .rw-typing-indication")).to_have_count(0, timeout=REPLY_TIMEOUT_MS)


def open_chat(page: Page, url: str) -> None:
    """Open the page and wait for the assistant's greeting."""
    page.goto(url)
    expect(bot_messages(page).first).to_contain_text("assistant", timeout=REPLY_TIMEOUT_MS)
    wait_until_idle(page)


def send_and_wait_for_reply(page: Page, send) -> Locator:
    """Run send() (type, click...) and return the first new bot message once all arrived."""
    wait_until_idle(page)
    replies_before = bot_messages(page).count()
    send()
    reply = bot_messages(page).nth(replies_before)
    expect(reply).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    wait_until_idle(page)
    return reply


def ask(page: Page, text: str) -> Locator:
    """Type a message as a patient would and send it with Enter; return the first reply."""

    def type_and_send():
        message_input(page).fill(text)
        message_input(page).press("Enter")

    return send_and_wait_for_reply(page, type_and_send)
