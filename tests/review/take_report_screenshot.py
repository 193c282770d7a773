"""Takes docs/report.png: the review report of a month of invented conversations.

    PYTHONPATH=. .venv/bin/python tests/review/take_report_screenshot.py

Fills a throwaway SQLite store with invented conversations (no real patient's words), shaped
as the Rasa server stores them (tests/review/review_events.py), writes the report from it
and photographs it with headless Chromium (Debian's package).
"""

import os
import random
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from ops.settings import PROJECT_ROOT

# Python puts this script's folder first on the path, so review_events is found beside it.
from review_events import at, bot, faq_answer, rating, session_start, slot, user

SCREENSHOT = PROJECT_ROOT / "docs" / "report.png"
LAST_DAY = date(2026, 11, 30)
DAYS = 30
# How often each topic is asked, roughly: the common questions first.
TOPIC_WEIGHTS = {
    "repair_timing": 9,
    "what_is_facial_palsy": 8,
    "synkinesis": 7,
    "recovery_timeline": 6,
    "nerve_recovery_signs": 5,
    "consultation_checklist": 5,
    "hospital_stay": 4,
    "eye_treatment": 4,
    "free_muscle_transfer": 3,
    "physical_therapy": 3,
    "masseteric_nerve_transfer": 2,
    "nerve_tests": 2,
    "scar_care": 2,
    "complications": 1,
    "international_patients": 1,
}
UNANSWERED = [
    ("will my dimple come back", "nlu_fallback"),
    ("can I fly two weeks after the operation?", "nlu_fallback"),
    ("is the sling made of my own tissue?", "nlu_fallback"),
    ("my eyebrow moves when I smile, is that the thing you mean", "nlu_fallback"),
    ("can I drink coffee before the appointment", "nlu_fallback"),
    ("where do I park at the hospital?", "out_of_scope"),
    ("do you know a good lawyer", "out_of_scope"),
    ("¿La operación duele mucho?", "other_language"),
    ("Combien de temps dure la rééducation ?", "other_language"),
]
COMMENTS = [
    ("recovery_timeline", "how long until I can drive again"),
    ("synkinesis", "whether botox helps with it"),
    ("urgency_advice", "what to do while I wait for the appointment"),
]
URGENCY = ["early", "early", "closing", "closing", "closing", "late", "late", "late", "late"]


def conversation(day: date, rng: random.Random, extras: dict[str, list]) -> list:
    hour = rng.randint(8, 21)
    events = [*session_start(at(day, hour)), user("hello", "greet", at(day, hour)), *bot("utter_greet", at(day, hour))]
    minute = 1
    for topic in rng.choices(list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()), k=rng.randint(1, 3)):
        events += [user("a question", "faq", at(day, hour, minute)), *faq_answer(topic, at(day, hour, minute))]
        if rng.random() < 0.35:
            events.append(rating("helpful" if rng.random() < 0.8 else "not_helpful", topic, at(day, hour, minute + 1)))
        minute += 2
    for kind in ("unanswered", "comment", "urgency", "emergency"):
        if extras[kind] and rng.random() < 0.3:
            item = extras[kind].pop()
            when = at(day, hour, minute)
            if kind == "unanswered":
                events.append(user(item[0], item[1], when))
            elif kind == "comment":
                events += [
                    rating("not_helpful", item[0], when),
                    slot("missing_info", item[1], at(day, hour, minute + 1)),
                ]
            elif kind == "urgency":
                events += [user("is it too late for me?", "ask_urgency", when), slot("urgency_level", item, when)]
            else:
                events += [user("my face suddenly drooped", "emergency", when), *bot(item, when)]
            minute += 2
    return events


def fill_store(store: Path) -> None:
    os.environ["TRACKER_DB"] = str(store)
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from addons.tracker_store import EnvSQLTrackerStore

    rng = random.Random(13)
    extras = {
        "unanswered": UNANSWERED[::-1],
        "comment": COMMENTS[::-1],
        "urgency": URGENCY[:],
        "emergency": ["utter_emergency", "utter_new_weakness_after_operation", "utter_emergency"],
    }
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    tracker_store = EnvSQLTrackerStore(domain=domain)
    for offset in range(DAYS):
        day = LAST_DAY - timedelta(days=DAYS - 1 - offset)
        for _ in range(rng.randint(0, 5) + (3 if day.weekday() < 5 else 0)):
            events = conversation(day, rng, extras)
            tracker = DialogueStateTracker.from_events(os.urandom(8).hex(), events, domain.slots)
            asyncio.run(tracker_store.save(tracker))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        fill_store(Path(folder) / "conversations.db")
        from review.report import write_report

        page = Path(folder) / "review-report.html"
        write_report(page, DAYS, LAST_DAY)
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--hide-scrollbars",
                f"--screenshot={SCREENSHOT}",
                "--window-size=1200,3700",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"Wrote {SCREENSHOT.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
