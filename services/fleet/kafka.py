"""A single-node Apache Kafka 4.x broker in KRaft mode, run from Maven Central jars on the local Java 17.

The recipe and its measurements are in docs/kafka-local.md: combined broker+controller with a static
quorum, topics never auto-created, small internal topics and cleaner buffer so it starts in ~2 s.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import subprocess
import uuid
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient

from fleet.deadlines import DeadlineExceeded, poll_until
from fleet.environment import FleetEnvironment
from fleet.ports import LOOPBACK, free_port, port_accepts
from fleet.processes import ChildProcess, remove_pid_file, stop_stale_process, write_pid_file

KAFKA_VERSION = "4.4.0"
LOG4J_VERSION = "2.25.5"
_MAIN_CLASS = "kafka.Kafka"
_STORAGE_TOOL = "kafka.tools.StorageTool"

_POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>closeloop.local</groupId><artifactId>kafka-jars</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>{KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId>
      <version>{LOG4J_VERSION}</version><scope>runtime</scope></dependency>
  </dependencies></project>
"""

_LOG4J2 = """status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
"""


class KafkaError(RuntimeError):
    """The broker could not be resolved, formatted or started; the message carries its log."""


def default_jars_dir() -> Path:
    return FleetEnvironment.from_environ().cache_dir / f"kafka-{KAFKA_VERSION}" / "lib"


def resolve_jars(jars_dir: Path) -> Path:
    """Download Kafka's runtime jars into `jars_dir` with Maven, once; later calls reuse them.

    Maven writes into a sibling folder that is renamed into place, so a run that is interrupted or
    races another one never leaves a half-filled `lib`.
    """
    if any(jars_dir.glob("kafka_2.13-*.jar")):
        return jars_dir
    home = jars_dir.parent
    home.mkdir(parents=True, exist_ok=True)
    staging = home / f"lib.{os.getpid()}.partial"
    pom = home / f"pom.{os.getpid()}.xml"
    pom.write_text(_POM)
    try:
        result = subprocess.run(
            [
                "mvn", "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
                f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise KafkaError(f"mvn could not resolve Kafka {KAFKA_VERSION}:\n{result.stdout}\n{result.stderr}")
        try:
            staging.rename(jars_dir)
        except OSError:
            if not any(jars_dir.glob("kafka_2.13-*.jar")):
                raise
    finally:
        pom.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return jars_dir


def new_cluster_id() -> str:
    """A KRaft cluster id made in Python, which saves the JVM start of `StorageTool random-uuid`."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        if not cluster_id.startswith("-"):
            return cluster_id


class KafkaBroker:
    """Apache Kafka on 127.0.0.1:`port`, its logs in `data_dir`; stop() and start() keep topics and data.

    Restarts reuse the same ports, so clients configured with `bootstrap_servers` reconnect by themselves.
    """

    name = "kafka"
    supports_transactions = True
    supports_idempotent_producer = True
    keeps_data_on_restart = True

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        *,
        controller_port: int | None = None,
        jars_dir: Path | None = None,
        max_heap: str = "256m",
        ready_timeout: float = 90.0,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.port = port or free_port()
        self.controller_port = controller_port or free_port()
        self.jars_dir = jars_dir or default_jars_dir()
        self.max_heap = max_heap
        self.ready_timeout = ready_timeout
        self._process: ChildProcess | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.running

    @property
    def log_path(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def _properties_path(self) -> Path:
        return self.data_dir / "server.properties"

    @property
    def _log4j_path(self) -> Path:
        return self.data_dir / "log4j2.properties"

    @property
    def _log_dirs(self) -> Path:
        return self.data_dir / "log"

    @property
    def _pid_file(self) -> Path:
        return self.data_dir / "broker.pid"

    async def start(self) -> None:
        """Resolve jars and format on first use, launch the JVM, and return once clients can use it."""
        if self.running:
            return
        await asyncio.to_thread(self._prepare)
        self._process = ChildProcess(
            [
                "java", f"-Xmx{self.max_heap}", "-XX:TieredStopAtLevel=1", *self._java_options(),
                "-cp", f"{self.jars_dir}/*", _MAIN_CLASS, str(self._properties_path),
            ],
            name="kafka",
            log_path=self.log_path,
            cwd=self.data_dir,
        )
        self._process.launch()
        write_pid_file(self._pid_file, self._process.pid)
        try:
            await self._wait_until_ready()
        except BaseException:
            await self.stop()
            raise

    async def stop(self, *, grace: float = 30.0) -> None:
        """SIGTERM, so the broker shuts down cleanly and restarts fast; SIGKILL only after `grace` seconds."""
        if self._process is not None:
            await self._process.stop(grace=grace)
            self._process = None
        remove_pid_file(self._pid_file)

    def _prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        stop_stale_process(self._pid_file, marker=str(self._properties_path))
        resolve_jars(self.jars_dir)
        self._properties_path.write_text(self._server_properties())
        self._log4j_path.write_text(_LOG4J2)
        if not (self._log_dirs / "meta.properties").exists():
            self._format()

    def _format(self) -> None:
        result = subprocess.run(
            [
                "java", *self._java_options(), "-cp", f"{self.jars_dir}/*", _STORAGE_TOOL,
                "format", "-t", new_cluster_id(), "-c", str(self._properties_path),
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise KafkaError(f"formatting {self._log_dirs} failed:\n{result.stdout}\n{result.stderr}")

    def _java_options(self) -> list[str]:
        return [f"-Dlog4j2.configurationFile={self._log4j_path}", "-Dlog4j2.shutdownHookEnabled=false"]

    def _server_properties(self) -> str:
        settings = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@{LOOPBACK}:{self.controller_port}",
            "listeners": f"PLAINTEXT://{LOOPBACK}:{self.port},CONTROLLER://{LOOPBACK}:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://{LOOPBACK}:{self.port}",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "log.dirs": str(self._log_dirs),
            "num.partitions": "1",
            "auto.create.topics.enable": "false",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "1",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            "log.cleaner.dedupe.buffer.size": str(8 * 1024 * 1024),
        }
        return "".join(f"{key}={value}\n" for key, value in settings.items())

    async def _wait_until_ready(self) -> None:
        async def ready() -> bool:
            if self._process is None or not self._process.running:
                raise KafkaError(
                    f"Kafka exited with code {self._process.returncode if self._process else None}:\n"
                    f"{self._process.log_tail() if self._process else ''}"
                )
            if not await port_accepts(self.port):
                return False
            return await broker_answers(self.bootstrap_servers)

        try:
            await poll_until(ready, timeout=self.ready_timeout, interval=0.2, what="Kafka ready", fatal=(KafkaError,))
        except DeadlineExceeded as exc:
            tail = self._process.log_tail() if self._process else ""
            raise KafkaError(f"Kafka on {self.bootstrap_servers} not ready:\n{tail}") from exc


async def broker_answers(bootstrap_servers: str, *, check_groups: bool = True) -> bool:
    """True once the broker lists itself and (with `check_groups`) its group coordinator answers."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    try:
        await admin.start()
        cluster = await admin.describe_cluster()
        if not cluster.get("brokers"):
            return False
        if check_groups:
            await admin.list_consumer_group_offsets("closeloop-readiness")
        return True
    finally:
        await admin.close()
