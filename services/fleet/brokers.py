"""Which Kafka-compatible broker the fleet starts locally, and what every broker offers its callers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol, runtime_checkable

from fleet.environment import FleetEnvironment
from fleet.kafka import KafkaBroker
from fleet.tansu import TansuBroker

BROKER_CHOICES = ("kafka", "tansu")


@runtime_checkable
class Broker(Protocol):
    """A broker the fleet controls: tests stop and start it to prove consumers and relays recover."""

    name: str
    port: int
    supports_transactions: bool
    supports_idempotent_producer: bool
    keeps_data_on_restart: bool

    @property
    def bootstrap_servers(self) -> str: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class ExternalBroker:
    """A broker someone else runs (KAFKA_BOOTSTRAP_SERVERS): usable, but not ours to stop or start."""

    name = "external"
    supports_transactions = True
    supports_idempotent_producer = True
    keeps_data_on_restart = True

    def __init__(self, bootstrap_servers: str) -> None:
        self._bootstrap_servers = bootstrap_servers
        self.port = int(bootstrap_servers.split(",")[0].rpartition(":")[2])

    @property
    def bootstrap_servers(self) -> str:
        return self._bootstrap_servers

    async def start(self) -> None:
        raise RuntimeError(
            f"the broker at {self._bootstrap_servers} comes from KAFKA_BOOTSTRAP_SERVERS and is not "
            "controlled by the fleet; unset it to run tests that stop and start the broker"
        )

    async def stop(self) -> None:
        await self.start()


def java_toolchain_available() -> bool:
    return shutil.which("java") is not None and shutil.which("mvn") is not None


def choose_broker(data_dir: Path, port: int | None = None, *, preference: str | None = None) -> Broker:
    """Apache Kafka when Java and Maven are here, else Tansu; CLOSELOOP_BROKER=kafka|tansu decides outright."""
    choice = preference if preference is not None else FleetEnvironment.from_environ().broker_preference
    if choice not in (None, *BROKER_CHOICES):
        raise ValueError(f"CLOSELOOP_BROKER must be one of {', '.join(BROKER_CHOICES)}, not {choice!r}")
    if choice is None:
        choice = "kafka" if java_toolchain_available() else "tansu"
    if choice == "kafka":
        return KafkaBroker(data_dir, port)
    return TansuBroker(data_dir, port)
