"""The local fleet: database, broker and the four services, started and stopped in the right order.

`closeloop-stack run` and the cross-service tests both drive a `Stack`, so what a developer runs is what
the end-to-end tests prove.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx
from closeloop.auth.tokens import ALL_SCOPES, mint_token
from closeloop.messaging.topics import ensure_topics

from fleet import provisioning
from fleet.brokers import Broker, choose_broker
from fleet.deadlines import DeadlineExceeded, poll_until
from fleet.environment import FleetEnvironment, child_env
from fleet.ports import port_is_free, preferred_port
from fleet.postgres import EmbeddedPostgres
from fleet.processes import ChildProcess
from fleet.registry import SERVICES, ServiceSpec
from fleet.state import DevSecrets, StateDir

DEV_TOKEN_TTL_SECONDS = 30 * 24 * 3600


class StackError(RuntimeError):
    """A part of the stack failed to start; the message says which and carries its log."""


@dataclass(frozen=True)
class RunningService:
    """One service's uvicorn process and where it answers."""

    spec: ServiceSpec
    port: int
    process: ChildProcess

    @property
    def url(self) -> str:
        return self.spec.local_url(self.port)


def uvicorn_argv(spec: ServiceSpec, *, host: str = "127.0.0.1", port: int | None = None) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", "--factory", spec.app_factory,
        "--host", host, "--port", str(port or spec.port),
        "--timeout-graceful-shutdown", "15",
    ]


