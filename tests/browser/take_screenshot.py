"""Takes docs/screenshot.png: the clinic page after a patient asked one question.

    PYTHONPATH=. .venv/bin/python tests/browser/take_screenshot.py

Starts the three servers with the trained model (models/assistant.tar.gz) on free ports.
"""

import secrets

from playwright.sync_api import sync_playwright

from ops.launcher import running
from ops.settings import PROJECT_ROOT, Ports
from webchat import ask, launch_chromium, message_input, open_chat

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
SCREENSHOT = PROJECT_ROOT / "docs" / "screenshot.png"
QUESTION = "what should I bring to my consultation?"


def main() -> None:
    with running(Ports.free(), token=secrets.token_urlsafe(16), model=MODEL) as assistant:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            open_chat(page, assistant.web_url)
            ask(page, QUESTION)
            message_input(page).blur()
            page.screenshot(path=SCREENSHOT)
            browser.close()
    print(f"Wrote {SCREENSHOT.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
