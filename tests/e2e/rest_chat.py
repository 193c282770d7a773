"""Talking to the Rasa server over its REST webhook, for the end-to-end tests."""

import uuid

import requests

TIMEOUT = 60


def say(assistant, text, sender=None):
    response = requests.post(
        f"{assistant.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender or uuid.uuid4().hex, "message": text},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return response.json()


def texts(replies):
    return "\n".join(reply.get("text", "") for reply in replies)


def topic_answer(replies):
    """The one reply that is a topic answer (it ends with its Source line); others may follow it."""
    (answer,) = [reply for reply in replies if "Source:" in (reply.get("text") or "")]
    return answer
