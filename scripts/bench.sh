#!/usr/bin/env bash
# `make bench`: the rasa init bot and this assistant (one process, then two workers) under
# 1, 10 and 50 concurrent patients, side by side; prints a markdown table (docs/performance.md).
# Arguments go to tools/benchmark.py, e.g. `bash scripts/bench.sh --seconds 10 --workers 1`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --redis
bash scripts/train.sh
source scripts/common.sh
step "Benchmark (about 13 minutes; the first time 2 more to train the rasa init bot)"
.venv/bin/python -m tools.benchmark "$@"
