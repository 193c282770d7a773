"""The clinic's contact details (clinic/contact.yml) and the hand-over message built from them,
and how long conversations are kept (clinic/privacy.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.clinic_files import CLINIC_DIR, load

CONTACT_FILE = CLINIC_DIR / "contact.yml"
PRIVACY_FILE = CLINIC_DIR / "privacy.yml"
CONTACT_FIELDS = ("clinic_name", "phone", "email", "opening_hours", "booking")


def _contact_details(document: dict) -> dict[str, str]:
    missing = [field for field in CONTACT_FIELDS if not isinstance(document.get(field), str)]
    if missing:
        raise ValueError(f"{CONTACT_FILE.name} lacks {', '.join(missing)}")
    return document


def contact() -> dict[str, str]:
    return load(CONTACT_FILE, _contact_details)


def unfilled_placeholders(details: dict[str, str]) -> list[str]:
    """Fields the clinic has not filled in yet (still a [PLACEHOLDER])."""
    return [key for key, value in details.items() if str(value).startswith("[")]


def handoff_message(details: dict[str, str] | None = None) -> str:
    details = details or contact()
    return (
        f"You can reach the team at {details['clinic_name']}:\n"
        f"- Phone: {details['phone']}\n"
        f"- Email: {details['email']}\n"
        f"- Opening hours: {details['opening_hours']}\n"
        f"- Appointments: {details['booking']}\n"
        "In an emergency, call your local emergency number."
    )


def something_went_wrong_message(details: dict[str, str] | None = None) -> str:
    """The reply when a part of the assistant fails (the action server or the conversation
    store cannot be reached): nothing the patient did, try again, or contact the clinic."""
    return (
        "I'm sorry, something went wrong on our side and I can't answer that right now. "
        "Please try again in a few minutes.\n" + handoff_message(details)
    )


def _retention_days(document: Any) -> int:
    days = (document or {}).get("retention_days")
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise ValueError(f"retention_days must be a whole number of days, at least 1, not {days!r}")
    return days


def retention_days(path: Path = PRIVACY_FILE) -> int:
    """How many days a conversation is kept after its last message."""
    try:
        return load(path, _retention_days)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from error
