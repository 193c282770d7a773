#!/usr/bin/env bash
# Trains the model when the data, domain or config changed (Rasa compares fingerprints and
# reuses models/assistant.tar.gz otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
step "Training the model if the data changed (about 15 minutes when it did; otherwise Rasa restores every component from its cache in about 20 seconds)"
rasa_cli train --fixed-model-name assistant --out models "$@" 2>&1 \
  | { grep --line-buffered -vE 'tensorflow|cuda|TensorRT|oneDNN|rebuild TensorFlow|absl|^\s*$|DeprecationWarning|warnings.warn' || true; }
