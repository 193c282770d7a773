"""Rasa's own fingerprint comparison (`rasa train --dry-run`) finds nothing to train after an
answer is edited: the answers are not training data (addons/answer_placeholders.py).
It compares with Rasa's training cache, so it runs after `make train` in the same
environment (RASA_CACHE_DIRECTORY), as `make test` does. About 30 seconds."""

import os
import shutil
import subprocess
import sys

from bot.answers import answer_file
from bot.clinic_files import CLINIC_DIR, CLINIC_DIR_ENV
from ops.settings import PROJECT_ROOT


def test_rasa_finds_nothing_to_train_after_an_answer_edit(tmp_path):
    clinic = tmp_path / "clinic"
    shutil.copytree(CLINIC_DIR, clinic)
    answer = answer_file("synkinesis", clinic / "answers")
    edited = answer.read_text(encoding="utf-8").replace("involuntary movement", "unwanted movement")
    assert edited != answer.read_text(encoding="utf-8")
    answer.write_text(edited, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "addons.rasa_main", "train", "--dry-run", "--out", str(tmp_path / "models")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, CLINIC_DIR_ENV: str(clinic), "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    output = result.stdout + result.stderr
    assert "No training of components required" in output, (
        "Rasa would train: either the last `make train` used another RASA_CACHE_DIRECTORY "
        "or the data changed since, or answer texts are training data again\n" + output[-2000:]
    )
    assert result.returncode == 0
