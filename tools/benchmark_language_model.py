"""Rasa's LanguageModelFeaturizer and ours (addons/compiled_language_model.py), side by side
in one run on this machine: milliseconds per patient message, and seconds to featurize the
training data (every example's text and, for topic questions, its answer).

Usage:
    .venv/bin/python -m tools.benchmark_language_model [--training-examples N]

Both load all-MiniLM-L6-v2 from .venv/hf with the settings in config.yml. The messages are
the held-out sets' (tests/data/heldout*), one at a time as in a conversation. Figures move with
whatever else the machine is doing; the two columns are measured in turn in one process.
"""

import argparse
import random
import time

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import read_yaml_file

from addons.compiled_language_model import CompiledLanguageModelFeaturizer
from ops.settings import PROJECT_ROOT

CANDIDATES = {
    "Rasa's LanguageModelFeaturizer (eager)": LanguageModelFeaturizer,
    "CompiledLanguageModelFeaturizer (graph, each text once)": CompiledLanguageModelFeaturizer,
}


def language_model_settings() -> dict:
    pipeline = read_yaml_file(PROJECT_ROOT / "config.yml")["pipeline"]
    (settings,) = [c for c in pipeline if c["name"].endswith("LanguageModelFeaturizer")]
    return {key: value for key, value in settings.items() if key != "name"}


def featurizer(featurizer_class):
    return featurizer_class.create(
        {**featurizer_class.get_default_config(), **language_model_settings()},
        model_storage=None,
        resource=None,
        execution_context=ExecutionContext(GraphSchema({}), node_name="benchmark"),
    )


def tokenized_training_data(limit: int | None) -> TrainingData:
    importer = TrainingDataImporter.load_from_config(
        str(PROJECT_ROOT / "config.yml"), str(PROJECT_ROOT / "domain.yml"), [str(PROJECT_ROOT / "data")]
    )
    examples = list(importer.get_nlu_data().training_examples)
    if limit:
        examples = random.Random(0).sample(examples, min(limit, len(examples)))
    data = TrainingData(training_examples=examples)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    return data


def heldout_messages() -> list[str]:
    texts = []
    for folder in sorted(PROJECT_ROOT.glob("tests/data/heldout*")):
        texts += [example.get(TEXT) for example in load_data(str(folder)).training_examples]
    return texts


def ms_per_message(model, texts: list[str]) -> float:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [Message(data={TEXT: text}) for text in texts]
    tokenizer.process(messages)
    model.process(messages[:3])  # first call traces the graph
    start = time.perf_counter()
    for message in messages:
        model.process([message])
    return (time.perf_counter() - start) * 1000 / len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--training-examples",
        type=int,
        default=None,
        help="featurize a random sample of this many training examples (default: all)",
    )
    args = parser.parse_args()
    texts = heldout_messages()
    rows = []
    for name, featurizer_class in CANDIDATES.items():
        model = featurizer(featurizer_class)
        per_message = ms_per_message(model, texts)
        data = tokenized_training_data(args.training_examples)
        start = time.perf_counter()
        model.process_training_data(data)
        rows.append((name, per_message, time.perf_counter() - start, len(data.training_examples)))
    print(f"| featurizer | ms per message ({len(texts)} held-out messages) | training data featurized |")
    print("| --- | --- | --- |")
    for name, per_message, seconds, examples in rows:
        print(f"| {name} | {per_message:.1f} | {seconds:.0f} s ({examples} examples) |")
    baseline, ours = rows
    print(f"\nspeed-up: {baseline[1] / ours[1]:.1f}x per message, {baseline[2] / ours[2]:.1f}x in training")


if __name__ == "__main__":
    main()
