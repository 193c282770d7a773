"""Files the assistant writes about patients' conversations (logs, reports): for their owner only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO


def private_file(path: Path) -> BinaryIO:
    """A file opened for writing, for the owner only (logs are about patients' conversations)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # a file left by an older version
    return os.fdopen(descriptor, "wb")
