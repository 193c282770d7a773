import pytest

from bot.personal_wording import is_personal


@pytest.mark.parametrize(
    "text",
    [
        "is surgery safe for me",
        "honestly I'm scared, what could go wrong?",
        "Im 70 and diabetic, could I still have this",
        "am i a good candidate for reanimation surgery",
        "is my mum too old for it?",
        "my husband had the transfer, how long until he can smile",
        "is she too old for the operation",
        "could our son have it when he is older",
        "what\u2019s the recovery like for someone like me",
        "will MY face recover by itself",
    ],
)
def test_a_question_about_the_writer_or_a_relative_is_personal(text):
    assert is_personal(text)


@pytest.mark.parametrize(
    "text",
    [
        "what are the risks of the surgery",
        "who is a good candidate for reanimation",
        "can children have the operation",
        "how long is the hospital stay",
        "what is the gold standard for long-standing palsy",
        "is the hypoglossal transfer slower than the masseteric one",
        '/faq{"topic": "complications"}',
        # Words that merely contain the personal words.
        "is the shearing of the nerve or the heme level a problem in this operation",
        "mimic muscles, what are they",
    ],
)
def test_a_general_question_is_not_personal(text):
    assert not is_personal(text)
