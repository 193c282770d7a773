#!/usr/bin/env bash
# One command to set up and run the assistant: installs what is missing, trains when the
# data changed, then serves the web page, the Rasa server and the action server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/train.sh
source scripts/common.sh
exec .venv/bin/python -m ops.supervisor "$@"
