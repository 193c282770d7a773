#!/usr/bin/env bash
# The whole test suite: sets up first if needed (including Chromium, PostgreSQL, Redis and tmux),
# checks the code with ruff and mypy, trains if the data changed, then runs pytest (data
# validation, unit, actions, end-to-end over HTTP and in the browser), Rasa's test stories and
# the held-out NLU accuracy check.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser --postgres --terminal --redis
source scripts/common.sh

# Before the training, so that a lint or type error fails in seconds (settings: pyproject.toml).
step "Lint (ruff) and type check (mypy)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

bash scripts/train.sh

step "Running pytest (includes rasa data validate)"
mkdir -p results
.venv/bin/python -m pytest -q "$@"

step "Running the test stories (rasa test)"
if ! rasa_cli test core --model models/assistant.tar.gz --stories tests/stories \
    --out results --fail-on-prediction-errors >results/rasa-test.log 2>&1; then
  tail -n 30 results/rasa-test.log
  cat results/failed_test_stories.yml 2>/dev/null || true
  die "test stories failed (details in results/)"
fi
grep -E 'Finished evaluation|Correct:|Accuracy' results/rasa-test.log | sed 's/^.*INFO *//' || true

# Scores held-out sets together and fails under the thresholds: <min accuracy> <min per label>
# <report name in results/> <set folders...>. Figures: docs/evaluation.md.
heldout_check() {
  local accuracy=$1 per_label=$2 report=$3
  shift 3
  .venv/bin/python -m tools.evaluate_nlu --model models/assistant.tar.gz --data "$@" \
    --min-accuracy "$accuracy" --min-per-label "$per_label" --report "results/$report.md"
}
step "Held-out NLU accuracy"
# The accuracy target, on the first three sets scored together (798 messages, 19 or 20 per label):
# at least 95% overall and 80% for every label.
heldout_check 0.95 0.80 heldout tests/data/heldout tests/data/heldout_v2 tests/data/heldout_v3
# Issue 15's target (95% overall, no label under 80%) on the fourth set, which it names. Today
# 621/641, lowest labels 12/15: no room per label, a miss more there is the target missed.
heldout_check 0.95 0.80 heldout_v4 tests/data/heldout_v4
# The other blind sets, each guarded a little under today's figures (about 10 messages and one
# message per label of room; not the targets). Today: tenth 510/528, fifth 621/642, sixth
# 492/508, seventh 486/515, eighth 493/512, ninth 490/511; lowest labels 12/15 on the fifth,
# 8/12 (candidacy) on the seventh, 10/12 on the others (docs/evaluation.md).
heldout_check 0.95 0.74 heldout_v10 tests/data/heldout_v10
heldout_check 0.95 0.73 heldout_v5 tests/data/heldout_v5
heldout_check 0.95 0.74 heldout_v6 tests/data/heldout_v6
heldout_check 0.92 0.58 heldout_v7 tests/data/heldout_v7
heldout_check 0.94 0.74 heldout_v8 tests/data/heldout_v8
heldout_check 0.94 0.74 heldout_v9 tests/data/heldout_v9
step "All tests passed"
