"""The clinic's content is complete and traceable: every topic has training data
(data/nlu/faq/) and an answer (clinic/answers/) that cites an existing source file; related
topics and contact details are sane."""

import re
from pathlib import Path

import pytest
import yaml

from bot.answers import ANSWERS_DIR, SOURCE_LINE, answer, body_and_sources
from bot.clinic import contact, handoff_message, unfilled_placeholders
from bot.topics import related_buttons, topics

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
FAQ_DIR = ROOT / "data" / "nlu" / "faq"
PUBLIC_TOPIC_IDS = {
    "what_is_facial_palsy",
    "what_is_reanimation",
    "first_steps_after_injury",
    "nerve_recovery_signs",
    "nerve_tests",
    "repair_timing",
    "consultation_checklist",
    "masseteric_nerve_transfer",
    "hypoglossal_nerve_transfer",
    "cross_facial_nerve_graft",
    "nerve_graft",
    "free_muscle_transfer",
    "static_procedures",
    "eye_treatment",
    "nonsurgical_options",
    "candidacy",
    "surgery_preparation",
    "surgery_details",
    "hospital_stay",
    "recovery_timeline",
    "physical_therapy",
    "synkinesis",
    "complications",
    "scar_care",
    "care_team",
    "international_patients",
    # Added for issue 11: content of the sources no answer covered.
    "severed_nerve_treatment",
    "congenital_palsy",
    "combined_procedures",
}


def topic_file(topic_id: str) -> dict:
    return yaml.safe_load((FAQ_DIR / f"{topic_id}.yml").read_text(encoding="utf-8"))


def test_catalogue_has_exactly_the_public_topic_ids():
    assert set(topics()) == PUBLIC_TOPIC_IDS
    assert {path.stem for path in FAQ_DIR.glob("*.yml")} == PUBLIC_TOPIC_IDS
    assert {path.stem for path in ANSWERS_DIR.glob("*.yml")} == PUBLIC_TOPIC_IDS


@pytest.mark.parametrize("topic_id", sorted(PUBLIC_TOPIC_IDS))
def test_topic_has_varied_examples_and_a_sourced_answer(topic_id):
    data = topic_file(topic_id)
    (block,) = data["nlu"]
    assert block["intent"] == f"faq/{topic_id}"
    examples = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= 20
    assert len(set(map(str.lower, examples))) == len(examples), "duplicate examples"

    # The answer is not training data (addons/answer_placeholders.py): editing it needs no training.
    assert "responses" not in data

    response = answer(topic_id)
    assert set(response) == {"text"}
    last_line = response["text"].strip().splitlines()[-1]
    assert SOURCE_LINE.match(last_line), f"last line must cite sources: {last_line!r}"
    body, sources = body_and_sources(response)
    for name in sources:
        assert (SOURCES / name).is_file(), f"{name} is not in shared/sources"
    assert 100 < len(body) < 900


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
        assert [b["payload"] for b in buttons] == [f'/faq{{"topic": "{related}"}}' for related in topic.related]
        assert all(b["title"] == topics()[r].title for b, r in zip(buttons, topic.related, strict=True))


def _comparable(message):
    """Lower case, apostrophes and punctuation dropped: "Hi!" and "hi", "that's" and "thats"
    are the same message."""
    return " ".join(re.sub(r"[^\w ]", " ", re.sub(r"['\u2019]", "", message.lower())).split())


