"""`rasa shell` (rasa/core/channels/console.py) shows a reply with buttons in full.

Rasa makes the whole reply the question of the choice (questionary's select), and
prompt_toolkit cuts every line of a question but the last at the terminal's width instead
of wrapping it: the middle of an answer was missing on screen. Here the reply is printed
like any other reply (the terminal wraps it) and the choice gets a short question.
Applied by addons/rasa_main.py.
"""
from __future__ import annotations

from typing import Any, Optional

import questionary
from rasa.core.channels import console
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors

CHOICE_QUESTION = "Choose a reply:"


def apply() -> None:
    rasa_print_buttons = console.print_buttons

    def print_buttons(
        message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
    ) -> Optional[questionary.Question]:
        if is_latest_message and message.get("text"):
            print_color(message["text"], color=color)
            message = {**message, "text": CHOICE_QUESTION}
        return rasa_print_buttons(message, is_latest_message, color)

    console.print_buttons = print_buttons
