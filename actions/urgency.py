"""The urgency assessment: reads the injury time and the follow-up answers (form
validation), then gives advice. The rules themselves live in bot/ (pure Python)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.rating import ask_for_rating
from bot.clock import today
from bot.contract import (
    DATE_ATTEMPTS_SLOT,
    DATE_ENTITY,
    EYE_CLOSURE_SLOT,
    INJURY_DATE_SLOT,
    MONTHS_SINCE_INJURY_SLOT,
    NERVE_CUT,
    NERVE_STATUS_SLOT,
    NOT_A_DATE_ANSWER_INTENTS,
    ONSET_CONCERN_SLOT,
    RECOVERY_SIGNS_SLOT,
    REQUESTED_SLOT,
    UNKNOWN_DATE,
    URGENCY_ADVICE_TOPIC,
    URGENCY_LEVEL_SLOT,
    intent_name,
)
from bot.injury_time import TimeParse, chosen_reading, parse_injury_time
from bot.safety import Concern, onset_concern, says_it_began_just_now
from bot.topics import related_buttons
from bot.urgency import build_advice, date_question, months_since, urgency_level

logger = logging.getLogger(__name__)

MAX_DATE_ATTEMPTS = 3


def date_hint(latest_message: dict[str, Any]) -> str | None:
    """The first span spaCy labelled DATE, a hint for the time parser."""
    for entity in latest_message.get("entities", []):
        if entity.get("entity") == DATE_ENTITY:
            return entity.get("value")
    return None


def parse_message(message: dict[str, Any]) -> TimeParse:
    return parse_injury_time(message.get("text") or "", today(), date_hint(message))


def clearly_contains_a_time(message: dict[str, Any]) -> bool:
    """A past date, or a numeric date that reads two ways (asked back)."""
    return parse_message(message).status in ("ok", "ambiguous")


def opening_time(message: dict[str, Any]) -> bool:
    """The message that opens the assessment gives its time, or a planned date: taken, so
    the patient is not asked again for what they already said."""
    return parse_message(message).status in ("ok", "ambiguous", "future")


def previous_message(tracker: Tracker) -> dict[str, Any] | None:
    """The patient's message before the latest one, as NLU parsed it (text, intent, entities)."""
    messages = [
        {**(event.get("parse_data") or {}), "text": event.get("text") or ""}
        for event in tracker.events
        if event.get("event") == "user"
    ]
    return messages[-2] if len(messages) >= 2 else None


def hint_for(tracker: Tracker, text: str) -> str | None:
    """spaCy's DATE hint of the message `text` comes from (the latest or the one before)."""
    previous = previous_message(tracker)
    source = previous if previous and text != tracker.latest_message.get("text") else None
    return date_hint(source or tracker.latest_message)


def pending_choice(tracker: Tracker) -> tuple[str, tuple[date, ...]] | None:
    """When the date question was asked back ("do you mean 3 April or 4 March?") after the
    previous message: that message and its two readings."""
    previous = previous_message(tracker)
    if tracker.get_slot(REQUESTED_SLOT) != INJURY_DATE_SLOT or not previous:
        return None
    earlier = parse_message(previous)
    return (previous["text"], earlier.candidates) if earlier.status == "ambiguous" else None


def reads_as_date_answer(message: dict[str, Any]) -> bool:
    """Whether the form, having asked for the date, takes this message as the answer: a
    question or remark that a rule answers in the middle of the form only when it clearly
    contains a time; otherwise the form asks (again) without counting a failed answer."""
    return intent_name(message) not in NOT_A_DATE_ANSWER_INTENTS or clearly_contains_a_time(message)