def _examples(path):
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        yield from (line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- "))


def test_heldout_messages_are_not_in_the_training_data_or_in_each_other():
    training = {_comparable(e) for path in (ROOT / "data" / "nlu").rglob("*.yml") for e in _examples(path)}
    seen = set()
    folders = sorted((ROOT / "tests" / "data").glob("heldout*"))
    assert len(folders) >= 9, folders
    for folder in folders:
        files = sorted(folder.glob("*.yml"))
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


# --- every answer says only what its cited sources say --------------------------------------
# The review checklist in docs/safety.md is the human side of this; these tests catch a term,
# number or name that none of an answer's cited sources contains.

URGENCY_FILE = ROOT / "clinic" / "urgency.yml"
# The only sentences allowed without a source: safety instructions, word for word
# (docs/safety.md). Everything else in an answer is checked against its sources.
SAFETY_INSTRUCTIONS = {
    "stroke": "Important: a face that droops suddenly, or any new weakness of the face, can be a "
    "sign of a stroke. Call your local emergency number now (for example 112 in Europe, 911 in "
    "North America, 999 in the UK).",
    "eye": "Important: if the eye is painful or red, or your vision changes, it needs prompt care. "
    "See a doctor today rather than waiting for a consultation about surgery.",
}
# Technical terms an answer may use only if a cited source has them. Most are checked as
# they are; a few have spellings a source may use instead (synonyms only where
# shared/sources/README.md gives them: "occlusal" = masseteric, chewing; "sublingual" =
# hypoglossal). Terms that no source has (NO_SOURCE) make any answer that uses them fail.
PLAIN_TERMS = (
    "gracilis",
    "sural",
    "trigeminal",
    "gold weight",
    "canthoplasty",
    "temporalis",
    "fascia lata",
    "sling",
    "f-wave",
    "nerve conduction",
    "filler",
    "silicone",
    "laser",
    "synkinesis",
    "moebius",
    "congenital",
    "cholesteatoma",
    "neuroma",
    "patholog",
    "microsurg",
    "acupuncture",
    "nasolabial",
    "atrophy",
    "neuromuscular",
    "speech therap",
    "neurologist",
    "neurosurgeon",
    "smoking",
    "alcohol",
    "gold standard",
    "single-stage",
    "korea",
    "reliable",
    "robust",
    "rapid",
    "donor",
    "infection",
    "free flap",
    "high-definition",
    "monitoring",
    "combination procedure",
)
NO_SOURCE = (
    r"stroke|emergency",  # only in a safety instruction
    r"steroid|prednisol|antiviral|eye ?drops|\bointment|\btap(e|ing)\b|eye patch|massage",
    r"electrical stimulation|bell'?s palsy|ramsay hunt|guarantee|success rate|percent|%",
)
TERMS = {
    **{re.escape(term): [term] for term in PLAIN_TERMS},
    **{pattern: [] for pattern in NO_SOURCE},
    r"masseter|chewing": ["masseter", "occlusal"],
    r"hypoglossal|tongue": ["hypoglossal", "sublingual"],
    r"cross-fac": ["cross-fac", "transfacial", "trans-facial"],
    r"free (functional )?muscle": ["free muscle", "free functional muscle"],
    r"\bemg\b|electromyogra": ["emg", "electromyogra"],
    r"\b3d\b": ["3d"],
    r"botox|botulinum": ["botox", "botulinum"],
    r"anaesthe|anesthe": ["anesthe", "anaesthe"],
    r"physiotherap|physical therap": ["physiotherap", "physical therap"],
    r"staged|in stages": ["staged"],
    r"intracranial|inside the skull": ["intracranial", "within the skull"],
    r"vascular|blood vessel": ["vascular", "blood vessel"],
    r"swelling|bruising": ["swelling", "bruising"],
    r"multilingual|several languages": ["multilingual"],
}
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
}
# A capital after one of these starts a sentence or list item and says nothing about a name.
SENTENCE_START = re.compile(r"(^\s*|\n- |\n|[.!?:]\s+|\(|\")([A-Z])(?=[a-z])")


def _source_text(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def _answers():
    """(name, text without the Source line, cited files) for every answer the assistant gives."""
    for topic_id in sorted(topics()):
        yield f"faq/{topic_id}", *body_and_sources(answer(topic_id))
    messages = yaml.safe_load(URGENCY_FILE.read_text(encoding="utf-8"))["messages"]
    for key, entry in messages.items():
        for name, message in [(key, entry)] if "text" in entry else entry.items():
            yield f"urgency/{name}", message["text"], message["sources"]


ANSWERS = list(_answers())


def _numbers(text: str) -> set[int]:
    words = re.findall(r"[a-z]+", text.lower())
    digits = re.findall(r"\b\d+\b", text)  # not the 3 of "3D"
    return {int(n) for n in digits} | {NUMBER_WORDS[w] for w in words if w in NUMBER_WORDS}


def _names(text: str) -> set[str]:
    """Acronyms (CFNG, MRI) and capitalised words inside a sentence (Korea, Botox), except
    those a TERMS entry already checks with its synonyms (EMG)."""
    inside = SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).lower(), text)
    names = set(re.findall(r"\b(?:[A-Z][A-Z0-9]+|[A-Z][a-z][\w-]*)\b", inside)) - {"I"}
    return {n for n in names if not any(re.search(p, n.lower()) for p in TERMS)}


def unsupported(text: str, sources: list[str]) -> list[str]:
    """What in an answer none of its cited sources contains: terms, numbers, names."""
    for instruction in SAFETY_INSTRUCTIONS.values():
        text = text.replace(instruction, "")
    cited = " ".join(_source_text(name) for name in sources)
    cited_lower = cited.lower()
    problems = [f"unlisted safety wording: {line}" for line in re.findall(r"Important:[^.]*", text)]
    for pattern, spellings in TERMS.items():
        found = re.search(pattern, text.lower())
        if found and not any(spelling in cited_lower for spelling in spellings):
            problems.append(f"term {found.group()!r}")
    problems += [f"number {n}" for n in sorted(_numbers(text) - _numbers(cited))]
    problems += [f"name {n!r}" for n in sorted(_names(text)) if n.lower() not in cited_lower]
    return problems


