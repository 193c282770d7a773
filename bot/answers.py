"""The topic answers patients get: clinic/answers/<topic>.yml, one file per topic for a
clinician to review. Each file is one Rasa response: its `text` ends with the `Source:`
line naming the source files (shared/sources) the answer is based on. Read again when a
file changes (bot/clinic_files.py), so an edit reaches patients without a training or a
restart; served by the Rasa server (addons/clinic_nlg.py)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.clinic_files import CLINIC_DIR, load

ANSWERS_DIR = CLINIC_DIR / "answers"
SOURCE_FILE = r"\d{3}_[0-9a-f]{16}\.txt"
SOURCE_LINE = re.compile(rf"^Source: {SOURCE_FILE}(, {SOURCE_FILE})*$")
TOPIC_ID = re.compile(r"[a-z0-9_]+")


class AnswerError(ValueError):
    """An answer file that cannot be served as it is."""


def _checked(document) -> dict:
    """The file's response if its text is there and ends with the Source line: an answer
    that does not name its source is not served."""
    text = document.get("text") if isinstance(document, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise AnswerError("the answer has no text")
    if not SOURCE_LINE.match(text.strip().splitlines()[-1]):
        raise AnswerError("the answer's last line is not its Source: line")
    return document


def answer_file(topic_id: str, folder: Path = ANSWERS_DIR) -> Path:
    if not TOPIC_ID.fullmatch(topic_id):  # the name becomes a path: no "../"
        raise AnswerError(f"not a topic ID: {topic_id!r}")
    return folder / f"{topic_id}.yml"


def answer(topic_id: str, folder: Path = ANSWERS_DIR) -> dict:
    """The topic's answer, a Rasa response (`text`, and any other response key such as
    `image`). A file broken by an edit keeps its last good version; a missing file or one
    never valid raises (OSError, a YAML error or AnswerError)."""
    return load(answer_file(topic_id, folder), _checked)


def body_and_sources(response: dict) -> tuple[str, list[str]]:
    """An answer's text without its Source line, and the source files that line names."""
    *body, source_line = response["text"].strip().splitlines()
    return "\n".join(body), re.findall(SOURCE_FILE, source_line)
