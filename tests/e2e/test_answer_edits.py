"""Staff edit the clinic's texts while the assistant runs: a topic answer (served by the Rasa
server, addons/clinic_nlg.py), a button title and the contact details (action server) reach
the next patient over REST, without a restart or a training; a broken edit is not served.
Runs on a copy of clinic/ (ASSISTANT_CLINIC_DIR)."""

import shutil
import time

import yaml

from bot.answers import answer_file
from bot.clinic_files import CLINIC_DIR, CLINIC_DIR_ENV
from rest_chat import say, texts, topic_answer

LIVE_WITHIN_SECONDS = 60


def _edit_yaml(path, change):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, width=1000), encoding="utf-8")


def related_titles(replies: list[dict]) -> list[str]:
    """The titles of the answer's buttons (the related topics); "Was this helpful?" follows it."""
    return [button["title"] for button in topic_answer(replies)["buttons"]]


def test_saved_edits_reach_the_next_patient_without_a_restart(start_assistant, tmp_path):
    clinic = tmp_path / "clinic"
    shutil.copytree(CLINIC_DIR, clinic)
    answer = answer_file("synkinesis", clinic / "answers")
    with start_assistant(extra_env={CLINIC_DIR_ENV: str(clinic)}) as assistant:
        before = say(assistant, '/faq{"topic": "synkinesis"}')
        assert "Synkinesis means an involuntary movement" in texts(before)
        assert "Possible complications" in related_titles(before)

        answer.write_text(
            answer.read_text(encoding="utf-8").replace("involuntary movement", "unwanted movement"),
            encoding="utf-8",
        )
        _edit_yaml(
            clinic / "topics.yml", lambda d: d["topics"]["complications"].update(title="Complications to know about")
        )
        _edit_yaml(clinic / "contact.yml", lambda d: d.update(phone="+44 20 7946 0000"))
        saved = time.monotonic()

        after = say(assistant, "what is synkinesis?")
        handoff = texts(say(assistant, "I want to talk to a person"))
        live_after = time.monotonic() - saved

        answer.write_text("text: An answer that lost its source line, draft words\n", encoding="utf-8")
        after_a_broken_edit = texts(say(assistant, "what is synkinesis?"))
        log = (assistant.log_dir / "rasa.log").read_text(encoding="utf-8")

    assert "Synkinesis means an unwanted movement" in texts(after)
    assert "Source: 001_14275e855f28c48b.txt" in texts(after)
    assert "Complications to know about" in related_titles(after)
    assert "+44 20 7946 0000" in handoff
    assert live_after < LIVE_WITHIN_SECONDS
    # A file that cannot be served keeps the previous text; the log names the file, not its words.
    assert "Synkinesis means an unwanted movement" in after_a_broken_edit
    assert str(answer) in log and "draft words" not in log
