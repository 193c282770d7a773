#!/usr/bin/env bash
# `rasa shell` for clinic staff, against the same model and the action server of a running
# `make run` (or one of its own); see ops/staff_shell.py. Arguments go to `rasa shell`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
# The action server's log and the conversation store are for the owner only.
umask 077
[[ -f models/assistant.tar.gz ]] || bash scripts/train.sh
exec .venv/bin/python -m ops.staff_shell "$@"
