"""The clinic's content is complete and traceable: every topic has training data and an
answer that cites an existing source file; related topics and contact details are sane."""
import re
from pathlib import Path

import pytest
import yaml

from bot.clinic import contact, handoff_message, unfilled_placeholders
from bot.topics import related_buttons, topics

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
FAQ_DIR = ROOT / "data" / "nlu" / "faq"
SOURCE_LINE = re.compile(r"^Source: (\d{3}_[0-9a-f]{16}\.txt)(, \d{3}_[0-9a-f]{16}\.txt)*$")
PUBLIC_TOPIC_IDS = {
    "what_is_facial_palsy", "what_is_reanimation", "first_steps_after_injury",
    "nerve_recovery_signs", "nerve_tests", "repair_timing", "consultation_checklist",
    "masseteric_nerve_transfer", "hypoglossal_nerve_transfer", "cross_facial_nerve_graft",
    "nerve_graft", "free_muscle_transfer", "static_procedures", "eye_treatment",
    "nonsurgical_options", "candidacy", "surgery_preparation", "surgery_details",
    "hospital_stay", "recovery_timeline", "physical_therapy", "synkinesis", "complications",
    "scar_care", "care_team", "international_patients",
    # Added for issue 11: content of the sources no answer covered.
    "severed_nerve_treatment", "congenital_palsy", "combined_procedures",
}


def topic_file(topic_id: str) -> dict:
    return yaml.safe_load((FAQ_DIR / f"{topic_id}.yml").read_text(encoding="utf-8"))


def test_catalogue_has_exactly_the_public_topic_ids():
    assert set(topics()) == PUBLIC_TOPIC_IDS
    assert {path.stem for path in FAQ_DIR.glob("*.yml")} == PUBLIC_TOPIC_IDS


@pytest.mark.parametrize("topic_id", sorted(PUBLIC_TOPIC_IDS))
def test_topic_has_varied_examples_and_a_sourced_answer(topic_id):
    data = topic_file(topic_id)
    (block,) = data["nlu"]
    assert block["intent"] == f"faq/{topic_id}"
    examples = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= 20
    assert len(set(map(str.lower, examples))) == len(examples), "duplicate examples"

    (answer,) = data["responses"][f"utter_faq/{topic_id}"]
    *body, last_line = answer["text"].strip().splitlines()
    assert SOURCE_LINE.match(last_line), f"last line must cite sources: {last_line!r}"
    for name in re.findall(r"\d{3}_[0-9a-f]{16}\.txt", last_line):
        assert (SOURCES / name).is_file(), f"{name} is not in shared/sources"
    assert 100 < len("\n".join(body)) < 900


def test_no_example_is_shared_between_topics():
    seen: dict[str, str] = {}
    for topic_id in PUBLIC_TOPIC_IDS:
        block = topic_file(topic_id)["nlu"][0]
        for line in block["examples"].splitlines():
            text = line[2:].strip().lower()
            assert seen.setdefault(text, topic_id) == topic_id, f"{text!r} in two topics"


def test_related_topics_exist_and_are_offered_as_buttons():
    for topic_id, topic in topics().items():
        assert 2 <= len(topic.related) <= 3
        assert topic_id not in topic.related
        buttons = related_buttons(topic_id)
        assert [b["payload"] for b in buttons] == [
            '/faq{"topic": "%s"}' % related for related in topic.related
        ]
        assert all(b["title"] == topics()[r].title for b, r in zip(buttons, topic.related))


def _comparable(message):
    """Lower case, punctuation dropped: "Hi!" and "hi" are the same message."""
    return " ".join(re.sub(r"[^\w ]", " ", message.lower()).split())


def _examples(path):
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        yield from (line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- "))


def test_heldout_messages_are_not_in_the_training_data_or_in_each_other():
    training = {_comparable(e) for path in (ROOT / "data" / "nlu").rglob("*.yml") for e in _examples(path)}
    seen = set()
    for folder in ("heldout", "heldout_v2", "heldout_v3"):
        files = sorted((ROOT / "tests" / folder).glob("*.yml"))
        assert len(files) == 2, folder
        for message in (e for path in files for e in _examples(path)):
            assert _comparable(message) not in training, message
            assert _comparable(message) not in seen, message
            seen.add(_comparable(message))


def test_handoff_message_uses_every_contact_detail():
    details = contact()
    message = handoff_message(details)
    for value in details.values():
        assert value in message
    assert "emergency" in message


def test_placeholders_are_reported_until_the_clinic_fills_them_in():
    assert unfilled_placeholders({"phone": "[CLINIC PHONE NUMBER]", "email": "a@b.c"}) == ["phone"]
