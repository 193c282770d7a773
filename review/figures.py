"""The review report's figures, shaped from stored conversations: pure data work over Rasa's
events (rasa.shared.core.events), with no store and no drawing.

What counts (a "conversation" is one tracker, all its sessions):
- a message is a patient's message (UserUttered), button clicks included; a conversation
  counts on a day when the patient wrote in it that day;
- a question per topic is a topic answer sent: a BotUttered whose metadata `utter_action`
  (set by Rasa 3.6 for every domain response, also one sent by the action server) is
  `utter_faq/<topic>`;
- a message the assistant could not answer is one understood as nlu_fallback, out_of_scope
  or other_language;
- a rating is a message with intent rate_answer and the entities rating (helpful /
  not_helpful) and topic (a topic ID or urgency_advice); the "what was missing" comment is
  the missing_info slot set after a not_helpful rating;
- an urgency tier is reached in a conversation when urgency_level is set to it;
- an emergency reply is a BotUttered of utter_emergency or utter_new_weakness_after_operation.

Slots that a new session carries over (SlotSet events between SessionStarted and the
patient's next message) are copies, not new values, and are not counted again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo

from rasa.shared.core.events import BotUttered, Event, SessionStarted, SlotSet, UserUttered

from bot.contract import (
    HELPFUL,
    MISSING_INFO_SLOT,
    NLU_FALLBACK_INTENT,
    NOT_HELPFUL,
    OTHER_LANGUAGE_INTENT,
    RATE_ANSWER_INTENT,
    URGENCY_LEVEL_SLOT,
)
from bot.urgency import urgency_levels

TOPIC_RESPONSE_PREFIX = "utter_faq/"
# Why the assistant could not answer, by the intent the message was understood as.
UNANSWERED_REASONS = {
    NLU_FALLBACK_INTENT: "unclear",
    "out_of_scope": "out of scope",
    OTHER_LANGUAGE_INTENT: "other language",
}
# The emergency-first replies (data/rules/safety.yml, actions/urgency.py).
EMERGENCY_REPLIES = {
    "utter_emergency": "Emergency care (stroke signs or a new weakness)",
    "utter_new_weakness_after_operation": "Surgical team today (new weakness after an operation)",
}
RATING_VALUES = (HELPFUL, NOT_HELPFUL)


@dataclass(frozen=True)
class PatientText:
    """A patient's own words, listed for content review. `conversation` numbers the
    conversations of one report (1, 2, ...) so messages of one patient can be read
    together; it is not the conversation's ID."""

    when: datetime
    conversation: int
    label: str  # why it is listed: the reason not answered, or the rated topic
    text: str


@dataclass
class ReviewFigures:
    first_day: date
    last_day: date
    conversations_per_day: dict[date, int]
    messages_per_day: dict[date, int]
    questions_per_topic: Counter[str] = field(default_factory=Counter)
    unanswered: list[PatientText] = field(default_factory=list)
    # Per rated topic: how many "helpful" and "not_helpful".
    ratings: dict[str, Counter[str]] = field(default_factory=dict)
    missing_comments: list[PatientText] = field(default_factory=list)
    # Conversations that reached each tier (every tier present, in order).
    urgency_tiers: dict[str, int] = field(default_factory=dict)
    emergency_replies: Counter[str] = field(default_factory=Counter)
    conversations: int = 0

    @property
    def messages(self) -> int:
        return sum(self.messages_per_day.values())

    @property
    def empty(self) -> bool:
        return self.conversations == 0


def days_between(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]


def intent_name(event: UserUttered) -> str | None:
    return (event.intent or {}).get("name")


def entity_values(event: UserUttered) -> dict[str, str]:
    return {entity.get("entity"): entity.get("value") for entity in event.entities or []}


def uttered_response(event: BotUttered) -> str | None:
    return (event.metadata or {}).get("utter_action")


def new_slot_values(events: Iterable[Event]) -> Iterable[tuple[Event, SlotSet | None]]:
    """Each event, with itself again when it is a SlotSet that is not a new session's copy."""
    carrying_over = False
    for event in events:
        if isinstance(event, SessionStarted):
            carrying_over = True
        elif isinstance(event, UserUttered):
            carrying_over = False
        yield event, event if isinstance(event, SlotSet) and not carrying_over else None


