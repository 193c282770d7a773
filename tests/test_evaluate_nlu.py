"""Tests for the pure parts of tools/evaluate_nlu.py (no trained model needed)."""

import asyncio

import pytest

from tools.evaluate_nlu import (
    NO_INTENT,
    Confusion,
    Example,
    LabelScore,
    Prediction,
    load_examples,
    main,
    overall_accuracy,
    per_label_accuracy,
    predict,
    predicted_label,
    render_report,
    threshold_failures,
    top_confusions,
)


def faq_parse(intent_response_key, selector_key="faq"):
    return {
        "intent": {"name": "faq", "confidence": 0.9},
        "response_selector": {
            "all_retrieval_intents": ["faq"],
            selector_key: {
                "response": {"intent_response_key": intent_response_key, "confidence": 0.8},
                "ranking": [],
            },
        },
    }


def test_label_of_a_plain_intent_is_its_name():
    assert predicted_label({"intent": {"name": "greet"}, "response_selector": {}}) == "greet"


def test_emergency_reply_after_an_operation_counts_as_the_emergency_label():
    # docs/labelling.md: such messages are labelled `emergency`; the pipeline sets the other intent.
    parse = {"intent": {"name": "new_weakness_after_operation"}, "response_selector": {}}
    assert predicted_label(parse) == "emergency"


def test_label_of_faq_is_the_selected_topic():
    assert predicted_label(faq_parse("faq/nerve_tests")) == "faq/nerve_tests"


def test_label_of_faq_from_a_selector_without_retrieval_intent():
    assert predicted_label(faq_parse("faq/synkinesis", selector_key="default")) == "faq/synkinesis"


def test_faq_without_a_selected_topic_stays_bare_faq():
    assert predicted_label({"intent": {"name": "faq"}, "response_selector": {}}) == "faq"


def test_missing_intent_gets_a_placeholder_label():
    assert predicted_label({"intent": None}) == NO_INTENT


def test_predict_uses_the_agents_parse_results():
    class FakeAgent:
        async def parse_message(self, text):
            return faq_parse("faq/nerve_tests") if "EMG" in text else {"intent": {"name": "greet"}}

    examples = [Example("what is an EMG", "faq/nerve_tests"), Example("hi", "goodbye")]
    assert asyncio.run(predict(FakeAgent(), examples)) == [
        Prediction("what is an EMG", "faq/nerve_tests", "faq/nerve_tests"),
        Prediction("hi", "goodbye", "greet"),
    ]


PREDICTIONS = [
    Prediction("hi", "greet", "greet"),
    Prediction("hello", "greet", "greet"),
    Prediction("what is EMG", "faq/nerve_tests", "faq/nerve_tests"),
    Prediction("f wave?", "faq/nerve_tests", "faq/repair_timing"),
    Prediction("emg monthly", "faq/nerve_tests", "faq/repair_timing"),
    Prediction("is it too late", "ask_urgency", "faq/repair_timing"),
]


def test_overall_accuracy_is_the_share_of_correct_predictions():
    assert overall_accuracy(PREDICTIONS) == pytest.approx(3 / 6)


def test_overall_accuracy_refuses_an_empty_set():
    with pytest.raises(ValueError):
        overall_accuracy([])


def test_per_label_accuracy_is_sorted_worst_first():
    assert per_label_accuracy(PREDICTIONS) == [
        LabelScore("ask_urgency", 0.0, 1),
        LabelScore("faq/nerve_tests", pytest.approx(1 / 3), 3),
        LabelScore("greet", 1.0, 2),
    ]


def test_top_confusions_counts_pairs_and_keeps_the_first_example():
    assert top_confusions(PREDICTIONS) == [
        Confusion("faq/nerve_tests", "faq/repair_timing", 2, "f wave?"),
        Confusion("ask_urgency", "faq/repair_timing", 1, "is it too late"),
    ]
    assert top_confusions(PREDICTIONS, limit=1) == [Confusion("faq/nerve_tests", "faq/repair_timing", 2, "f wave?")]


def test_threshold_failures_name_the_overall_score_and_weak_labels():
    scores = per_label_accuracy(PREDICTIONS)
    failures = threshold_failures(0.5, scores, min_accuracy=0.95, min_per_label=0.8)
    assert failures[0].startswith("overall accuracy 0.500")
    assert [f.split(":")[0] for f in failures[1:]] == ["ask_urgency", "faq/nerve_tests"]
    assert threshold_failures(1.0, [LabelScore("greet", 1.0, 2)], 0.95, 0.8) == []


def test_report_shows_result_and_escapes_pipes_in_examples():
    predictions = [Prediction("yes | no", "affirm", "deny"), Prediction("hi", "greet", "greet")]
    report = render_report(
        "m.tar.gz", ["tests/data/heldout", "tests/data/heldout_v2"], predictions, ["overall accuracy too low"]
    )
    assert "**0.500** (1/2)" in report
    assert "- Data: `tests/data/heldout`, `tests/data/heldout_v2`" in report
    assert "**FAIL**" in report
    assert "| affirm | deny | 1 | yes \\| no |" in report


def test_load_examples_keeps_full_retrieval_intent_labels(tmp_path):
    (tmp_path / "nlu.yml").write_text(
        'version: "3.1"\n'
        "nlu:\n"
        "- intent: faq/nerve_tests\n"
        "  examples: |\n"
        "    - what is an EMG\n"
        "- intent: greet\n"
        "  examples: |\n"
        "    - hiya\n"
    )
    assert sorted(load_examples([str(tmp_path)]), key=lambda e: e.text) == [
        Example("hiya", "greet"),
        Example("what is an EMG", "faq/nerve_tests"),
    ]


def test_load_examples_scores_several_sets_together(tmp_path):
    for name, text in (("a", "hiya"), ("b", "hello there")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "nlu.yml").write_text(f'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - {text}\n')
    examples = load_examples([str(tmp_path / "a"), str(tmp_path / "b")])
    assert sorted(e.text for e in examples) == ["hello there", "hiya"]


def test_main_rejects_a_missing_model_as_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--model", str(tmp_path / "missing.tar.gz"), "--data", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "missing.tar.gz does not exist" in capsys.readouterr().err


def test_main_rejects_data_without_examples(tmp_path, capsys):
    model = tmp_path / "model.tar.gz"
    model.touch()
    data = tmp_path / "empty"
    data.mkdir()
    assert main(["--model", str(model), "--data", str(data)]) == 2
    assert "no intent examples" in capsys.readouterr().err
