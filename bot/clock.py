"""The assistant's idea of "today", overridable so tests and demos are reproducible."""

import os
from datetime import date

TODAY_OVERRIDE_VAR = "ASSISTANT_TODAY"


def today() -> date:
    """The real date, or the YYYY-MM-DD date in $ASSISTANT_TODAY when it is set."""
    override = os.environ.get(TODAY_OVERRIDE_VAR, "").strip()
    if not override:
        return date.today()
    try:
        return date.fromisoformat(override)
    except ValueError as error:
        raise ValueError(f"{TODAY_OVERRIDE_VAR} must be a date like 2026-11-22, got {override!r}") from error
