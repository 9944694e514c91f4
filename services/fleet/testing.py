"""Pytest plugin: a real PostgreSQL and a real Kafka for the whole suite, started once per session.

Load it with `pytest_plugins = ["fleet.testing"]` in the root conftest. `DATABASE_URL` and
`KAFKA_BOOTSTRAP_SERVERS` point the suite at servers someone else runs instead; `CLOSELOOP_BROKER=tansu`
runs it on the Tansu fallback.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Protocol

import asyncpg
import psutil
import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url

from fleet.brokers import Broker, ExternalBroker, choose_broker
from fleet.deadlines import DeadlineExceeded, poll_until
from fleet.environment import FleetEnvironment
from fleet.postgres import EmbeddedPostgres, PostgresError
from fleet.provisioning import migrate_database
from fleet.registry import ServiceSpec
from fleet.tansu import TansuBroker

__all__ = [
    "DatabaseServer",
    "DeadlineExceeded",
    "FreshDatabase",
    "broker_outage",
    "eventually",
    "migrate_database",
]


class DatabaseServer:
    """The session's PostgreSQL server: hands out throw-away databases, copied from migrated templates.

    Migrating takes a second or more per service, so each combination of services is migrated once into
    a template database and every test gets a copy (`CREATE DATABASE ... TEMPLATE`, ~50 ms).
    """

    def __init__(self, url: str, *, embedded: EmbeddedPostgres | None = None) -> None:
        self.url = url
        self.embedded = embedded
        self._templates: dict[tuple[str, ...], str] = {}
        self._template_lock = asyncio.Lock()
        self._session_tag = uuid.uuid4().hex[:8]

    def url_for(self, database: str) -> str:
        return make_url(self.url).set(database=database).render_as_string(hide_password=False)

    def _admin_dsn(self) -> str:
        url = make_url(self.url).set(drivername="postgresql", database="postgres")
        return url.render_as_string(hide_password=False)

    async def execute(self, statement: str) -> None:
        connection = await asyncpg.connect(self._admin_dsn())
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    async def create_database(self, *, migrate: Sequence[ServiceSpec | str] = ()) -> str:
        """A new database with the schemas of `migrate` (service names or specs); returns its URL."""
        name = f"t_{uuid.uuid4().hex}"
        template = await self._template(tuple(_service_name(s) for s in migrate), migrate) if migrate else None
        template_clause = f' TEMPLATE "{template}"' if template else ""
        await self.execute(f'CREATE DATABASE "{name}"{template_clause}')
        return self.url_for(name)

    async def drop_database(self, url: str) -> None:
        await self.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    async def drop_templates(self) -> None:
        for template in self._templates.values():
            await self.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        self._templates.clear()

    async def _template(self, key: tuple[str, ...], services: Sequence[ServiceSpec | str]) -> str:
        async with self._template_lock:
            if key not in self._templates:
                name = f"tpl_{self._session_tag}_{'_'.join(key)}"[:63]
                await self.execute(f'CREATE DATABASE "{name}"')
                await migrate_database(self.url_for(name), services)
                self._templates[key] = name
            return self._templates[key]


def _service_name(service: ServiceSpec | str) -> str:
    return service if isinstance(service, str) else service.name


class FreshDatabase(Protocol):
    """`await fresh_database()` or `await fresh_database("intake", ...)`: URL of a new database of this test."""

    def __call__(self, *migrate: ServiceSpec | str) -> Awaitable[str]: ...


async def eventually(
    check: Callable[[], Awaitable[object]], *, timeout: float = 10.0, interval: float = 0.05, what: str = "condition"
) -> object:
    """Poll `check` until it returns something truthy (exceptions count as "not yet"); the test's `sleep`."""
    return await poll_until(check, timeout=timeout, interval=interval, what=what)


