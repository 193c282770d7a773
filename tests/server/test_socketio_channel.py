"""The socket.io channel (addons/socketio_channel.py) and its registration in credentials.yml.
That a running server refuses other origins is checked in test_web_chat.py."""

import asyncio

from rasa.core.run import create_http_input_channels

from addons.socketio_channel import SocketIOInput
from ops.settings import PROJECT_ROOT


async def ignore_message(message):
    return None


def test_blueprint_turns_on_the_origin_check(monkeypatch):
    monkeypatch.setenv("ASSISTANT_WEB_ORIGINS", "https://clinic.example.org")
    channel = SocketIOInput()
    channel.blueprint(ignore_message)
    assert channel.sio.eio.cors_allowed_origins == ["https://clinic.example.org"]


def test_credentials_load_our_channel_with_session_persistence():
    channels = create_http_input_channels(None, str(PROJECT_ROOT / "credentials.yml"))
    socketio = [channel for channel in channels if isinstance(channel, SocketIOInput)]
    assert len(socketio) == 1
    assert socketio[0].session_persistence is True
    assert (socketio[0].user_message_evt, socketio[0].bot_message_evt) == (
        "user_uttered",
        "bot_uttered",
    )
    assert "rest" in {channel.name() for channel in channels}


def test_buttons_reach_the_widget_as_lasting_buttons(monkeypatch):
    """Rasa's own SocketIOOutput, on our channel's server: the buttons arrive as `buttons`
    (kept clickable by the widget), plain texts unchanged."""
    import socketio
    from rasa.core.channels.socketio import SocketIOOutput

    sent = []

    async def record(self, event, data=None, room=None, **kwargs):
        sent.append((event, data, room))

    # The server's own emit, underneath our channel's.
    monkeypatch.setattr(socketio.AsyncServer, "emit", record)
    channel = SocketIOInput()
    channel.blueprint(ignore_message)
    output = SocketIOOutput(channel.sio, channel.bot_message_evt)
    buttons = [{"title": "Nerve grafts", "payload": '/faq{"topic": "nerve_graft"}'}]

    async def reply():
        await output.send_text_with_buttons("patient-1", "The answer.", buttons)
        await output.send_text_message("patient-1", "Plain text.")

    asyncio.run(reply())
    assert sent == [
        (
            "bot_uttered",
            {
                "text": "The answer.",
                "buttons": [{"type": "postback", "title": "Nerve grafts", "payload": '/faq{"topic": "nerve_graft"}'}],
            },
            "patient-1",
        ),
        ("bot_uttered", {"text": "Plain text."}, "patient-1"),
    ]
