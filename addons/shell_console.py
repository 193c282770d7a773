"""`rasa shell` (rasa/core/channels/console.py) shows a reply with buttons in full, and
Ctrl-C in its choices ends it without a traceback.

Rasa makes the whole reply the question of the choice (questionary's select), and
prompt_toolkit cuts every line of a question but the last at the terminal's width instead
of wrapping it: the middle of an answer was missing on screen. Here the reply is printed
like any other reply (the terminal wraps it) and the choice gets a short question.
Applied by addons/rasa_main.py.
"""

from __future__ import annotations

from typing import Any

import questionary
from rasa.cli import utils as cli_utils
from rasa.core.channels import console
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors

CHOICE_QUESTION = "Choose a reply:"


async def payload_from_button_question(question: questionary.Question) -> str | None:
    """Rasa's own, except that Ctrl-C in a choice (questionary answers None) ends the shell
    as Ctrl-C at the text prompt does, instead of failing with a traceback on None."""
    answer = await question.ask_async()
    if answer is None or answer == cli_utils.FREE_TEXT_INPUT_PROMPT:
        return answer
    return answer[answer.rfind("(") + 1 : answer.rfind(")")]  # the payload: "1: Title (/intent)"


def apply() -> None:
    cli_utils.payload_from_button_question = payload_from_button_question
    rasa_print_buttons = console.print_buttons

    def print_buttons(
        message: dict[str, Any], is_latest_message: bool = False, color: str = bcolors.OKBLUE
    ) -> questionary.Question | None:
        if is_latest_message and message.get("text"):
            print_color(message["text"], color=color)
            message = {**message, "text": CHOICE_QUESTION}
        return rasa_print_buttons(message, is_latest_message, color)

    console.print_buttons = print_buttons
