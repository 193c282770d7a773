"""Load without cross-talk: 100 patients go through the urgency questions at the same time,
each with an injury date of its own (1 to 100 months ago), against one Rasa server. Every
reply must be the one meant for that patient (the questions in order, then advice built
from that patient's own answers), and afterwards every tracker must hold exactly that
patient's messages and slots: nothing missing, nothing from another conversation.
With each conversation store (`served`, tests/reliability/conftest.py)."""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import requests
import yaml

from bot.injury_time import parse_injury_time
from bot.urgency import build_advice, months_since, urgency_level
from ops.settings import PROJECT_ROOT
from results import record

PATIENTS = 100
# A message waits for the ones queued before it (one Rasa process answers one at a time).
TIMEOUT = 240
RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


# The advice ends with "Was this helpful?" (actions/rating.py).
RATING_QUESTION = RESPONSES["utter_ask_rating"][0]["text"]


def question(slot):
    return RESPONSES[f"utter_ask_urgency_form_{slot}"][0]["text"]


def date_answer(months):
    return f"it started {months} month{'s' if months > 1 else ''} ago"


def expected_conversation(months, today):
    """(message, the texts of the replies it must get) for each turn, and the slots."""
    injury = parse_injury_time(date_answer(months), today).injury_date
    elapsed = months_since(injury, today)
    level = urgency_level(elapsed)
    turns = [
        ("is it too late for me?", [question("injury_date")]),
        (date_answer(months), [question("nerve_status")]),
        ("/deny", [question("recovery_signs")]),
        ("/deny", [question("eye_closure")]),
        ("/affirm", build_advice(elapsed, level, "intact", "no", "yes") + [RATING_QUESTION]),
    ]
    slots = {
        "injury_date": injury.isoformat(),
        "months_since_injury": elapsed,
        "urgency_level": level,
        "nerve_status": "intact",
        "recovery_signs": "no",
        "eye_closure": "yes",
    }
    return turns, slots


def converse(assistant, sender, turns, start):
    """Each turn's reply texts (None for a turn without an HTTP answer)."""
    start.wait()
    received = []
    with requests.Session() as session:
        for message, _ in turns:
            try:
                response = session.post(
                    f"{assistant.rasa_url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": message},
                    timeout=TIMEOUT,
                )
                response.raise_for_status()
                received.append([reply.get("text") for reply in response.json()])
            except requests.RequestException:
                received.append(None)
    return received


def tracker(assistant, sender):
    response = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker",
        params={"token": assistant.token},
        timeout=60,
    )
    response.raise_for_status()
    return response.json()


def test_100_simultaneous_conversations_keep_to_themselves(served):
    assistant = served.assistant
    today = date.fromisoformat(assistant.env["ASSISTANT_TODAY"])
    run = uuid.uuid4().hex[:8]
    patients = {f"load-{run}-{months:03d}": expected_conversation(months, today) for months in range(1, PATIENTS + 1)}
    start = threading.Barrier(PATIENTS)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=PATIENTS) as pool:
        futures = {
            sender: pool.submit(converse, assistant, sender, turns, start) for sender, (turns, _) in patients.items()
        }
        received = {sender: future.result() for sender, future in futures.items()}
    seconds = time.monotonic() - started

    sent = PATIENTS * 5
    answered = sum(reply is not None for replies in received.values() for reply in replies)
    wrong_replies, wrong_trackers = [], []
    for sender, (turns, slots) in patients.items():
        if received[sender] != [texts for _, texts in turns]:
            wrong_replies.append(sender)
        events = tracker(assistant, sender)
        user_messages = [e["text"] for e in events["events"] if e["event"] == "user"]
        bot_messages = [e["text"] for e in events["events"] if e["event"] == "bot"]
        stored_slots = {name: events["slots"][name] for name in slots}
        if (
            user_messages != [message for message, _ in turns]
            or bot_messages != [text for _, texts in turns for text in texts]
            or stored_slots != slots
        ):
            wrong_trackers.append(sender)
    lost = sent - answered
    record(
        "100 simultaneous conversations through the urgency questions",
        f"{PATIENTS} patients at once, 5 messages each, injury 1 to {PATIENTS} months ago",
        "every reply is the one meant for its patient; every tracker holds exactly its own "
        f"messages, replies and slots ({seconds:.0f} s, {len(wrong_replies)} wrong replies, "
        f"{len(wrong_trackers)} wrong trackers)",
        store=served.store,
        sent=sent,
        answered=answered,
        lost=lost,
    )
    assert lost == 0
    assert wrong_replies == [], f"{len(wrong_replies)} patients got replies not meant for them: {wrong_replies[:3]}"
    assert wrong_trackers == [], f"{len(wrong_trackers)} trackers hold something else: {wrong_trackers[:3]}"