@pytest.mark.parametrize(("name", "text", "sources"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_answer_says_nothing_its_cited_sources_do_not_contain(name, text, sources):
    assert sources, f"{name} cites no source"
    for source in sources:
        assert (SOURCES / source).is_file(), f"{name}: {source} is not in shared/sources"
    assert unsupported(text, sources) == []


@pytest.mark.parametrize(
    ("text", "sources", "problem"),
    [
        ("Steroids and eye drops help recovery.", ["000_a62307aadb6c7962.txt"], "term 'steroid'"),
        ("Recovery takes about 7 months.", ["001_14275e855f28c48b.txt"], "number 7"),
        ("Movement comes in about three months.", ["001_14275e855f28c48b.txt"], "number 3"),
        ("Surgeons in Japan use EMG.", ["001_14275e855f28c48b.txt"], "name 'Japan'"),
        ("A gold weight protects the eye.", ["000_a62307aadb6c7962.txt"], "term 'gold weight'"),
        ("This can be a stroke.", ["000_a62307aadb6c7962.txt"], "term 'stroke'"),
        (
            "Important: rest your eye.",
            ["002_ae49c7581fe8b42e.txt"],
            "unlisted safety wording: Important: rest your eye",
        ),
    ],
)
def test_the_source_check_finds_what_a_source_does_not_say(text, sources, problem):
    assert problem in unsupported(text, sources)


# Each review point of issue 11 (docs/safety.md): what the answer must keep, and what it must
# not say again.
REVIEW_POINTS = {
    "faq/nerve_recovery_signs": (
        [
            "can continue to be observed",
            "severe damage",
            "early repair is needed",
            "even with some weak movement, it is still recommended to consider nerve repair",
        ],
        [],
    ),
    "faq/nerve_tests": (
        ["EMG (electromyogram) or F-wave", "still recommended to consider nerve repair"],
        ["main test"],
    ),
    "faq/consultation_checklist": ([], ["arrange", "can help"]),
    "faq/international_patients": (
        ["Korea in general, not this clinic's services"],
        ["clinic team can help", "several languages"],
    ),
    "faq/surgery_details": (["surgeons there use microsurgery"], []),
    "faq/surgery_preparation": (["treatment in Korea"], []),
    "faq/nonsurgical_options": (["missed the best time for nerve repair"], ["usually considered when"]),
    "faq/eye_treatment": ([SAFETY_INSTRUCTIONS["eye"]], []),
    "faq/what_is_facial_palsy": ([SAFETY_INSTRUCTIONS["stroke"]], []),
    "faq/masseteric_nerve_transfer": (["reliable", "rapid reanimation and robust movement"], []),
    "faq/severed_nerve_treatment": (
        ["inside the skull (intracranial) is severed", "avoids the shortcomings of a single approach"],
        [],
    ),
    "urgency/eye_not_closing": ([SAFETY_INSTRUCTIONS["eye"]], []),
    "urgency/nerve_cut": (["can be considered", "inside the skull was severed"], ["can be repaired"]),
    "urgency/no_recovery": (["still recommended to consider nerve repair"], ["worth considering"]),
    "urgency/recovery_seen": (["severe damage", "still recommended to consider nerve repair"], []),
    "urgency/early": (["its own policy, not a figure from the sources"], []),
    "urgency/closing": (["its own policy, not a figure from the sources"], []),
}


@pytest.mark.parametrize(("name", "text", "sources"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_answer_keeps_what_the_review_asked_for(name, text, sources):
    text = " ".join(text.split())  # urgency texts are folded YAML
    must, must_not = REVIEW_POINTS.get(name, ([], []))
    for phrase in must:
        assert phrase in text, name
    for phrase in [*must_not, "still early"]:
        assert phrase not in text, name


def test_every_review_point_names_an_answer():
    assert set(REVIEW_POINTS) <= {name for name, _, _ in ANSWERS}


# Wording that diagnoses or decides for the person; answers speak in general and leave that
# to a consultation.
PERSONAL_WORDING = re.compile(
    r"\byou (have|need|should|must|will (recover|need|get))\b|\byour (nerve|palsy|face) (is|will)\b"
    r"|\b(is|are) (right|best) for you\b|\bi recommend\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("name", "text", "sources"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_answer_neither_diagnoses_nor_decides_for_the_person(name, text, sources):
    for instruction in SAFETY_INSTRUCTIONS.values():
        text = text.replace(instruction, "")
    assert not PERSONAL_WORDING.search(" ".join(text.split())), name


@pytest.mark.parametrize("topic_id", sorted(PUBLIC_TOPIC_IDS))
def test_knowledge_answer_points_to_the_people_who_decide(topic_id):
    # Urgency advice always ends with the consultation message (tests/unit/test_urgency.py).
    assert re.search(r"surgeon|doctor|care team|your team|clinic team", answer(topic_id)["text"], re.IGNORECASE)


@pytest.mark.parametrize("wording", ["You have a nerve injury.", "Your nerve is dead.", "This is best for you."])
def test_the_personal_wording_check_finds_a_diagnosis_or_a_decision(wording):
    assert PERSONAL_WORDING.search(wording)


def test_the_hazard_log_names_tests_that_exist():
    log = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", log)
    assert named
    for path, test in named:
        assert re.search(rf"\bdef {test}\(", (ROOT / path).read_text(encoding="utf-8")), f"{path}::{test}"
    hazards = [row for row in log.splitlines() if re.match(r"\| H\d+ \|", row)]
    assert hazards and all("::" in row or "TODO(lead)" in row for row in hazards)