@contextlib.asynccontextmanager
async def broker_outage(broker: Broker) -> AsyncIterator[None]:
    """Stop `broker` for the body of the `async with`, and start it again even if the body fails.

    Later tests share the session broker, so a test that takes it down must never leave it down.
    """
    await broker.stop()
    try:
        yield
    finally:
        await broker.start()


_OWNER_FILE = "owner.pid"


async def _temp_dir(kind: str) -> Path:
    """A private directory under /tmp, marked with this session's pid.

    Not pytest's tmp_path: its base dir is 0700, and the embedded Postgres runs as another user when the
    suite runs as root. The brokers die with the session; a Postgres (daemonised by pg_ctl) outlives a
    killed session, so directories of dead sessions are swept here first.
    """
    await _sweep_abandoned(kind)
    root = Path(tempfile.mkdtemp(prefix=f"closeloop-{kind}-"))
    (root / _OWNER_FILE).write_text(f"{os.getpid()}\n")
    return root


async def _sweep_abandoned(kind: str) -> None:
    for root in Path(tempfile.gettempdir()).glob(f"closeloop-{kind}-*"):
        try:
            owner = int((root / _OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if psutil.pid_exists(owner):
            continue
        if (root / "data" / "PG_VERSION").exists():
            with contextlib.suppress(PostgresError):
                await EmbeddedPostgres(root / "data").stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def postgres_server() -> AsyncIterator[DatabaseServer]:
    """The session's PostgreSQL: embedded (fsync off) unless DATABASE_URL names one."""
    environment = FleetEnvironment.from_environ()
    if environment.database_url:
        server = DatabaseServer(environment.database_url)
        yield server
        await server.drop_templates()
        return
    root = await _temp_dir("pg")
    postgres = EmbeddedPostgres(root / "data", fsync=False)
    await postgres.start()
    server = DatabaseServer(postgres.url, embedded=postgres)
    try:
        yield server
    finally:
        await postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def postgres_url(postgres_server: DatabaseServer) -> str:
    """SQLAlchemy URL (asyncpg) of the session's `closeloop` database, shared by every test that uses it."""
    return postgres_server.url


@pytest_asyncio.fixture(loop_scope="session")
async def fresh_database(postgres_server: DatabaseServer) -> AsyncIterator[FreshDatabase]:
    """Factory for databases private to one test, dropped after it; pass service names to migrate them."""
    created: list[str] = []

    async def make(*migrate: ServiceSpec | str) -> str:
        url = await postgres_server.create_database(migrate=migrate)
        created.append(url)
        return url

    yield make
    for url in created:
        await postgres_server.drop_database(url)


async def _started_broker(make: Callable[[Path], Broker], kind: str) -> AsyncIterator[Broker]:
    root = await _temp_dir(kind)
    broker = make(root)
    await broker.start()
    try:
        yield broker
    finally:
        await broker.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def kafka_broker() -> AsyncIterator[Broker]:
    """The session's broker: Apache Kafka (Tansu without Java, or with CLOSELOOP_BROKER=tansu), or the
    external one KAFKA_BOOTSTRAP_SERVERS names, whose stop()/start() raise."""
    environment = FleetEnvironment.from_environ()
    if environment.kafka_bootstrap_servers:
        yield ExternalBroker(environment.kafka_bootstrap_servers)
        return
    async for broker in _started_broker(lambda root: choose_broker(root), "kafka"):
        yield broker


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def kafka_bootstrap_servers(kafka_broker: Broker) -> str:
    return kafka_broker.bootstrap_servers


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def tansu_broker() -> AsyncIterator[Broker]:
    """Always Tansu, for the tests that prove the fallback works (memory-only, no transactions)."""
    async for broker in _started_broker(lambda root: TansuBroker(root), "tansu"):
        yield broker


@pytest.fixture
def topic_namespace() -> str:
    """A prefix private to this test, for `CLOSELOOP_TOPIC_NAMESPACE` / `ensure_topics(namespace=...)`."""
    return f"t{uuid.uuid4().hex[:10]}."
