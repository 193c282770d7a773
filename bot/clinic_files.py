"""The clinic's files (clinic/, or the folder ASSISTANT_CLINIC_DIR names), read again when
they change: staff save a text and the running servers use it from the next message on,
without a restart or a training.

A file is parsed again only when its modification time, size or inode changed (an editor
may save by writing a new file in its place): one `stat` per use, microseconds. A saved
file that cannot be read or parsed does not take the assistant down: the last good version
stays in use and the error is logged once, naming the file (never its text)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

CLINIC_DIR_ENV = "ASSISTANT_CLINIC_DIR"
CLINIC_DIR = Path(os.environ.get(CLINIC_DIR_ENV) or Path(__file__).resolve().parent.parent / "clinic").resolve()

logger = logging.getLogger(__name__)
T = TypeVar("T")
Signature = tuple[int, int, int] | None

# (path, parse) -> (the file's signature when it was read, the parsed value)
_loaded: dict[tuple[Path, Callable], tuple[Signature, Any]] = {}


def _as_is(document: Any) -> Any:
    return document


def _signature(path: Path) -> Signature:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def load(path: Path, parse: Callable[[Any], T] = _as_is) -> T:
    """`parse` applied to the YAML document in `path`, parsed again only after the file
    changed. When a changed file fails (unreadable, bad YAML, or `parse` raises), the last
    good value is returned; when there is none yet, the error is raised."""
    key = (path, parse)
    signature = _signature(path)
    previous = _loaded.get(key)
    if previous is not None and previous[0] == signature:
        return previous[1]
    try:
        value = parse(yaml.safe_load(path.read_text(encoding="utf-8")))
    except Exception as error:  # whatever a bad edit causes; the message may quote the text
        if previous is None:
            raise
        logger.error(
            "%s could not be used after it changed (%s); the previous version stays in use",
            path,
            type(error).__name__,
        )
        _loaded[key] = (signature, previous[1])  # logged once per saved version
        return previous[1]
    _loaded[key] = (signature, value)
    return value
