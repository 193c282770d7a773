"""End to end over HTTP: the real Rasa server and action server with the trained model."""

import concurrent.futures
import uuid

import requests

from rest_chat import TIMEOUT, say, texts, topic_answer


def test_greeting_has_the_disclaimer_and_buttons(assistant):
    replies = say(assistant, "hello")
    assert "not a diagnosis" in texts(replies)
    assert "emergency" in texts(replies)
    assert replies[-1]["buttons"]


def test_greeting_topic_buttons_send_the_topic_as_clicked(assistant):
    """domain.yml doubles a payload's braces (Rasa fills {slot} templates in buttons): the
    widget gets and sends back /faq{"topic": ...}, which answers that topic."""
    greeting = say(assistant, "hello")[-1]
    topic_payloads = [b["payload"] for b in greeting["buttons"] if b["payload"].startswith("/faq")]
    assert topic_payloads == ['/faq{"topic": "what_is_facial_palsy"}', '/faq{"topic": "consultation_checklist"}']
    assert "Source: " in texts(say(assistant, topic_payloads[1]))


def test_knowledge_question_gets_the_sourced_answer_and_related_topics(assistant):
    replies = say(assistant, "what should I bring to my consultation?")
    assert "pathology" in texts(replies)
    assert "Source: 000_a62307aadb6c7962.txt" in texts(replies)
    # The answer is followed by "Was this helpful?" (test_ratings_end_to_end.py).
    answer = topic_answer(replies)
    assert "Source:" in answer["text"] and len(answer["buttons"]) >= 2


def test_quick_reply_payload_answers_that_topic(assistant):
    replies = say(assistant, '/faq{"topic": "hospital_stay"}')
    assert "5" in texts(replies) and "10 days" in texts(replies)


def test_stroke_signs_go_to_emergency_care_first(assistant):
    sender = uuid.uuid4().hex
    say(assistant, "is it too late for me?", sender)
    replies = say(assistant, "my dad's face suddenly dropped and he can't lift his arm", sender)
    assert "emergency number" in replies[0]["text"]


def test_urgency_assessment_over_the_webhook(assistant):
    sender = uuid.uuid4().hex
    replies = say(assistant, "my face has been paralysed since my operation 8 months ago", sender)
    assert "cut or removed" in texts(replies)
    say(assistant, "/deny", sender)
    say(assistant, "/affirm", sender)
    advice = texts(say(assistant, "/deny", sender))
    assert "about 8 months" in advice
    assert "past the 6 months" in advice  # the closing tier's message
    assert "still early" not in advice
    assert "eye" in advice.lower()

    tracker = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker",
        params={"token": assistant.token},
        timeout=TIMEOUT,
    ).json()
    assert tracker["slots"]["injury_date"] == "2026-03-22"
    assert tracker["slots"]["months_since_injury"] == 8.0
    assert tracker["slots"]["urgency_level"] == "closing"


def test_parse_shows_the_topic_id(assistant):
    result = requests.post(
        f"{assistant.rasa_url}/model/parse",
        params={"token": assistant.token},
        json={"text": "how long will i be in hospital after the operation"},
        timeout=TIMEOUT,
    ).json()
    assert result["intent"]["name"] == "faq"
    assert result["response_selector"]["faq"]["response"]["intent_response_key"] == "faq/hospital_stay"


def test_http_api_needs_the_token(assistant):
    response = requests.post(f"{assistant.rasa_url}/model/parse", json={"text": "hi"}, timeout=TIMEOUT)
    assert response.status_code == 401


def test_bad_input_gets_a_kind_reply_and_the_server_keeps_working(assistant):
    for text in [
        "",
        "   ",
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "x" * 20000,
        "¿Qué es la parálisis facial?",
        "asdkjh qwe zzz",
    ]:
        replies = say(assistant, text)
        assert isinstance(replies, list)
    assert "not a diagnosis" in texts(say(assistant, "hi"))


def test_messages_in_other_languages_get_the_english_only_reply_and_the_contacts(assistant):
    for text in [
        "Hola, tengo parálisis facial desde hace cuatro meses, ¿qué puedo hacer?",
        "Mein Vater kann nach der Operation nicht mehr lächeln",
        "Здравствуйте, у меня паралич лицевого нерва после операции",
    ]:
        reply = texts(say(assistant, text))
        assert "only read and answer messages in English" in reply
        assert "Phone:" in reply


def test_other_language_in_the_assessment_keeps_the_question_open(assistant):
    sender = uuid.uuid4().hex
    say(assistant, "is it too late for me?", sender)
    reply = texts(say(assistant, "Bonjour, j'ai une paralysie faciale depuis trois mois", sender))
    assert "only read and answer messages in English" in reply
    assert "Phone:" not in reply
    assert "When did the weakness of your face begin" in reply
    assert "cut or removed" in texts(say(assistant, "3 months ago", sender))


def test_conversations_are_kept_apart(assistant):
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    say(assistant, "my operation was 3 months ago", first)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda s: say(assistant, "hello", s), [second] * 2))
    tracker = requests.get(
        f"{assistant.rasa_url}/conversations/{second}/tracker",
        params={"token": assistant.token},
        timeout=TIMEOUT,
    ).json()
    assert tracker["slots"]["injury_date"] is None
    assert all(e.get("text") != "my operation was 3 months ago" for e in tracker["events"])
