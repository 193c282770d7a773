"""The review report's page (review/page.py) and the report read from a real conversation
store, SQLite and PostgreSQL (review/store.py, review/report.py, `python -m review` (review/__main__.py))."""

import asyncio
import base64
import os
import re
import stat
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import EnvSQLTrackerStore
from bot.topics import topics
from ops.settings import PROJECT_ROOT
from report_page import cards, tables
from review.figures import EMERGENCY_REPLIES, review_figures
from review.page import render
from review.report import write_report
from review_events import at, bot, faq_answer, rating, session_start, slot, user

DAY = date(2026, 11, 20)
NOON = 12  # the same day in any time zone within 11 hours of UTC
SCRIPT_TEXT = '<script>alert("x")</script> & <b>bold</b>'
SENDERS = ["3f2a9c0d4b5e41a7", "9e8d7c6b5a4f3e2d"]


def title(topic_id):
    return topics()[topic_id].title


def conversations():
    """Two patients: topic questions, a rating with a comment, messages not understood, the
    urgency questions and an emergency."""
    first = [
        *session_start(at(DAY, NOON)),
        user("what is synkinesis", "faq", at(DAY, NOON)),
        *faq_answer("synkinesis", at(DAY, NOON)),
        rating("not_helpful", "synkinesis", at(DAY, NOON, 1)),
        slot("missing_info", "whether botox helps", at(DAY, NOON, 2)),
        user(SCRIPT_TEXT, "nlu_fallback", at(DAY, NOON, 3)),
        *bot("utter_ask_rephrase", at(DAY, NOON, 3)),
        user("is it too late for me", "ask_urgency", at(DAY, NOON, 4)),
        slot("urgency_level", "closing", at(DAY, NOON, 5)),
    ]
    second = [
        *session_start(at(DAY, NOON + 1)),
        user("how long in hospital", "faq", at(DAY, NOON + 1)),
        *faq_answer("hospital_stay", at(DAY, NOON + 1)),
        rating("helpful", "hospital_stay", at(DAY, NOON + 1, 1)),
        user("Wie lange dauert die Operation?", "other_language", at(DAY, NOON + 1, 2)),
        user("my face suddenly drooped", "emergency", at(DAY, NOON + 1, 3)),
        *bot("utter_emergency", at(DAY, NOON + 1, 3)),
    ]
    return [first, second]


def check_page(page):
    """The figures of conversations() as the page shows them."""
    assert page.index("Contains health data") < page.index("<h1>")
    assert cards(page) == {
        "conversations": "2",
        "messages": "8",
        "questions": "2",
        "unanswered": "2",
        "ratings": "1 / 1",
        "emergencies": "1",
    }
    shown = tables(page)
    assert shown["per-day"] == [[str(DAY), "2", "8"]]
    assert sorted(shown["questions"]) == sorted([[title("synkinesis"), "1"], [title("hospital_stay"), "1"]])
    assert [row[1:] for row in shown["unanswered"]] == [
        ["1", "unclear", SCRIPT_TEXT],
        ["2", "other language", "Wie lange dauert die Operation?"],
    ]
    assert sorted(shown["ratings"]) == sorted([[title("synkinesis"), "0", "1"], [title("hospital_stay"), "1", "0"]])
    assert [row[1:] for row in shown["comments"]] == [["1", title("synkinesis"), "whether botox helps"]]
    assert shown["urgency"] == [["early", "0"], ["closing", "1"], ["late", "0"]]
    assert shown["emergencies"] == [
        [EMERGENCY_REPLIES["utter_emergency"], "1"],
        [EMERGENCY_REPLIES["utter_new_weakness_after_operation"], "0"],
    ]
    assert not any(sender in page for sender in SENDERS)


def test_the_page_shows_every_figure_and_escapes_patient_text():
    figures = review_figures(conversations(), DAY, DAY, tz=UTC)
    page = render(figures, "test store", datetime(2026, 11, 21, 8, 0))
    check_page(page)
    assert "<script>" not in page and "&lt;script&gt;" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 4  # per day, per topic, ratings, urgency tiers
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert 'src="http' not in page and 'href="http' not in page  # self-contained


def test_an_empty_period_says_so_kindly_without_charts():
    page = render(review_figures([], DAY, DAY), "test store", datetime(2026, 11, 21, 8, 0))
    assert "No conversations in this period" in page and "<img" not in page
    assert "Contains health data" in page


def save_conversations(store):
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    for sender, events in zip(SENDERS, conversations(), strict=True):
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events, domain.slots)))
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request, tmp_path, monkeypatch):
    """The TRACKER_DB_* settings of a store holding conversations() (as the server configures it)."""
    if request.param == "sqlite":
        settings = {"TRACKER_DB": str(tmp_path / "store" / "conversations.db")}
        monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
    else:
        cluster = request.getfixturevalue("postgres")
        database = f"review_{os.getpid()}"
        cluster.create_database(database)
        settings = cluster.environment(database)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    save_conversations(EnvSQLTrackerStore(domain=Domain.empty()))
    return settings


def test_the_report_reads_the_configured_store_and_is_for_the_owner_only(store_settings, tmp_path):
    output = tmp_path / "reports" / "review.html"
    figures = write_report(output, days=3, until=date(2026, 11, 22))
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert stat.S_IMODE(output.parent.stat().st_mode) == 0o700
    assert figures.first_day == date(2026, 11, 20)
    page = output.read_text(encoding="utf-8")
    check_page(page)
    assert store_settings.get("TRACKER_DB_PASSWORD", "no password") not in page
    # Outside the chosen days there is nothing.
    assert write_report(output, days=7, until=date(2026, 11, 19)).empty


def test_the_command_on_a_store_never_written_says_so_and_creates_no_store(tmp_path):
    store, output = tmp_path / "never" / "conversations.db", tmp_path / "report.html"
    env = {**os.environ, "TRACKER_DB": str(store), "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    env.pop("TRACKER_DB_DIALECT", None)
    result = subprocess.run(
        [sys.executable, "-m", "review", "--days", "7", "--output", str(output)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("no conversations from ")
    assert result.stderr == ""
    assert not store.exists() and not store.parent.exists()
    assert "No conversations in this period" in output.read_text(encoding="utf-8")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
