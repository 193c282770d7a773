""" "Was this helpful?" on the clinic page in a real (headless) browser, against the real
servers: a patient asks, clicks "not helpful", writes what was missing, and sees the
clinic's contact and the thanks."""

import yaml
from playwright.sync_api import expect

from bot.clinic import contact
from bot.topics import related_buttons
from ops.settings import PROJECT_ROOT
from webchat import ask, bot_messages, open_chat, quick_replies, send_and_wait_for_reply, user_messages

RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def text_of(response):
    return RESPONSES[response][0]["text"]


def test_a_patient_rates_an_answer_not_helpful_and_says_what_was_missing(page, assistant):
    open_chat(page, assistant.web_url)
    ask(page, "what is synkinesis?")
    expect(bot_messages(page).last).to_have_text(text_of("utter_ask_rating"))
    for rating in ("Yes, helpful", "No, not helpful"):
        expect(quick_replies(page).filter(has_text=rating)).to_have_count(1)
    # The answer's related topics stay clickable above the question (addons/socketio_channel.py):
    # the widget would show the quick replies of the last message only.
    for button in related_buttons("synkinesis"):
        expect(quick_replies(page).filter(has_text=button["title"])).to_be_visible()

    send_and_wait_for_reply(page, quick_replies(page).filter(has_text="No, not helpful").click)
    expect(user_messages(page).last).to_have_text("No, not helpful")
    # The widget reads the placeholders' [brackets] as Markdown and shows the text inside.
    phone = contact()["phone"].strip("[]")
    expect(bot_messages(page).filter(has_text=phone)).to_have_count(1)
    expect(bot_messages(page).last).to_contain_text("what was missing")

    ask(page, "too vague")
    expect(bot_messages(page).last).to_have_text(text_of("utter_thanks_for_comment"))
