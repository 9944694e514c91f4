"""Waiting for something to become true, with a deadline instead of a fixed sleep."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """Raised when a polled condition did not hold before its deadline."""


async def poll_until(
    check: Callable[[], Awaitable[T | None]],
    *,
    timeout: float,
    interval: float = 0.1,
    what: str = "condition",
    fatal: tuple[type[BaseException], ...] = (),
) -> T:
    """Await `check()` until it returns something truthy; the last exception is kept as the cause.

    A check that raises counts as "not yet", so callers can poll things that fail while starting;
    exceptions of a `fatal` type end the wait at once (a server that exited will not become ready).
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = await check()
        except fatal:
            raise
        except Exception as exc:  # noqa: BLE001 - any other failure means "not ready yet"
            last_error = exc
        else:
            if result:
                return result
        if time.monotonic() >= deadline:
            raise DeadlineExceeded(f"{what} not reached within {timeout:.1f} s") from last_error
        await asyncio.sleep(interval)
