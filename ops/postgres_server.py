"""A throwaway PostgreSQL cluster for the tests: Debian's PostgreSQL programs
(`scripts/setup.sh --postgres`) with their own data folder, socket folder and password
under a fresh temporary folder, listening on 127.0.0.1 only, removed again by `remove()`.

A clinic runs the assistant against its own PostgreSQL server instead (README,
"Storing conversations in PostgreSQL"); nothing here is used by `make run`.

PostgreSQL refuses to run as root, so as root the programs run as the unprivileged user
`postgres` (created by Debian's package; ASSISTANT_POSTGRES_USER names another), which
owns the temporary folder. pytest's own temporary folders are readable by their owner
only, which is why the cluster gets a folder of its own."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "assistant"


class PostgresError(RuntimeError):
    pass


def postgres_bin_dir() -> Path:
    """The newest of Debian's /usr/lib/postgresql/<version>/bin, or the folder of initdb on PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresError("PostgreSQL is not installed: run `bash scripts/setup.sh --postgres`")


def _run_as() -> str | None:
    """The user the PostgreSQL programs run as: None for the current user, unless root."""
    if os.geteuid() != 0:
        return None
    user = os.environ.get("ASSISTANT_POSTGRES_USER", "postgres")
    try:
        pwd.getpwnam(user)
    except KeyError:
        raise PostgresError(
            f"PostgreSQL does not run as root and there is no user {user!r}: "
            "run `bash scripts/setup.sh --postgres` (Debian's package creates it)"
        ) from None
    return user


@dataclass
class PostgresCluster:
    base: Path
    port: int
    password: str
    log: Path
    user: str | None
    bin_dir: Path
    process: subprocess.Popen | None = None

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    def environment(self, database: str) -> dict[str, str]:
        """The TRACKER_DB_* settings that point the assistant at `database` here."""
        return {
            "TRACKER_DB_DIALECT": "postgresql",
            "TRACKER_DB_HOST": "127.0.0.1",
            "TRACKER_DB_PORT": str(self.port),
            "TRACKER_DB_USER": SUPERUSER,
            "TRACKER_DB_PASSWORD": self.password,
            "TRACKER_DB": database,
        }

    def _popen(self, args: list[str], **kwargs) -> subprocess.Popen:
        return subprocess.Popen(
            [str(self.bin_dir / args[0]), *args[1:]],
            user=self.user,
            group=pwd.getpwnam(self.user).pw_gid if self.user else None,
            extra_groups=[] if self.user else None,
            cwd=self.base,
            env={**os.environ, "PGPASSWORD": self.password, "LC_ALL": "C.UTF-8"},
            **kwargs,
        )

    def _run(self, args: list[str], timeout: float = 60) -> None:
        process = self._popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output, _ = process.communicate(timeout=timeout)
        if process.returncode != 0:
            raise PostgresError(f"{args[0]} failed:\n{output.decode(errors='replace')}")

    def start(self, timeout: float = 30) -> None:
        """Start the server (again) and return once it accepts connections."""
        with self.log.open("ab") as output:
            self.process = self._popen(
                [
                    "postgres",
                    "-D",
                    str(self.data_dir),
                    "-p",
                    str(self.port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"unix_socket_directories={self.socket_dir}",
                    # A failing statement would be logged with its values: conversation text.
                    "-c",
                    "log_min_error_statement=panic",
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PostgresError(f"postgres exited during start-up; its log: {self.log}")
            ready = self._popen(
                ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ).wait()
            if ready == 0:
                return
            time.sleep(0.2)
        self.stop()
        raise PostgresError(f"postgres did not accept connections within {timeout:.0f}s; its log: {self.log}")

    def stop(self, timeout: float = 30) -> None:
        """Fast shutdown: open connections are cut, committed data stays on disk."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def create_database(self, name: str) -> None:
        self._run(["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, name])

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


def start_postgres(port: int, log: Path, timeout: float = 60) -> PostgresCluster:
    """initdb a new cluster in a fresh temporary folder and start it on 127.0.0.1:port.
    Password authentication (scram-sha-256) for the superuser SUPERUSER, as on a server."""
    bin_dir = postgres_bin_dir()
    user = _run_as()
    base = Path(tempfile.mkdtemp(prefix="assistant-postgres-"))
    cluster = PostgresCluster(
        base=base, port=port, password=secrets.token_urlsafe(24), log=log, user=user, bin_dir=bin_dir
    )
    try:
        cluster.socket_dir.mkdir(mode=0o700)
        password_file = base / "password"
        password_file.write_text(cluster.password + "\n")
        password_file.chmod(0o600)
        if user:
            account = pwd.getpwnam(user)
            for path in (base, cluster.socket_dir, password_file):
                os.chown(path, account.pw_uid, account.pw_gid)
        cluster._run(
            [
                "initdb",
                "-D",
                str(cluster.data_dir),
                "-U",
                SUPERUSER,
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            timeout=timeout,
        )
        password_file.unlink()
        cluster.start(timeout=timeout)
    except BaseException:
        cluster.remove()
        raise
    return cluster