def review_figures(
    conversations: Iterable[Sequence[Event]],
    first_day: date,
    last_day: date,
    tz: tzinfo | None = None,
) -> ReviewFigures:
    """The figures for the days first_day..last_day (both included) in time zone `tz`
    (None: this machine's local time), from each conversation's events in stored order."""
    days = days_between(first_day, last_day)
    conversations_per_day: dict[date, set[int]] = {day: set() for day in days}
    messages_per_day = dict.fromkeys(days, 0)
    questions = Counter()
    ratings: dict[str, Counter[str]] = defaultdict(Counter)
    tiers: dict[str, set[int]] = {level: set() for level in urgency_levels()}
    emergencies = Counter()
    # Numbered by the conversation's position in `conversations` until the end.
    unanswered: list[PatientText] = []
    comments: list[PatientText] = []
    talked: set[int] = set()

    for number, events in enumerate(conversations):
        awaiting_comment: str | None = None  # topic of the latest not_helpful rating
        latest_unanswered: PatientText | None = None  # the latest message, if listed as unanswered
        for event, new_slot in new_slot_values(events):
            when = datetime.fromtimestamp(event.timestamp, tz)
            in_range = first_day <= when.date() <= last_day
            if isinstance(event, UserUttered):
                intent = intent_name(event)
                if intent == RATE_ANSWER_INTENT:
                    entities = entity_values(event)
                    rating, topic = entities.get("rating"), entities.get("topic")
                    awaiting_comment = topic if rating == NOT_HELPFUL else None
                    if in_range and topic and rating in RATING_VALUES:
                        ratings[topic][rating] += 1
                if not in_range:
                    continue
                talked.add(number)
                conversations_per_day[when.date()].add(number)
                messages_per_day[when.date()] += 1
                latest_unanswered = None
                if intent in UNANSWERED_REASONS:
                    latest_unanswered = PatientText(when, number, UNANSWERED_REASONS[intent], event.text or "")
                    unanswered.append(latest_unanswered)
            elif isinstance(event, BotUttered) and in_range:
                response = uttered_response(event) or ""
                if response.startswith(TOPIC_RESPONSE_PREFIX):
                    questions[response[len(TOPIC_RESPONSE_PREFIX) :]] += 1
                elif response in EMERGENCY_REPLIES:
                    emergencies[response] += 1
            elif new_slot is not None and new_slot.value:
                if new_slot.key == URGENCY_LEVEL_SLOT and in_range and new_slot.value in tiers:
                    tiers[new_slot.value].add(number)
                elif new_slot.key == MISSING_INFO_SLOT and awaiting_comment:
                    if in_range:
                        comments.append(PatientText(when, number, awaiting_comment, str(new_slot.value)))
                        # A comment the model did not understand is listed once, as a comment.
                        if latest_unanswered is not None and latest_unanswered.text == str(new_slot.value):
                            unanswered.remove(latest_unanswered)
                            latest_unanswered = None
                    awaiting_comment = None

    numbering = _numbering(sorted(unanswered + comments, key=lambda item: item.when))
    return ReviewFigures(
        first_day=first_day,
        last_day=last_day,
        conversations_per_day={day: len(numbers) for day, numbers in conversations_per_day.items()},
        messages_per_day=messages_per_day,
        questions_per_topic=questions,
        unanswered=_numbered(unanswered, numbering),
        ratings=dict(ratings),
        missing_comments=_numbered(comments, numbering),
        urgency_tiers={level: len(numbers) for level, numbers in tiers.items()},
        emergency_replies=emergencies,
        conversations=len(talked),
    )


def _numbering(listed: list[PatientText]) -> dict[int, int]:
    """Report numbers 1, 2, ... for the conversations in order of their first listed text."""
    numbering: dict[int, int] = {}
    for item in listed:
        numbering.setdefault(item.conversation, len(numbering) + 1)
    return numbering


def _numbered(listed: list[PatientText], numbering: dict[int, int]) -> list[PatientText]:
    return [
        replace(item, conversation=numbering[item.conversation]) for item in sorted(listed, key=lambda item: item.when)
    ]
