"""The language check never flags an English message and recognises most messages written
in other languages, with the thresholds configured in config.yml."""

import re

import pytest
import yaml

from bot.language import LanguageCheck, mostly_non_latin
from ops.settings import PROJECT_ROOT

GATE = "addons.language_gate.LanguageGate"


@pytest.fixture(scope="module")
def check():
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    (config,) = [component for component in pipeline if component["name"] == GATE]
    return LanguageCheck(config["candidate_languages"], config["min_confidence"], config["min_words"])


def english_messages():
    """Every training and held-out message: all English, many with typos or in fragments."""
    folders = [PROJECT_ROOT / "data" / "nlu", *sorted((PROJECT_ROOT / "tests" / "data").glob("heldout*"))]
    for path in (p for folder in folders for p in sorted(folder.rglob("*.yml"))):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in block["examples"].splitlines():
                if line.startswith("- "):
                    # Entity annotations: "[3 months ago](DATE)" -> "3 months ago".
                    yield re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:].strip())


def other_language_messages():
    data = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "other_languages.yml").read_text(encoding="utf-8"))
    return [(language, text) for language, texts in data.items() for text in texts]


def test_no_english_message_is_taken_for_another_language(check):
    messages = list(english_messages())
    assert len(messages) > 3000
    flagged = [(text, check.other_language(text)) for text in messages if check.other_language(text)]
    assert flagged == []


def test_most_messages_in_other_languages_are_recognised(check):
    messages = other_language_messages()
    missed = [text for _, text in messages if check.other_language(text) is None]
    recognised = 1 - len(missed) / len(messages)
    print(f"recognised {recognised:.0%} of {len(messages)} messages in other languages; missed: {missed}")
    assert recognised >= 0.75, missed


@pytest.mark.parametrize(
    "text, language",
    [
        ("Hola, tengo parálisis facial desde hace 4 meses, ¿todavía me pueden operar?", "spanish"),
        ("Bonjour, j'ai une paralysie faciale depuis mon opération, que faire ?", "french"),
        ("Wie lange dauert die Heilung nach einer Nerventransplantation?", "german"),
        ("Здравствуйте, у меня паралич лицевого нерва после операции", "other"),
        ("你好，我手术后面瘫了", "other"),
        # Short Latin-script messages are left to the NLU model.
        ("gracias", None),
        ("merci beaucoup", None),
        ("my face is paralysed on the left since my op, what can be done", None),
        ("3 monts ago", None),
        ("🙂", None),
        ("", None),
    ],
)
def test_detected_language(check, text, language):
    assert check.other_language(text) == language


def test_script_check_counts_letters_only():
    assert mostly_non_latin("Привет 123 !!!")
    assert not mostly_non_latin("Bell's palsy – résumé, naïve")
    assert not mostly_non_latin("12/03/2025")
