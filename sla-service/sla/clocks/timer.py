"""The clock timer: fires warnings, breaches and escalations within a second of their time, without scanning.

Each pass claims the earliest due clocks through the partial index on ``fire_at`` with
``FOR UPDATE SKIP LOCKED``: replicas running side by side take disjoint clocks, and a clock is moved
to its next ``fire_at`` in the same transaction that records what fired, so nothing fires twice.
Between passes the timer sleeps until the next ``fire_at`` (at least a tick, at most
``timer_idle_seconds``), and a NOTIFY from a transaction that started or resumed a clock wakes it early.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import func, select

from closeloop.db import Database
from sla.cases.models import TrackedCase
from sla.clocks import service
from sla.clocks.models import Clock
from sla.deliveries.service import batched

log = logging.getLogger(__name__)
FIRED = Counter("closeloop_sla_timer_fired_total", "Clocks the timer visited")
LAG = Histogram(
    "closeloop_sla_timer_lag_seconds", "From a clock's fire_at to the timer's visit",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60),
)

RUNNING = Gauge("closeloop_sla_clocks_running", "Open clocks (running or paused) in the database, by metric", ["clock"])
_GAUGE_SECONDS = 60.0


class ClockTimer:
    def __init__(
        self, *, database: Database, batch_size: int = 200, idle_seconds: float = 1.0, tick_seconds: float = 0.05
    ) -> None:
        self.database = database
        self.batch_size = batch_size
        self.idle_seconds = idle_seconds
        self.tick_seconds = tick_seconds
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def run(self) -> None:
        listener = None
        counted_at = 0.0
        while not self._stopping.is_set():
            try:
                if listener is None:
                    listener = await self._listen()
                if time.monotonic() - counted_at > _GAUGE_SECONDS:
                    await self._count_open()
                    counted_at = time.monotonic()
                fired = await self.fire_due()
                if fired >= self.batch_size:
                    continue
                # clocks falling due every few milliseconds are taken a tick's worth at a time
                await self._sleep(max(await self._seconds_to_next(), self.tick_seconds))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # database away: wait and try again
                log.warning("clock timer retrying after error: %s", exc)
                if listener is not None:
                    await _close(listener)
                    listener = None
                await self._sleep(self.idle_seconds)
        if listener is not None:
            await _close(listener)

    async def fire_due(self, now: datetime | None = None) -> int:
        """One pass: claim up to a batch of due clocks, act on each, commit; returns how many were claimed."""
        async with self.database.unit_of_work() as session:
            now = now or datetime.now(UTC)
            clocks = (
                await session.scalars(
                    select(Clock)
                    .where(Clock.fire_at <= now)
                    .order_by(Clock.fire_at)
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            # one query for the cases of the whole batch, none per clock: pending changes then flush as one batch
            cases = {
                c.case_id: c
                for c in (await session.scalars(select(TrackedCase).where(TrackedCase.case_id.in_({c.case_id for c in clocks})))).all()
            } if clocks else {}
            # the pass reads only stores, staff and ladders, which it never changes: no flush per query
            with session.no_autoflush:
                async with batched(session):
                    for clock in clocks:
                        assert clock.fire_at is not None
                        LAG.observe(max((now - clock.fire_at).total_seconds(), 0.0))
                        await service.fire(session=session, clock=clock, now=now, case=cases.get(clock.case_id))
        FIRED.inc(len(clocks))
        return len(clocks)

    async def _count_open(self) -> None:
        """Every replica reports the same database-wide figure: dashboards take the max across replicas."""
        async with self.database.sessions() as session:
            rows = (
                await session.execute(
                    select(Clock.metric, func.count()).where(Clock.status.in_(("running", "paused"))).group_by(Clock.metric)
                )
            ).all()
        RUNNING.clear()
        for metric, count in rows:
            RUNNING.labels(metric).set(count)

    async def _seconds_to_next(self) -> float:
        async with self.database.sessions() as session:
            earliest = await session.scalar(select(func.min(Clock.fire_at)).where(Clock.fire_at.is_not(None)))
        if earliest is None:
            return self.idle_seconds
        return min(max((earliest - datetime.now(UTC)).total_seconds(), 0.0), self.idle_seconds)

    async def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=seconds)
            except TimeoutError:
                pass
        self._wake.clear()

    async def _listen(self):  # type: ignore[no-untyped-def]
        conn = await self.database.engine.connect()
        raw = await conn.get_raw_connection()
        await raw.driver_connection.add_listener(service.TIMER_CHANNEL, lambda *_: self._wake.set())
        return conn


async def _close(conn) -> None:  # type: ignore[no-untyped-def]
    try:
        await conn.close()
    except Exception:  # the connection may be gone with the database
        pass
