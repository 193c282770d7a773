import pytest

from bot.input_check import MAX_CHARACTERS, unreadable_reason


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "no_words"),
        ("   ", "no_words"),
        ("🙂🙂🙂", "no_words"),
        ("?!...", "no_words"),
        ("a" * (MAX_CHARACTERS + 1), "too_long"),
        ("what is synkinesis", None),
        ("2025-03-12", None),
        ("a" * MAX_CHARACTERS, None),
        ('<img src=x onerror="window.__xss=1">', "no_words"),
        ("<script>alert(1)</script>", "no_words"),
        ("<STYLE>\nbody {}\n</style><br/>", "no_words"),
        ("<b>what is synkinesis</b>", None),
        ("i <3 my surgeon", None),
        ("is 3 < 6 months early?", None),
    ],
)
def test_unreadable_reason(text, reason):
    assert unreadable_reason(text) == reason
