"""`make shell` and plain `rasa shell` as clinic staff use them: a real terminal (tmux), keys
typed, the screen read. Rasa's shell shows a reply's buttons as numbered choices (questionary:
arrow keys and Enter; the last choice, "Type out your own message...", gives a text prompt).
The screen must show the clinic's texts and nothing a member of staff must read past."""

import os
import re
import socket
from datetime import date

import pytest
import yaml

from addons.shell_console import CHOICE_QUESTION
from bot.answers import answer
from bot.clinic import something_went_wrong_message
from bot.urgency import build_advice, months_since, urgency_level
from fixed_today import TEST_TODAY
from ops.launcher import action_server_answers, endpoints_file, start_process, stop_process
from ops.settings import PROJECT_ROOT, Ports, free_port
from terminal import WIDTH, Terminal, squeezed

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
NOISE = re.compile(r"Traceback|ERROR|Warning|WARNING")
# Plain `rasa shell` shows Rasa's start-up logs and libraries' warnings (README): no errors.
ERRORS = re.compile(r"Traceback|ERROR")
# Loading the model takes 20-60 s; much longer on a busy machine.
START_TIMEOUT = 240
REPLY_TIMEOUT = 60
FREE_TEXT = "Type out your own message..."
SHELL_LOG = PROJECT_ROOT / ".rasa" / "logs" / "shell.log"
PROMPT = "Your input ->"


def response(name: str) -> dict:
    (first,) = DOMAIN["responses"][name]
    return first


def topic_answer(topic_id: str) -> str:
    return answer(topic_id)["text"]  # clinic/answers/<topic>.yml, as the server sends it


def choices(name: str) -> list[str]:
    """The numbered choices that Rasa's shell shows for a response's buttons."""
    return [f"{number}: {button['title']}" for number, button in enumerate(response(name)["buttons"], 1)]


def waits_for_input(screen: str) -> bool:
    """The shell's text prompt, or its choices (the last one is always the free-text one)."""
    return screen.endswith((PROMPT, FREE_TEXT))


def shown(terminal: Terminal, text: str, after: int) -> str:
    """Wait until each line of `text` is on the screen after `after` and the shell waits for
    input again; return the screen."""
    lines = [squeezed(line.strip()) for line in text.splitlines() if line.strip()]
    return terminal.wait_until(
        lambda screen: waits_for_input(screen) and all(line in squeezed(screen[after:]) for line in lines),
        f"{text[:60]!r}...",
        REPLY_TIMEOUT,
    )


def say(terminal: Terminal, message: str) -> int:
    """Type a message at the prompt, through the free-text choice if the last reply had
    buttons; return where the screen stood, to look for the reply after it. (A mark is taken
    at a text prompt: the lines of open choices are redrawn once one is chosen.)"""
    screen = terminal.screen()
    if not screen.endswith(PROMPT):
        terminal.keys("Up", "Enter")  # the choices wrap: Up from the first is the last, free text
        screen = terminal.wait_until(lambda screen: screen.endswith(PROMPT), "the text prompt", REPLY_TIMEOUT)
    terminal.type(message)
    return len(screen)


def assert_no_noise(screen: str, noise: re.Pattern = NOISE) -> None:
    assert [line for line in screen.splitlines() if noise.search(line)] == []


