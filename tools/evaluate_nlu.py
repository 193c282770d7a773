"""Evaluate a trained Rasa model on the held-out NLU test set.

Usage:
    .venv/bin/python -m tools.evaluate_nlu --model models/<file>.tar.gz --data tests/data/heldout [more ...] \
        [--min-accuracy 0.95] [--min-per-label 0.80] [--report docs/nlu_evaluation.md]

Several --data paths are scored as one set.

Each held-out message gets one predicted label: the intent name, except for the retrieval intent
`faq`, where the label is the response selector's full key (e.g. `faq/nerve_tests`), so a message
sent to the wrong topic counts as an error just like a wrong intent. The emergency-first reply
for a new weakness right after an operation (`new_weakness_after_operation`, set by
addons/emergency.py, never a training label) counts as `emergency`, the label docs/labelling.md
gives such messages. Prints a Markdown report and
exits with status 1 when the overall or any per-label accuracy is below its threshold.
"""

import argparse
import asyncio
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.contract import AFTER_OPERATION_INTENT, EMERGENCY_INTENT, FAQ_INTENT, intent_name, selected_topic

NO_INTENT = "<no intent>"
CONFUSIONS_SHOWN = 10


@dataclass(frozen=True)
class Example:
    text: str
    label: str


@dataclass(frozen=True)
class Prediction:
    text: str
    true_label: str
    predicted_label: str

    @property
    def correct(self) -> bool:
        return self.true_label == self.predicted_label


@dataclass(frozen=True)
class LabelScore:
    label: str
    accuracy: float
    total: int


@dataclass(frozen=True)
class Confusion:
    true_label: str
    predicted_label: str
    count: int
    example: str


def predicted_label(parse_result: dict[str, Any]) -> str:
    """The label of one parse result: the intent, or `faq/<topic>` for the retrieval intent."""
    intent = intent_name(parse_result) or NO_INTENT
    if intent == AFTER_OPERATION_INTENT:
        return EMERGENCY_INTENT
    if intent != FAQ_INTENT:
        return intent
    topic_id, _ = selected_topic(parse_result)
    # Without a selected topic the bare `faq` never equals a `faq/<topic>` label, so it counts as wrong.
    return f"{FAQ_INTENT}/{topic_id}" if topic_id else intent


async def predict(agent: Any, examples: Iterable[Example]) -> list[Prediction]:
    """Parse every example with the agent (anything with `async parse_message(text)`)."""
    predictions = []
    for example in examples:
        parse_result = await agent.parse_message(example.text)
        predictions.append(Prediction(example.text, example.label, predicted_label(parse_result)))
    return predictions


def overall_accuracy(predictions: Sequence[Prediction]) -> float:
    if not predictions:
        raise ValueError("no predictions to score")
    return sum(p.correct for p in predictions) / len(predictions)


def per_label_accuracy(predictions: Sequence[Prediction]) -> list[LabelScore]:
    """Accuracy per true label (i.e. recall), worst first; ties by label name."""
    totals = Counter(p.true_label for p in predictions)
    hits = Counter(p.true_label for p in predictions if p.correct)
    scores = [LabelScore(label, hits[label] / total, total) for label, total in totals.items()]
    return sorted(scores, key=lambda score: (score.accuracy, score.label))


def top_confusions(predictions: Sequence[Prediction], limit: int = CONFUSIONS_SHOWN) -> list[Confusion]:
    """The most frequent (true -> predicted) mistakes, each with its first example message."""
    errors = [p for p in predictions if not p.correct]
    counts = Counter((p.true_label, p.predicted_label) for p in errors)
    first_example: dict[tuple[str, str], str] = {}
    for p in errors:
        first_example.setdefault((p.true_label, p.predicted_label), p.text)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        Confusion(true, predicted, count, first_example[(true, predicted)])
        for (true, predicted), count in ranked[:limit]
    ]


def threshold_failures(
    accuracy: float, scores: Sequence[LabelScore], min_accuracy: float, min_per_label: float
) -> list[str]:
    """Human-readable reasons the evaluation fails; empty when it passes."""
    failures = []
    if accuracy < min_accuracy:
        failures.append(f"overall accuracy {accuracy:.3f} < {min_accuracy:.3f}")
    failures += [
        f"{score.label}: accuracy {score.accuracy:.3f} < {min_per_label:.3f}"
        for score in scores
        if score.accuracy < min_per_label
    ]
    return failures


def _cell(text: str) -> str:
    """Keep a message from breaking a Markdown table row."""
    return text.replace("|", "\\|").replace("\n", " ")


def render_report(model: str, data: Sequence[str], predictions: Sequence[Prediction], failures: Sequence[str]) -> str:
    accuracy = overall_accuracy(predictions)
    correct = sum(p.correct for p in predictions)
    lines = [
        "# NLU held-out evaluation",
        "",
        f"- Model: `{model}`",
        f"- Data: {', '.join(f'`{path}`' for path in data)}",
        f"- Overall accuracy: **{accuracy:.3f}** ({correct}/{len(predictions)})",
        f"- Result: **{'FAIL' if failures else 'PASS'}**",
        *[f"  - {failure}" for failure in failures],
        "",
        "## Accuracy per label (worst first)",
        "",
        "| label | accuracy | messages |",
        "| --- | --- | --- |",
        *[f"| {s.label} | {s.accuracy:.3f} | {s.total} |" for s in per_label_accuracy(predictions)],
        "",
        f"## Most confused pairs (top {CONFUSIONS_SHOWN})",
        "",
    ]
    confusions = top_confusions(predictions)
    if confusions:
        lines += ["| true | predicted | count | example |", "| --- | --- | --- | --- |"]
        lines += [f"| {c.true_label} | {c.predicted_label} | {c.count} | {_cell(c.example)} |" for c in confusions]
    else:
        lines.append("No mistakes.")
    return "\n".join(lines) + "\n"


def load_examples(data_paths: Sequence[str]) -> list[Example]:
    """Held-out messages with their full labels (`faq/<topic>` for retrieval intents)."""
    from rasa.shared.nlu.training_data.loading import load_data

    return [
        Example(message.get("text"), message.get_full_intent())
        for path in data_paths
        for message in load_data(path).intent_examples
    ]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="trained model archive (models/*.tar.gz)")
    parser.add_argument(
        "--data",
        nargs="+",
        default=["tests/data/heldout"],
        help="held-out NLU YAML files or directories, scored together",
    )
    parser.add_argument("--min-accuracy", type=float, default=0.95, help="minimum overall accuracy")
    parser.add_argument("--min-per-label", type=float, default=0.80, help="minimum accuracy of every single label")
    parser.add_argument("--report", help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    # Usage errors exit with status 2 (argparse), so status 1 always means "below threshold".
    for path in (args.model, *args.data):
        if not Path(path).exists():
            parser.error(f"{path} does not exist")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    examples = load_examples(args.data)
    if not examples:
        print(f"error: no intent examples found in {args.data}", file=sys.stderr)
        return 2

    from rasa.core.agent import Agent  # imported late: loading Rasa's ML stack takes seconds
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed message at debug level; the report is what matters here.
    configure_structlog(logging.WARNING)
    agent = Agent.load(args.model)
    predictions = asyncio.run(predict(agent, examples))

    failures = threshold_failures(
        overall_accuracy(predictions), per_label_accuracy(predictions), args.min_accuracy, args.min_per_label
    )
    report = render_report(args.model, args.data, predictions, failures)
    print(report)
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(report, encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