class ValidateUrgencyForm(FormValidationAction):
    def name(self) -> str:
        return "validate_urgency_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        if tracker.get_slot(ONSET_CONCERN_SLOT):
            # A new weakness needs a doctor first: no more questions about the nerve.
            return []
        if tracker.get_slot(INJURY_DATE_SLOT) == UNKNOWN_DATE:
            return [INJURY_DATE_SLOT]
        if tracker.get_slot(NERVE_STATUS_SLOT) == NERVE_CUT:
            # Signs of spontaneous recovery only matter while the nerve is in one piece.
            return [slot for slot in domain_slots if slot != RECOVERY_SIGNS_SLOT]
        return domain_slots

    async def extract_injury_date(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Takes the message as the answer to the date question; validation reads it."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        if tracker.get_slot(INJURY_DATE_SLOT) or requested not in (None, INJURY_DATE_SLOT):
            return {}
        message = tracker.latest_message
        if requested is None:
            # The opening message counts when it gives a time. If it does not ("is it too late
            # for me?"), the patient's message just before it does when it clearly has one
            # ("... 7 weeks after my ear surgery, is repair still possible?", answered as a
            # question): the patient is not asked again for what they already said.
            taken = opening_time(message)
            previous = previous_message(tracker)
            if not taken and previous and parse_message(previous).status == "ok":
                message, taken = previous, True
        else:
            taken = reads_as_date_answer(message) or self._picks_a_reading(tracker)
        return {INJURY_DATE_SLOT: message.get("text") or ""} if taken else {}

    def validate_injury_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == UNKNOWN_DATE:
            return {INJURY_DATE_SLOT: UNKNOWN_DATE, MONTHS_SINCE_INJURY_SLOT: None, URGENCY_LEVEL_SLOT: None}
        pending = pending_choice(tracker)
        chosen = chosen_reading(value, pending[1], today()) if pending else None
        if chosen:
            # The answer to "do you mean 3 April 2025 or 4 March 2025?", read together with
            # the message it answers (which may say it was an operation).
            parsed, value = TimeParse.resolved(chosen, value, today()), f"{pending[0]} {value}"
        else:
            parsed = parse_injury_time(value, today(), hint_for(tracker, value))
        if parsed.status == "ok":
            return onset_slots(parsed.injury_date, value)
        if parsed.status == "not_found" and says_it_began_just_now(value):
            # "I woke up with it", "just now": no date to read, but it began today.
            return onset_slots(today(), value)
        if parsed.status == "ambiguous":
            # Asked back, not guessed, and not a failed answer: the form's question for the
            # date (ActionAskInjuryDate) then asks "do you mean ... or ...?".
            return {INJURY_DATE_SLOT: None}
        future = date_question("future") if parsed.status == "future" else None
        if future and tracker.get_slot(REQUESTED_SLOT) != INJURY_DATE_SLOT:
            # A planned date in the opening message: said kindly, not counted as an answer.
            dispatcher.utter_message(text=future)
            return {INJURY_DATE_SLOT: None}
        attempts = int(tracker.get_slot(DATE_ATTEMPTS_SLOT) or 0) + 1
        if attempts >= MAX_DATE_ATTEMPTS:
            dispatcher.utter_message(response="utter_date_gave_up")
            return {INJURY_DATE_SLOT: UNKNOWN_DATE, DATE_ATTEMPTS_SLOT: attempts}
        if future:
            dispatcher.utter_message(text=future)
        else:
            dispatcher.utter_message(response="utter_date_not_understood")
        return {INJURY_DATE_SLOT: None, DATE_ATTEMPTS_SLOT: attempts}

    @staticmethod
    def _picks_a_reading(tracker: Tracker) -> bool:
        pending = pending_choice(tracker)
        text = tracker.latest_message.get("text") or ""
        return bool(pending and chosen_reading(text, pending[1], today()))


class ActionAskInjuryDate(Action):
    """The form's question for the date. When the patient's message just read as a numeric
    date that reads two ways ("3/4/2025"), the question back ("Do you mean 3 April 2025 or
    4 March 2025?") is asked instead, so that it is the only question of the turn. Rasa's
    form uses action_ask_<form>_<slot> before the response utter_ask_<form>_<slot>."""

    def name(self) -> str:
        return "action_ask_urgency_form_injury_date"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        readings = ambiguous_readings(tracker)
        if readings:
            first, second = readings
            dispatcher.utter_message(text=date_question("ambiguous", first=first, second=second))
        else:
            dispatcher.utter_message(response="utter_ask_urgency_form_injury_date")
        return []


def ambiguous_readings(tracker: Tracker) -> tuple[date, ...]:
    """The two readings of the date in the patient's latest message, when the date question
    is still open and that message was taken as an answer that reads two ways; else ()."""
    if tracker.get_slot(INJURY_DATE_SLOT):
        return ()
    parsed = parse_message(tracker.latest_message)
    return parsed.candidates if parsed.status == "ambiguous" else ()


def onset_slots(onset: date, answer: str) -> dict[str, Any]:
    """The public urgency slots for this onset, and onset_concern when the onset is new."""
    months = months_since(onset, today())
    concern = onset_concern(onset, today(), answer)
    if concern:
        logger.info("emergency override: %s", concern.value)
    return {
        INJURY_DATE_SLOT: onset.isoformat(),
        MONTHS_SINCE_INJURY_SLOT: months,
        URGENCY_LEVEL_SLOT: urgency_level(months),
        ONSET_CONCERN_SLOT: concern.value if concern else None,
    }


def emergency_response(concern: Concern) -> str:
    """The domain response the emergency rules send for this concern (data/rules/safety.yml)."""
    if concern is Concern.NEW_WEAKNESS_AFTER_OPERATION:
        return "utter_new_weakness_after_operation"
    return "utter_emergency"


class ActionUrgencyAdvice(Action):
    def name(self) -> str:
        return "action_urgency_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        concern = tracker.get_slot(ONSET_CONCERN_SLOT)
        if concern:
            # Only the emergency-first reply: no advice on the timing of surgery.
            logger.info("assessment ended with the emergency-first reply: %s", concern)
            dispatcher.utter_message(response=emergency_response(Concern(concern)))
            return []
        urgency = tracker.get_slot(URGENCY_LEVEL_SLOT)
        logger.info("urgency advice given: %s", urgency or "date unknown")
        messages = build_advice(
            months=tracker.get_slot(MONTHS_SINCE_INJURY_SLOT),
            urgency=urgency,
            nerve_status=tracker.get_slot(NERVE_STATUS_SLOT),
            recovery_signs=tracker.get_slot(RECOVERY_SIGNS_SLOT),
            eye_closure=tracker.get_slot(EYE_CLOSURE_SLOT),
        )
        for text in messages[:-1]:
            dispatcher.utter_message(text=text)
        dispatcher.utter_message(text=messages[-1], buttons=related_buttons("consultation_checklist"))
        ask_for_rating(dispatcher, tracker, URGENCY_ADVICE_TOPIC)
        return []
