"""Rasa's socket.io channel, open only to the clinic web page's own origin.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which switches
engine.io's Origin check off entirely: any website a patient visits could open a
socket to the assistant in the patient's name (browsers do not apply CORS to
websockets). This subclass keeps everything else of Rasa's channel and sets the
allowed origins from ASSISTANT_WEB_ORIGINS (ops/settings.py), a comma-separated list such as
"https://clinic.example.org,http://localhost:8000". Engine.io then answers any
polling request or websocket upgrade from another origin with 400.

It also sends a reply's buttons as lasting buttons: Rasa's channel sends them as
`quick_replies`, which the rasa-webchat widget shows on the last message only. After an
answer come the personal-case reminder and "Was this helpful?", each with buttons, so the
answer's related topics (and a rating asked for earlier) would vanish from the page.
Sent as `buttons`, the widget keeps every message's buttons clickable.

Registered in credentials.yml by module path: `addons.socketio_channel.SocketIOInput:`.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from ops.settings import web_origins


def with_lasting_buttons(message: Any) -> Any:
    """A bot message with quick replies as the widget's lasting `buttons`; others unchanged."""
    if not isinstance(message, dict) or not message.get("quick_replies"):
        return message
    lasting = {key: value for key, value in message.items() if key != "quick_replies"}
    lasting["buttons"] = [
        {"type": "postback", "title": reply["title"], "payload": reply["payload"]} for reply in message["quick_replies"]
    ]
    return lasting


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel with the Origin check switched on."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_blueprint = super().blueprint(on_new_message)
        # Rasa's blueprint() builds the server and keeps it in self.sio; engine.io
        # reads this setting on every request, so setting it here is enough.
        # Never empty (ops/settings.py): an empty list means "no Origin check at all" to engine.io.
        self.sio.eio.cors_allowed_origins = web_origins()
        self._send_buttons_as_lasting_buttons()
        return socketio_blueprint

    def _send_buttons_as_lasting_buttons(self) -> None:
        # Rasa's SocketIOOutput sends every bot message through this server's emit.
        emit = self.sio.emit
        bot_message_event = self.bot_message_evt

        async def emit_with_lasting_buttons(event: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
            if event == bot_message_event:
                data = with_lasting_buttons(data)
            return await emit(event, data, *args, **kwargs)

        self.sio.emit = emit_with_lasting_buttons