def staff_env(**settings: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST", "TMUX"))}
    return {**env, "TERM": "xterm-256color", **settings}


@pytest.fixture
def terminals(tmp_path):
    opened = []

    def open_terminal(command: str, width: int = WIDTH, **settings: str) -> Terminal:
        opened.append(Terminal(tmp_path, command, PROJECT_ROOT, staff_env(**settings), width))
        return opened[-1]

    yield open_terminal
    for terminal in opened:
        terminal.close()


def greeting_and_topic(terminal: Terminal) -> None:
    """Greeting with its buttons as numbered choices, a button chosen, a question typed."""
    terminal.wait_for(PROMPT, START_TIMEOUT)
    mark = say(terminal, "hello")
    screen = shown(terminal, response("utter_greet")["text"], after=mark)
    for choice in [*choices("utter_greet"), FREE_TEXT]:
        assert choice in screen[mark:]
    terminal.keys("Enter")  # the first choice: What is facial palsy?
    shown(terminal, topic_answer("what_is_facial_palsy"), after=mark)
    mark = say(terminal, "what is synkinesis")
    shown(terminal, topic_answer("synkinesis"), after=mark)  # its last line: "Source: ..."


def test_make_shell_on_its_own(terminals, tmp_path):
    """Nothing runs: `make shell` starts its own action server and stops it on exit. The
    whole staff walk-through: greeting, a button, a topic, the urgency questions, an emergency."""
    actions_port = free_port()  # where no action server answers
    terminal = terminals(
        "make shell",
        ACTIONS_PORT=str(actions_port),
        ASSISTANT_TODAY=TEST_TODAY,
        TRACKER_DB=str(tmp_path / "conversations.db"),
    )
    greeting_and_topic(terminal)
    assert f"No action server at port {actions_port}" in terminal.screen()

    mark = say(terminal, "is it too late for me?")
    shown(terminal, response("utter_ask_urgency_form_injury_date")["text"], after=mark)
    mark = say(terminal, "12 March 2026")
    screen = shown(terminal, response("utter_ask_urgency_form_nerve_status")["text"], after=mark)
    assert all(choice in screen[mark:] for choice in choices("utter_ask_urgency_form_nerve_status"))
    terminal.keys("Down", "Enter")  # 2: No, it is intact
    shown(terminal, response("utter_ask_urgency_form_recovery_signs")["text"], after=mark)
    terminal.keys("Down", "Down", "Enter")  # 3: I don't know
    shown(terminal, response("utter_ask_urgency_form_eye_closure")["text"], after=mark)
    terminal.keys("Enter")  # 1: Yes, fully
    months = months_since(date(2026, 3, 12), date.fromisoformat(TEST_TODAY))
    for advice in build_advice(months, urgency_level(months), "intact", "unknown", "yes"):
        screen = shown(terminal, advice, after=mark)
    for question, number in (("nerve_status", 2), ("recovery_signs", 3), ("eye_closure", 1)):
        assert f"? {CHOICE_QUESTION} {choices(f'utter_ask_urgency_form_{question}')[number - 1]}" in screen

    # Last, as a new sudden weakness makes every later answer the emergency reply.
    mark = say(terminal, "my face suddenly drooped an hour ago")
    shown(terminal, response("utter_emergency")["text"], after=mark)

    say(terminal, "/stop")
    terminal.wait_until_exited(30)
    assert not action_server_answers(actions_port), "the shell's own action server still runs"
    assert_no_noise(terminal.screen())


def test_make_shell_beside_the_running_site(terminals, assistant):
    """The site runs (its Rasa server holds 5005 as `make run`'s does, here a free port): the
    shell takes another port and uses the site's action server and conversation store. A
    real error (the action server stops) is shown, and kept in the owner-only shell log.
    Ctrl-C in a reply's choices ends the shell."""
    with socket.socket() as rasa_default_port:
        try:
            rasa_default_port.bind(("127.0.0.1", Ports().rasa))
            rasa_default_port.listen()
        except OSError:
            pass  # already held by another program: as good for this test
        terminal = terminals(
            "make shell",
            ACTIONS_PORT=str(assistant.ports.actions),
            RASA_PORT=str(assistant.ports.rasa),
            ASSISTANT_TODAY=TEST_TODAY,
            TRACKER_DB=assistant.env["TRACKER_DB"],
        )
        greeting_and_topic(terminal)
    screen = terminal.screen()
    assert "No action server" not in screen
    assert_no_noise(screen)

    stop_process(assistant, "actions")
    try:
        mark = say(terminal, "how long is the hospital stay")
        screen = shown(terminal, something_went_wrong_message(), after=mark)
    finally:
        start_process(assistant, "actions")
    assert ERRORS.search(screen[mark:]), "the error was hidden"
    assert (SHELL_LOG.stat().st_mode & 0o777, SHELL_LOG.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    assert "ERROR" in SHELL_LOG.read_text()
    mark = say(terminal, "hello")
    assert shown(terminal, response("utter_greet")["text"], after=mark).endswith(FREE_TEXT)
    terminal.keys("C-c")  # in the choices: ends the shell as /stop does
    terminal.wait_until_exited(30)
    assert "Traceback" not in terminal.screen()
    assert action_server_answers(assistant.ports.actions), "the shell stopped the site's action server"


def test_plain_rasa_shell_from_the_activated_venv(terminals, assistant, tmp_path):
    """`rasa shell` as the README gives it, with the site's action server (`--endpoints`
    only because the test's site is not on 5055) and a port of its own. The same texts; in a
    wide terminal, since plain `rasa shell` cuts the lines of a reply with buttons at the
    terminal's width (addons/shell_console.py)."""
    endpoints = endpoints_file(assistant.ports.actions, tmp_path, None)
    terminal = terminals(
        f"source .venv/bin/activate && rasa shell --port {free_port()} --endpoints {endpoints}",
        width=500,
        ASSISTANT_TODAY=TEST_TODAY,
        TRACKER_DB=assistant.env["TRACKER_DB"],
    )
    greeting_and_topic(terminal)
    say(terminal, "/stop")
    terminal.wait_until_exited(30)
    assert_no_noise(terminal.screen(), ERRORS)
