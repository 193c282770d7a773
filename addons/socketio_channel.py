"""Rasa's socket.io channel, open only to the clinic web page's own origin.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which switches
engine.io's Origin check off entirely: any website a patient visits could open a
socket to the assistant in the patient's name (browsers do not apply CORS to
websockets). This subclass keeps everything else of Rasa's channel and sets the
allowed origins from ASSISTANT_WEB_ORIGINS, a comma-separated list such as
"https://clinic.example.org,http://localhost:8000". Engine.io then answers any
polling request or websocket upgrade from another origin with 400.

Registered in credentials.yml by module path: `addons.socketio_channel.SocketIOInput:`.
"""

import os
from typing import Any, Awaitable, Callable, List, Mapping

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

WEB_ORIGINS_ENV = "ASSISTANT_WEB_ORIGINS"
DEFAULT_WEB_ORIGINS = "http://localhost:8000,http://127.0.0.1:8000"


def allowed_web_origins(environ: Mapping[str, str] = os.environ) -> List[str]:
    """The origins (scheme://host[:port]) whose pages may talk to the assistant."""
    configured = environ.get(WEB_ORIGINS_ENV, DEFAULT_WEB_ORIGINS)
    origins = [origin.strip().rstrip("/") for origin in configured.split(",")]
    origins = [origin for origin in origins if origin]
    if not origins:
        # An empty list would mean "no Origin check at all" to engine.io.
        raise ValueError(f"{WEB_ORIGINS_ENV} must name at least one origin")
    return origins


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel with the Origin check switched on."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        # Rasa's blueprint() builds the server and keeps it in self.sio; engine.io
        # reads this setting on every request, so setting it here is enough.
        self.sio.eio.cors_allowed_origins = allowed_web_origins()
        return socketio_blueprint
