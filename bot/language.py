"""Recognises messages written in another language, so the patient is told kindly that the
assistant reads English only instead of getting an answer to a topic it guessed.

Two checks, both tuned to never flag an English message (measured on every training and
held-out message, docs/evaluation.md):
- a message whose letters are mostly not Latin (Cyrillic, Arabic, Chinese, ...) is not English;
- a Latin-script message of at least `min_words` words that Lingua assigns to one of the
  candidate languages other than English with at least `min_confidence`.
Short Latin-script messages ("gracias", "bonjour") are left to the NLU model: with one or
two words, English typos and foreign words cannot be told apart reliably."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lingua import Language, LanguageDetectorBuilder

LAST_LATIN_CODE_POINT = 0x24F  # end of Unicode's Latin Extended-B block
_WORD = re.compile(r"[^\W\d_]+")


def mostly_non_latin(text: str) -> bool:
    letters = [character for character in text if character.isalpha()]
    non_latin = sum(ord(character) > LAST_LATIN_CODE_POINT for character in letters)
    return bool(letters) and non_latin > len(letters) / 2


class LanguageCheck:
    def __init__(self, candidate_languages: Sequence[str], min_confidence: float, min_words: int) -> None:
        """candidate_languages: Lingua language names such as "SPANISH"; English is always added."""
        languages = {Language.ENGLISH, *(Language.from_str(name) for name in candidate_languages)}
        # Loading the models up front keeps the first patient's message fast.
        self._detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
        self.min_confidence = min_confidence
        self.min_words = min_words

    def other_language(self, text: str) -> str | None:
        """The language a message is confidently written in when it is not English, else None.
        Returns "other" for non-Latin scripts, otherwise a lower-case name such as "spanish"."""
        if mostly_non_latin(text):
            return "other"
        if len(_WORD.findall(text)) < self.min_words:
            return None
        best = self._detector.compute_language_confidence_values(text)[0]
        if best.language != Language.ENGLISH and best.value >= self.min_confidence:
            return best.language.name.lower()
        return None
