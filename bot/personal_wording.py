"""Whether a patient's question is about their own case or a relative's, in its wording.

A knowledge answer is general. When the question is put in personal words ("is surgery safe
for me?", "is my mum too old for it?", "will she recover?"), the answer is followed by the
reminder that only a surgeon who examines the person can decide for them (actions/faq.py,
text: utter_surgeon_decides in domain.yml). Requests for a decision or a diagnosis are not
answered at all: they are the personal_advice intent (docs/labelling.md, step 2).

Wording, not meaning: a general question that happens to say "I" ("I'd like to know what
synkinesis is") also gets the reminder, which is true for everyone and costs one short
message; a personal question without these words ("is surgery safe at 70?") does not.
Practical topics (what to bring, the hospital stay...) never get it: `surgeon_reminder: false`
in clinic/topics.yml.
"""

from __future__ import annotations

import re

# I, me, my and their contractions and common typed forms ("im", "ive"), we / our, and a
# third person the patient writes about ("my husband ... will he", "is she too old").
PERSONAL_WORDS = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|we've|our|ours|"
    r"he|she|him|her|his|he's|she's)\b",
    re.IGNORECASE,
)


def is_personal(text: str) -> bool:
    """The message speaks of the writer or of one person they ask for."""
    return bool(PERSONAL_WORDS.search(text.replace("\u2019", "'")))
