"""Recognises messages the language model should not try to classify, so they get the kind
"please rephrase" reply instead of a guess: nothing but symbols, emoji or HTML markup, or far
too long."""

from __future__ import annotations

import re

MAX_CHARACTERS = 1000
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# Markup is not something a patient says: a script or style element with its content, and any tag.
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")


def without_markup(text: str) -> str:
    return _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text))


def unreadable_reason(text: str) -> str | None:
    """Why the message cannot be understood ("no_words", "too_long"), or None."""
    if not _LETTER_OR_DIGIT.search(without_markup(text or "")):
        return "no_words"
    if len(text) > MAX_CHARACTERS:
        return "too_long"
    return None
