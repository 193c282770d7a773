"""Decides when a message, or an answer to "when did the weakness begin?", must get an
emergency-first reply, and why (the concern). The rules are data (clinic/safety.yml); this
module only combines them; the replies are domain responses (domain.yml). It errs on the
side of sending someone to a doctor: a needless same-day visit costs far less than a
missed stroke."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.clinic_files import CLINIC_DIR, load

SAFETY_RULES = CLINIC_DIR / "safety.yml"
# Stroke warning signs other than the face (BE-FAST: Balance, Eyes, Arm, Speech), plus
# sudden confusion and a sudden severe headache.
OTHER_SIGN_GROUPS = (
    "limb_signs",
    "speech_signs",
    "balance_signs",
    "vision_signs",
    "confusion_signs",
    "headache_signs",
)
# Signs facial palsy never causes: with a face sign they mean a stroke, however long the
# face has drooped. (A weak lip can blur speech, so speech counts only for a new palsy.)
NEVER_PALSY_SIGN_GROUPS = {"limb_signs", "confusion_signs"}


class Concern(StrEnum):
    """Why a reply must start with emergency instructions; the value is the onset_concern slot's."""

    STROKE_SIGNS = "stroke_signs"
    NEW_FACIAL_WEAKNESS = "new_facial_weakness"
    NEW_WEAKNESS_AFTER_OPERATION = "new_weakness_after_operation"


def _compiled(rules: dict) -> dict:
    """The rules, each list of patterns compiled (a bad pattern fails here, on loading)."""
    return {
        name: [re.compile(pattern, re.IGNORECASE) for pattern in value] if isinstance(value, list) else value
        for name, value in rules.items()
    }


def _config() -> dict:
    return load(SAFETY_RULES, _compiled)


def _patterns(group: str) -> list[re.Pattern[str]]:
    return _config()[group]


def _matches(group: str, text: str) -> bool:
    return any(pattern.search(text) for pattern in _patterns(group))


def new_onset_days() -> int:
    return _config()["new_onset_days"]


def _day_count(word: str) -> int:
    word = word.lower().removeprefix("a ").removesuffix(" of")
    return int(word) if word.isdigit() else _config()["day_counts"][word]


def _began_in_the_last_days(text: str) -> bool:
    if _matches("recent_onset", text):
        return True
    if _matches("waking_onset", text) and not _matches("operation", text):
        return True
    return any(
        _day_count(match.group("count")) <= new_onset_days()
        for pattern in _patterns("days_elapsed")
        for match in pattern.finditer(text)
    )


def message_concern(text: str) -> Concern | None:
    """Why this message needs an emergency-first reply, or None (see clinic/safety.yml)."""
    text = (text or "").replace("\u2019", "'")
    if not text.strip():
        return None
    if _matches("definite_stroke", text):
        return Concern.STROKE_SIGNS
    face = _matches("face_signs", text)
    other_signs = {group for group in OTHER_SIGN_GROUPS if _matches(group, text)}
    long_standing = _matches("long_standing", text)
    if face and (other_signs & NEVER_PALSY_SIGN_GROUPS or ("speech_signs" in other_signs and not long_standing)):
        return Concern.STROKE_SIGNS
    if "limb_signs" in other_signs and len(other_signs) > 1:
        return Concern.STROKE_SIGNS
    if not (face or other_signs):
        return None
    sudden = _matches("sudden_onset", text)
    if not (sudden or _began_in_the_last_days(text)):
        return None
    if other_signs:
        return Concern.STROKE_SIGNS
    if _matches("operation", text) and not long_standing:
        return Concern.NEW_WEAKNESS_AFTER_OPERATION
    if sudden:
        return Concern.STROKE_SIGNS
    return None if long_standing else Concern.NEW_FACIAL_WEAKNESS


def why_not_an_emergency(text: str) -> str | None:
    """For a message the trained model took for an emergency and the rules did not: the
    reason it is not one, or None when the model's call should stand. The message says the
    weakness is long-standing (from birth, for months or years, after an operation or a
    stroke long ago), or it asks a general question ("why does one side of my face droop?")
    naming no onset and no stroke sign other than the face."""
    text = (text or "").replace("\u2019", "'")
    if _matches("long_standing", text):
        return "long-standing weakness"
    onset = _matches("sudden_onset", text) or _began_in_the_last_days(text)
    other_sign = any(_matches(group, text) for group in OTHER_SIGN_GROUPS)
    if _matches("general_question", text) and not (onset or other_sign):
        return "general question without an onset"
    return None


def says_it_began_just_now(answer: str) -> bool:
    """For an answer without a date the time parser can read ("I woke up with it", "just
    now"): does it still say the weakness began within the last hours?"""
    answer = answer.replace("\u2019", "'")
    return _matches("sudden_onset", answer) or (_matches("waking_onset", answer) and not _matches("operation", answer))


def onset_concern(onset: date, today: date, answer: str) -> Concern | None:
    """For the answer to "when did the weakness begin, or when was the operation?": what the
    answer itself says (it may name stroke signs), else a concern when the onset was at
    most new_onset_days ago, else None."""
    concern = message_concern(answer)
    if concern:
        return concern
    if (today - onset).days > new_onset_days():
        return None
    if _matches("operation", answer.replace("\u2019", "'")):
        return Concern.NEW_WEAKNESS_AFTER_OPERATION
    return Concern.NEW_FACIAL_WEAKNESS
