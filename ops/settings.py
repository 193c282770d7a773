"""The assistant's settings, read from the environment in this one place (README, "Settings").

Ports:               ACTIONS_PORT (5055), RASA_PORT (5005), WEB_PORT (8000), REDIS_PORT (6390)
Web page origins:    ASSISTANT_WEB_ORIGINS, comma-separated (the page's own address by default)
Rasa workers:        ASSISTANT_WORKERS (1; 2 or more start Redis for Rasa's lock store)
Model:               ASSISTANT_MODEL (the newest models/*.tar.gz)
Logs:                ASSISTANT_LOG_DIR (.rasa/logs)
HTTP API token:      RASA_AUTH_TOKEN (else a random one kept in .rasa/api_token)
Conversation store:  TRACKER_DB_DIALECT (sqlite or postgresql), TRACKER_DB (the SQLite file,
                     .rasa/conversations.db, or the database name), TRACKER_DB_HOST, _PORT,
                     _USER, _PASSWORD

endpoints.yml names the default action server port too, for `rasa run` started by hand
(tests/unit/test_settings.py checks that it agrees with Ports)."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJECT_ROOT / "models"
PRIVATE_DIR = PROJECT_ROOT / ".rasa"
LOG_DIR = PRIVATE_DIR / "logs"
TOKEN_FILE = PRIVATE_DIR / "api_token"
# Staff test chats (`make shell`) are not patients' conversations: kept out of the store
# that `make report` reads.
STAFF_SQLITE_STORE = PRIVATE_DIR / "staff-conversations.db"
# Relative to the project folder, where every server runs.
DEFAULT_SQLITE_STORE = Path(".rasa") / "conversations.db"

WORKERS_ENV = "ASSISTANT_WORKERS"
WEB_ORIGINS_ENV = "ASSISTANT_WEB_ORIGINS"
MODEL_ENV = "ASSISTANT_MODEL"
LOG_DIR_ENV = "ASSISTANT_LOG_DIR"
# The token as `make run` gives it to the Rasa server (addons/rasa_main.py): in the
# environment, which only the owner can read, not on the command line, which `ps` shows.
API_TOKEN_ENV = "ASSISTANT_API_TOKEN"
# The operator's token, if they choose one (Rasa's own name for it).
OPERATOR_TOKEN_ENV = "RASA_AUTH_TOKEN"


class SettingError(ValueError):
    """A setting in the environment that cannot be used; the message says which and why."""


@dataclass
class Ports:
    actions: int = 5055
    rasa: int = 5005
    web: int = 8000
    # Only used with several workers; not Redis's usual 6379, which a system Redis may hold.
    redis: int = 6390

    @classmethod
    def free(cls) -> Ports:
        return cls(free_port(), free_port(), free_port(), free_port())

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Ports:
        """The defaults above, or ACTIONS_PORT, RASA_PORT, WEB_PORT and REDIS_PORT when set."""
        return cls(**{name: cls.one_from_environment(name, environ) for name in asdict(cls())})

    @classmethod
    def one_from_environment(cls, name: str, environ: Mapping[str, str] = os.environ) -> int:
        """One port: its default above, or <NAME>_PORT when set."""
        variable = f"{name.upper()}_PORT"
        value = environ.get(variable, str(getattr(cls(), name)))
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise SettingError(f"{variable} must be a port number (1-65535), not {value!r}")
        return int(value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def workers_from_environment(environ: Mapping[str, str] = os.environ) -> int:
    value = environ.get(WORKERS_ENV, "1")
    if not value.isdigit() or int(value) < 1:
        raise SettingError(f"{WORKERS_ENV} must be a whole number of at least 1, not {value!r}")
    return int(value)


def web_origins(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The origins (scheme://host[:port]) whose pages may talk to the assistant: the
    configured ones, else the page `make run` serves on this machine."""
    configured = environ.get(WEB_ORIGINS_ENV)
    if configured is None:
        web_port = Ports.one_from_environment("web", environ)  # the other ports do not matter here
        configured = f"http://localhost:{web_port},http://127.0.0.1:{web_port}"
    origins = [origin.strip().rstrip("/") for origin in configured.split(",")]
    origins = [origin for origin in origins if origin]
    if not origins:
        raise SettingError(f"{WEB_ORIGINS_ENV} must name at least one origin")
    return origins


def model_path(environ: Mapping[str, str] = os.environ) -> Path:
    """ASSISTANT_MODEL if set, else the newest trained model in models/."""
    if environ.get(MODEL_ENV):
        path = Path(environ[MODEL_ENV])
        if not path.is_file():
            raise SettingError(f"{MODEL_ENV} names no model file: {path}")
        return path
    models = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise SettingError("no trained model in models/: run `make train` first")
    return models[-1]


def log_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where `make run` and `make shell` keep their servers' logs (owner-only)."""
    return Path(environ[LOG_DIR_ENV]) if environ.get(LOG_DIR_ENV) else LOG_DIR


def api_token(environ: Mapping[str, str] = os.environ) -> str:
    """RASA_AUTH_TOKEN if set, else a random token kept in .rasa/api_token."""
    if environ.get(OPERATOR_TOKEN_ENV):
        return environ[OPERATOR_TOKEN_ENV]
    TOKEN_FILE.parent.mkdir(mode=0o700, exist_ok=True)
    if not TOKEN_FILE.exists():
        # Created for the owner only from the start (no moment in which others can read it).
        with os.fdopen(os.open(TOKEN_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(24))
    TOKEN_FILE.chmod(0o600)  # a file left by an older version
    return TOKEN_FILE.read_text().strip()


@dataclass(frozen=True)
class ConversationStore:
    """Where conversations are kept (addons/tracker_store.py)."""

    dialect: str
    db: str
    host: str | None = None
    port: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> ConversationStore:
        dialect = environ.get("TRACKER_DB_DIALECT", "sqlite")
        if dialect == "sqlite":
            return cls(dialect, environ.get("TRACKER_DB", str(DEFAULT_SQLITE_STORE)))
        return cls(
            dialect,
            environ.get("TRACKER_DB", "rasa"),
            host=environ.get("TRACKER_DB_HOST", "localhost"),
            port=environ.get("TRACKER_DB_PORT"),
            user=environ.get("TRACKER_DB_USER"),
            password=environ.get("TRACKER_DB_PASSWORD"),
        )

    def description(self) -> str:
        """Which store this is, for a reader (no password)."""
        if self.dialect == "sqlite":
            return f"SQLite conversation store {self.db}"
        return f"PostgreSQL conversation store, database {self.db} on {self.host}"
