"""Recognises messages the language model should not try to classify, so they get the kind
"please rephrase" reply instead of a guess: nothing but symbols or emoji, or far too long."""
from __future__ import annotations

import re

MAX_CHARACTERS = 1000
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def unreadable_reason(text: str) -> str | None:
    """Why the message cannot be understood ("no_words", "too_long"), or None."""
    if not _LETTER_OR_DIGIT.search(text or ""):
        return "no_words"
    if len(text) > MAX_CHARACTERS:
        return "too_long"
    return None
