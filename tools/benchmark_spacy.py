"""Rasa's spaCy components and ours (addons/spacy_pipes.py) side by side, in one process.

Usage: .venv/bin/python -m tools.benchmark_spacy [--rounds 5]

Both run over the 800 held-out messages one message at a time (spaCy pipes for tokens and
features, then the DATE extractor), in alternating rounds so that other programs on the
machine slow both alike; prints the median ms per message of each and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyNLP as RasaSpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.spacy_pipes import SpacyDateExtractor, SpacyNLP
from ops.settings import PROJECT_ROOT
from tools.benchmark_language_model import heldout_messages

SPACY_MODEL = str(PROJECT_ROOT / ".venv/spacy/en_core_web_sm")
CANDIDATES = {
    "Rasa's SpacyNLP + SpacyEntityExtractor (whole pipeline twice)": (RasaSpacyNLP, SpacyEntityExtractor),
    "addons.spacy_pipes (only the pipes used)": (SpacyNLP, SpacyDateExtractor),
}


def components(nlp_class, extractor_class):
    nlp = nlp_class.create({**nlp_class.get_default_config(), "model": SPACY_MODEL}, None, None, None)
    extractor = extractor_class({**SpacyEntityExtractor.get_default_config(), "dimensions": ["DATE"]})
    return nlp, nlp.provide(), extractor


def ms_per_message(nlp, model, extractor, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        message = [Message(data={TEXT: text})]
        nlp.process(message, model)
        extractor.process(message, model)
    return (time.perf_counter() - start) * 1000 / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = heldout_messages()
    loaded = {name: components(*classes) for name, classes in CANDIDATES.items()}
    timings = {name: [] for name in CANDIDATES}
    for _ in range(args.rounds):
        for name, parts in loaded.items():
            timings[name].append(ms_per_message(*parts, texts))
    print(f"| spaCy components | ms per message (median of {args.rounds} rounds over {len(texts)} held-out messages) |")
    print("| --- | ---: |")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values):.2f} |")
    rasa, ours = (statistics.median(values) for values in timings.values())
    print(f"\nours take {ours / rasa:.0%} of Rasa's time, {rasa - ours:.1f} ms less per message")


if __name__ == "__main__":
    main()
