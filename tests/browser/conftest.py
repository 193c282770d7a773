"""Browser fixtures: one headless Chromium for the browser tests (module scope: Playwright's
sync API keeps an event loop running while it is open, which would break later tests that
call asyncio.run), a fresh browser context
(empty localStorage, so a new conversation) per test. The servers come from the shared
`assistant` fixture (tests/conftest.py)."""

import pytest
from playwright.sync_api import sync_playwright

from webchat import launch_chromium

DESKTOP = {"width": 1280, "height": 800}
PHONE = {
    "viewport": {"width": 375, "height": 667},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(chromium):
    """Call it for each further patient: a page in a fresh context of its own."""
    contexts = []

    def open_page():
        contexts.append(chromium.new_context(viewport=DESKTOP))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(**PHONE)
    yield context.new_page()
    context.close()
