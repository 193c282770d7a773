import pytest

from bot.safety import looks_like_stroke


@pytest.mark.parametrize(
    "message",
    [
        "my face suddenly dropped and my arm is weak",
        "My mum's speech is slurred and one side of her face is drooping since 10 minutes",
        "I think I'm having a stroke",
        "just now my face went numb",
        "dad's face is drooping and he can't lift his arm",
        "her mouth suddenly fell on one side",
        "suddenly slurred speech and crooked smile",
        "he is talking funny and his face is droopy, it started 20 minutes ago",
    ],
)
def test_stroke_signs_are_recognised(message):
    assert looks_like_stroke(message)


@pytest.mark.parametrize(
    "message",
    [
        "my face has been drooping since my surgery in March",
        "can a stroke cause facial palsy?",
        "I had a stroke last year and my smile is still weak",
        "what is synkinesis",
        "my eye suddenly started watering",
        "my face dropped after surgery 2 years ago",
        "",
    ],
)
def test_long_standing_palsy_and_questions_are_not_emergencies(message):
    assert not looks_like_stroke(message)
