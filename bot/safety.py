"""Detects messages describing a possible stroke, so the assistant can send the person to
emergency care before anything else. Rules are data (clinic/safety.yml); this module only
applies them. It errs on the side of sending someone to emergency care."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

SAFETY_RULES = Path(__file__).resolve().parent.parent / "clinic" / "safety.yml"


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[re.Pattern[str]]]:
    raw = yaml.safe_load(SAFETY_RULES.read_text(encoding="utf-8"))
    return {
        group: [re.compile(pattern, re.IGNORECASE) for pattern in patterns]
        for group, patterns in raw.items()
    }


def _matches(group: str, text: str) -> bool:
    return any(pattern.search(text) for pattern in _rules()[group])


def looks_like_stroke(text: str) -> bool:
    """True when the message describes sudden new facial drooping or other stroke signs."""
    if not text:
        return False
    text = text.replace("\u2019", "'")
    if _matches("definite_stroke", text):
        return True
    face = _matches("face_signs", text)
    limbs = _matches("limb_signs", text)
    if face and limbs:
        return True
    any_sign = face or limbs or _matches("speech_signs", text)
    return any_sign and _matches("sudden_onset", text)