class Stack:
    """Postgres, a Kafka-compatible broker and the services, with their secrets, token and logs in `state`.

    Servers given by URL (`database_url`, `bootstrap_servers`) are used as they are; the missing ones are
    started locally from `state` and stopped again by `stop()`. Services stop first so they can drain,
    then the broker, then the database.
    """

    def __init__(
        self,
        *,
        state: StateDir,
        services: Sequence[ServiceSpec] = SERVICES,
        database_url: str | None = None,
        bootstrap_servers: str | None = None,
        broker_preference: str | None = None,
        secrets: DevSecrets | None = None,
        ports: Mapping[str, int] | None = None,
        topic_namespace: str = "",
        fsync: bool = True,
        ready_timeout: float = 90.0,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.state = state
        self.services = tuple(services)
        self.secrets = secrets or state.load_or_create_secrets()
        self.ports = {spec.name: (ports or {}).get(spec.name, spec.port) for spec in self.services}
        self.topic_namespace = topic_namespace
        self.fsync = fsync
        self.ready_timeout = ready_timeout
        self.echo = echo
        self.postgres: EmbeddedPostgres | None = None
        self.broker: Broker | None = None
        self.running: dict[str, RunningService] = {}
        self._database_url = database_url
        self._bootstrap_servers = bootstrap_servers
        self._broker_preference = broker_preference
        self._echo_task: asyncio.Task[None] | None = None
        self.timings: dict[str, float] = {}

    @classmethod
    def from_environment(cls, env: FleetEnvironment, *, echo: Callable[[str], None] | None = None) -> Stack:
        """The stack `closeloop-stack run` starts: whatever the operator's environment does not name."""
        state = StateDir(env.state_dir)
        secrets = state.load_or_create_secrets(
            jwt_secret=env.jwt_secret, pii_key=env.pii_key, pii_hash_key=env.pii_hash_key
        )
        return cls(
            state=state,
            database_url=env.database_url,
            bootstrap_servers=env.kafka_bootstrap_servers,
            broker_preference=env.broker_preference,
            secrets=secrets,
            echo=echo,
        )

    @property
    def database_url(self) -> str:
        if self._database_url is None:
            raise StackError("the database is not started yet")
        return self._database_url

    @property
    def bootstrap_servers(self) -> str:
        if self._bootstrap_servers is None:
            raise StackError("the broker is not started yet")
        return self._bootstrap_servers

    @property
    def urls(self) -> dict[str, str]:
        return {spec.name: spec.local_url(self.ports[spec.name]) for spec in self.services}

    def service_env(self) -> dict[str, str]:
        """What every service process is given: the servers, the secrets, and where the others answer."""
        env = {
            "DATABASE_URL": self.database_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "CLOSELOOP_TOPIC_NAMESPACE": self.topic_namespace,
            **self.secrets.as_env(),
        }
        env.update({f"{spec.env_prefix}_URL": self.urls[spec.name] for spec in self.services})
        env["CLOSELOOP_ATTACHMENT_STORE_URL"] = f"file://{self.state.root.resolve() / 'attachments'}"
        if self.broker is not None and not getattr(self.broker, "supports_idempotent_producer", True):
            env["CLOSELOOP_KAFKA_IDEMPOTENCE"] = "false"
        return env

    async def start(self) -> None:
        """Everything `make run` promises, in order; on failure whatever did start is stopped again."""
        try:
            async with self._timed("database+broker"):
                await self.start_infrastructure()
            async with self._timed("topics"):
                await self.create_topics()
            async with self._timed("migrations+seeds"):
                await self.provision()
            async with self._timed("services"):
                await self.launch_services()
            self.write_access_files()
        except BaseException:
            await self.stop()
            raise

    @contextlib.asynccontextmanager
    async def _timed(self, phase: str) -> AsyncIterator[None]:
        started = time.monotonic()
        yield
        self.timings[phase] = time.monotonic() - started

    async def start_infrastructure(self) -> None:
        """Start the embedded Postgres and the local broker, unless URLs for them were given."""
        recorded = self.state.read_ports()
        starting = []
        if self._database_url is None:
            self.postgres = EmbeddedPostgres(
                self.state.postgres_dir, preferred_port(recorded.get("postgres")), fsync=self.fsync
            )
            starting.append(self.postgres.start())
        if self._bootstrap_servers is None:
            self.broker = choose_broker(
                self.state.kafka_dir, preferred_port(recorded.get("broker")), preference=self._broker_preference
            )
            starting.append(self.broker.start())
        # Side by side: the JVM's start dominates, Postgres is ready well within it.
        failures = [r for r in await asyncio.gather(*starting, return_exceptions=True) if isinstance(r, BaseException)]
        if failures:
            raise failures[0]
        if self.postgres is not None:
            self._database_url = self.postgres.url
        if self.broker is not None:
            self._bootstrap_servers = self.broker.bootstrap_servers
        self.state.write_ports(
            {
                **recorded,
                **({"postgres": self.postgres.port} if self.postgres else {}),
                **({"broker": self.broker.port} if self.broker else {}),
            }
        )

    async def create_topics(self) -> list[str]:
        return await ensure_topics(self.bootstrap_servers, namespace=self.topic_namespace)

    async def provision(self) -> None:
        """Migrate then seed each service; services side by side, as each owns its own schema."""
        env = self.service_env()

        async def one(spec: ServiceSpec) -> None:
            await provisioning.migrate(spec, env=env)
            await provisioning.seed(spec, env=env)

        await asyncio.gather(*(one(spec) for spec in self.services))

    async def migrate(self) -> None:
        env = self.service_env()
        await asyncio.gather(*(provisioning.migrate(spec, env=env) for spec in self.services))

    async def seed(self) -> None:
        env = self.service_env()
        await asyncio.gather(*(provisioning.seed(spec, env=env) for spec in self.services))

    async def launch_services(self) -> None:
        """Start every service as a uvicorn process and return once each answers `GET /readyz` with 200."""
        busy = [f"{name} ({port})" for name, port in self.ports.items() if not port_is_free(port)]
        if busy:
            raise StackError(f"ports already in use: {', '.join(busy)}; is another stack running?")
        env = self.service_env()
        for spec in self.services:
            port = self.ports[spec.name]
            process = ChildProcess(
                uvicorn_argv(spec, port=port),
                name=spec.name,
                log_path=self.state.service_log(spec.name),
                env=child_env({**env, "PYTHONPATH": provisioning.service_python_path(spec, env)}),
                cwd=spec.project_dir,
            )
            process.launch()
            self.running[spec.name] = RunningService(spec, port=port, process=process)
        if self.echo is not None:
            self._echo_task = asyncio.create_task(_echo_logs(self.running.values(), self.echo))
        await _all_or_first_failure([self._wait_ready(service) for service in self.running.values()])

    async def _wait_ready(self, service: RunningService) -> None:
        async with httpx.AsyncClient(timeout=2.0) as client:

            async def ready() -> bool:
                if not service.process.running:
                    raise StackError(
                        f"{service.spec.name} exited with code {service.process.returncode}:\n"
                        f"{service.process.log_tail()}"
                    )
                response = await client.get(f"{service.url}/readyz")
                return response.status_code == 200

            try:
                await poll_until(
                    ready, timeout=self.ready_timeout, interval=0.2, what=f"{service.spec.name} ready",
                    fatal=(StackError,),
                )
            except DeadlineExceeded as exc:
                raise StackError(
                    f"{service.spec.name} did not report ready at {service.url}/readyz within "
                    f"{self.ready_timeout:.0f} s:\n{service.process.log_tail()}"
                ) from exc

    def write_access_files(self) -> None:
        """The development admin token (every scope, 30 days) and `stack.env` describing this stack."""
        token = mint_token(
            secret=self.secrets.jwt_secret,
            subject="dev-admin",
            scopes=list(ALL_SCOPES),
            roles=["admin"],
            ttl_seconds=DEV_TOKEN_TTL_SECONDS,
        )
        self.state.write_token(token)
        self.state.write_stack_env(
            {
                "DATABASE_URL": self.database_url,
                "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
                **({"CLOSELOOP_TOPIC_NAMESPACE": self.topic_namespace} if self.topic_namespace else {}),
                **{f"{spec.env_prefix}_URL": self.urls[spec.name] for spec in self.services},
            }
        )

    async def wait_for_service_exit(self) -> RunningService:
        """Block until some service process exits on its own; the supervisor then stops the rest."""
        while True:
            for service in self.running.values():
                if not service.process.running:
                    return service
            await asyncio.sleep(0.5)

    async def stop(self) -> None:
        """Services first (SIGTERM, time to drain), then the broker, then the database."""
        services, self.running = list(self.running.values()), {}
        try:
            await asyncio.gather(*(service.process.stop(grace=20.0) for service in services))
            await self._stop_echo()
        finally:
            try:
                if self.broker is not None:
                    await self.broker.stop()
            finally:
                if self.postgres is not None:
                    await self.postgres.stop()

    async def _stop_echo(self) -> None:
        if self._echo_task is None:
            return
        await asyncio.sleep(0.3)  # let the last lines of the shutdown reach the console
        self._echo_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._echo_task
        self._echo_task = None

    async def __aenter__(self) -> Stack:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()


async def _all_or_first_failure(waits: Sequence[Coroutine[object, object, None]]) -> None:
    """Await every wait; on the first failure cancel the rest and raise it (one dead service is enough)."""
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        for finished in asyncio.as_completed(tasks):
            await finished
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _echo_logs(services: Iterable[RunningService], echo: Callable[[str], None]) -> None:
    """Follow each service's log file and pass new lines on, prefixed with the service's name."""
    followed = list(services)
    width = max(len(service.spec.name) for service in followed)
    offsets: dict[Path, int] = {}
    for service in followed:
        path = service.process.log_path
        offsets[path] = path.stat().st_size if path.exists() else 0
    pending: dict[Path, bytes] = {}
    while True:
        for service in followed:
            path = service.process.log_path
            try:
                with path.open("rb") as log:
                    log.seek(offsets[path])
                    chunk = log.read()
            except OSError:
                continue
            offsets[path] += len(chunk)
            *lines, rest = (pending.get(path, b"") + chunk).split(b"\n")
            pending[path] = rest
            for line in lines:
                echo(f"{service.spec.name:<{width}} | {_compact(line.decode(errors='replace'))}")
        await asyncio.sleep(0.25)


def _compact(line: str) -> str:
    """A JSON log record as `LEVEL message`, so the console stays readable; other lines as they are."""
    try:
        record = json.loads(line)
    except ValueError:
        return line
    if not isinstance(record, dict) or "message" not in record:
        return line
    return f"{record.get('level', ''):<7} {record['message']}"
