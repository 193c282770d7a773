#!/usr/bin/env bash
# Trains NLU-only models on the same data with config.yml and with Rasa's default pipeline
# (docs/pipelines/rasa_default.yml, what `rasa init` uses) and reports each one's held-out
# accuracy and training time. About 8 minutes on 2 cores. Figures go to docs/evaluation.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
out=${1:-results/pipelines}
mkdir -p "$out"
for config in config.yml docs/pipelines/rasa_default.yml; do
  name=$(basename "$config" .yml)
  step "Training NLU with $config"
  start=$(date +%s)
  rasa_cli train nlu --config "$config" --out "$out" --fixed-model-name "$name" >"$out/$name-train.log" 2>&1
  echo "training time: $(( $(date +%s) - start ))s" | tee "$out/$name-time.txt"
  .venv/bin/python scripts/evaluate_nlu.py --model "$out/$name.tar.gz" --data tests/heldout \
    --report "$out/$name.md" >/dev/null 2>&1 || true
  grep -E 'Overall accuracy' "$out/$name.md"
done
