#!/usr/bin/env bash
# Trains NLU-only models on the same data with config.yml and with Rasa's default pipeline
# (docs/pipelines/rasa_default.yml, what `rasa init` uses) and reports each one's training
# time and accuracy on each held-out set and on all three together. About 30 minutes on
# 2 cores, most of it the default pipeline. Figures go to docs/evaluation.md.
#   bash scripts/compare_pipelines.sh [output folder] [config file ...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
out=${1:-results/pipelines}
shift || true
if [ $# -gt 0 ]; then configs=("$@"); else configs=(config.yml docs/pipelines/rasa_default.yml); fi
mkdir -p "$out"
for config in "${configs[@]}"; do
  name=$(basename "$config" .yml)
  step "Training NLU with $config"
  start=$(date +%s)
  rasa_cli train nlu --config "$config" --out "$out" --fixed-model-name "$name" >"$out/$name-train.log" 2>&1
  echo "training time: $(( $(date +%s) - start ))s" | tee "$out/$name-time.txt"
  for heldout in heldout heldout_v2 heldout_v3; do
    .venv/bin/python -m tools.evaluate_nlu --model "$out/$name.tar.gz" --data "tests/data/$heldout" \
      --report "$out/$name-$heldout.md" >/dev/null 2>&1 || true
    echo "$heldout: $(grep -E 'Overall accuracy' "$out/$name-$heldout.md")"
  done
  .venv/bin/python -m tools.evaluate_nlu --model "$out/$name.tar.gz" \
    --data tests/data/heldout tests/data/heldout_v2 tests/data/heldout_v3 --report "$out/$name-all.md" >/dev/null 2>&1 || true
  echo "all three: $(grep -E 'Overall accuracy' "$out/$name-all.md")"
done
