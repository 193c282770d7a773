"""Rasa's command line with our Sanic compatibility shim applied first.

`python -m addons.rasa_main run ...` behaves exactly like `rasa run ...`, except that
websockets work on Python 3.11 (see addons/sanic_compat.py). The shim patches the
module Rasa's Sanic server uses, so it only has to be applied before serving.
"""

from rasa.__main__ import main as rasa_cli_main

from addons import sanic_compat

if __name__ == "__main__":
    sanic_compat.apply()
    rasa_cli_main()
