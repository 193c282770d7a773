#!/usr/bin/env bash
# `rasa shell` for clinic staff, against the same model and the action server of `make run`
# (start that first in another terminal, or the shell starts its own action server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
# The action server's log and the conversation store are for the owner only.
umask 077
[[ -f models/assistant.tar.gz ]] || bash scripts/train.sh
if ! (exec 3<>/dev/tcp/127.0.0.1/5055) 2>/dev/null; then
  step "Starting the action server on port 5055"
  .venv/bin/python -m rasa_sdk --actions actions --port 5055 >.rasa/actions-shell.log 2>&1 &
  trap 'kill $! 2>/dev/null' EXIT
  for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/5055) 2>/dev/null && break; sleep 0.5; done
fi
rasa_cli shell --model models/assistant.tar.gz --endpoints endpoints.yml "$@"
