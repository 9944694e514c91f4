"""Long-running children of the fleet (brokers, services): launched, watched and stopped the same way."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import datetime as dt
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import psutil

_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _die_with_parent() -> None:
    """Ask Linux to SIGTERM the child when its parent thread dies, so a killed supervisor leaves no orphans."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class ChildProcess:
    """One child process whose output goes to a log file.

    It runs in its own session so a Ctrl-C in the terminal reaches only the supervisor, which then stops
    the children in order (services, broker, database). Launch it from the thread that will outlive it
    (the event loop's thread): Linux ties the parent-death signal to that thread.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        name: str,
        log_path: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.argv = [str(arg) for arg in argv]
        self.name = name
        self.log_path = log_path
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self._popen: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    def launch(self) -> None:
        if self.running:
            raise RuntimeError(f"{self.name} is already running (pid {self.pid})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._log_offset = log.tell()
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            log.write(f"--- {stamp} starting {self.name}: {' '.join(self.argv)}\n".encode())
            log.flush()
            self._popen = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.cwd,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen else None

    @property
    def running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self._popen.poll() if self._popen else None

    async def wait(self, *, timeout: float) -> int | None:
        """The exit code, or None if it is still running after `timeout` seconds."""
        if self._popen is None:
            return None
        deadline = time.monotonic() + timeout
        while (code := self._popen.poll()) is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return code

    async def stop(self, *, grace: float = 15.0) -> int | None:
        """SIGTERM, then SIGKILL if it has not exited after `grace` seconds; returns the exit code."""
        if self._popen is None or self._popen.poll() is not None:
            return self.returncode
        self._popen.send_signal(signal.SIGTERM)
        code = await self.wait(timeout=grace)
        if code is None:
            self._popen.kill()
            code = await self.wait(timeout=5)
        return code

    def log_tail(self, *, lines: int = 40) -> str:
        """The end of what this launch wrote, for error messages."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(self._log_offset)
                text = log.read().decode(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def stop_stale_process(pid_file: Path, *, marker: str, grace: float = 15.0) -> None:
    """Stop a process left running by an earlier supervisor that was killed, if `pid_file` names one.

    `marker` must appear in its command line, so a recycled pid never gets an unrelated process killed.
    Two brokers on one Kafka log dir corrupt it, which is why this runs before every start.
    """
    try:
        pid = int(pid_file.read_text().strip())
        process = psutil.Process(pid)
        if not any(marker in part for part in process.cmdline()):
            return
    except (OSError, ValueError, psutil.Error):
        return
    process.terminate()
    try:
        process.wait(grace)
    except psutil.TimeoutExpired:
        process.kill()
        process.wait(5)


def write_pid_file(pid_file: Path, pid: int | None) -> None:
    if pid is not None:
        pid_file.write_text(f"{pid}\n")


def remove_pid_file(pid_file: Path) -> None:
    pid_file.unlink(missing_ok=True)
