"""Rasa's command line with the project's two fixes to Rasa 3.6 applied first.

`python -m addons.rasa_main run ...` behaves exactly like `rasa run ...`, except that
websockets work on Python 3.11 (addons/sanic_compat.py) and the action server's replies
are validated without re-validating Rasa's schema each time (addons/action_response_validation.py).
Both patch modules Rasa uses while serving, so they only have to be applied first.
"""

from rasa.__main__ import main as rasa_cli_main

from addons import action_response_validation, sanic_compat

if __name__ == "__main__":
    sanic_compat.apply()
    action_response_validation.apply()
    rasa_cli_main()
