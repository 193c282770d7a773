# Shared shell helpers for scripts/*.sh (sourced, not run).
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# TensorFlow's start-up noise (CUDA, oneDNN, TensorRT) hides the useful output.
export TF_CPP_MIN_LOG_LEVEL=3
export PYTHONWARNINGS="ignore"
# With the fixed seeds in config.yml, deterministic TensorFlow ops make two trainings on
# the same data give the same model.
export TF_DETERMINISTIC_OPS=1
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
rasa_cli() { .venv/bin/python -m addons.rasa_main "$@"; }
# The language model is loaded from a local folder; never look for it on the model hub,
# and keep transformers' loading notices out of the output.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TRANSFORMERS_VERBOSITY=error
