"""Rasa's command line with the project's fixes to Rasa 3.6 applied first.

`python -m addons.rasa_main run ...` behaves exactly like `rasa run ...`, except that
websockets work on Python 3.11 (addons/sanic_compat.py) and the action server's replies
are validated without re-validating Rasa's schema each time (addons/action_response_validation.py),
and request bodies over 1 MB get Sanic's 413 (addons/rest_channel.py); when the action
server or the conversation store fails, the patient gets a kind reply (addons/failure_replies.py);
`shell` prints a reply with buttons in full (addons/shell_console.py), and Python's warnings
follow Rasa's LOG_LEVEL.
Each is applied before Rasa creates its server, so applying them first is enough.
`run` takes the API token from $ASSISTANT_API_TOKEN (set by ops/launcher.py), so that it
is not on the command line, which every user of the machine can read.
"""

import logging
import os
import sys

from ops.settings import API_TOKEN_ENV


def token_from_environment(argv: list[str]) -> list[str]:
    token = os.environ.get(API_TOKEN_ENV)
    if argv[1:2] == ["run"] and token and not any(arg.startswith("--auth-token") for arg in argv):
        # One argument: a random token may begin with "-", like an option.
        return argv + [f"--auth-token={token}"]
    return argv


def warnings_as_logs() -> None:
    """Python's warnings (libraries' deprecations, shown although scripts/common.sh sets
    PYTHONWARNINGS=ignore: Sanic's import and Rasa's start add filters of their own) are
    logged at Rasa's LOG_LEVEL: hidden by `make shell` (ERROR), shown at WARNING or INFO
    (Rasa's default, so `make run`'s logs keep them)."""
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(os.environ.get("LOG_LEVEL", "INFO"))


if __name__ == "__main__":
    warnings_as_logs()  # before importing Rasa, whose imports warn
    from rasa.__main__ import main as rasa_cli_main

    from addons import action_response_validation, failure_replies, rest_channel, sanic_compat, shell_console

    sanic_compat.apply()
    action_response_validation.apply()
    failure_replies.apply()
    rest_channel.apply()
    shell_console.apply()
    sys.argv = token_from_environment(sys.argv)
    rasa_cli_main()
