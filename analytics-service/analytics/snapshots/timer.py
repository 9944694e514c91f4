"""The worker that wakes now and then and publishes the snapshots of days that have ended."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from analytics.kpis.query import scoring_from
from analytics.settings import Settings
from analytics.snapshots import service
from closeloop.db import Database

log = logging.getLogger(__name__)


class SnapshotTimer:
    def __init__(self, *, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self._stopping = asyncio.Event()

    async def tick(self, now: datetime | None = None) -> int:
        """Publish every finished day not yet published; one unit of work per day."""
        now = now or datetime.now(ZoneInfo(self.settings.default_timezone))
        yesterday = now.astimezone(ZoneInfo(self.settings.default_timezone)).date() - timedelta(days=1)
        scoring = scoring_from(self.settings)
        async with self.database.unit_of_work() as session:
            days = await service.days_due(session=session, yesterday=yesterday, backfill_days=7)
        total = 0
        for day in days:
            async with self.database.unit_of_work() as session:
                total += await service.publish_day(session=session, day=day, scoring=scoring)
        return total

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.tick()
            except Exception as exc:  # database away: try again next time
                log.warning("kpi snapshot failed: %s", exc)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self.settings.snapshot_poll_seconds)
            except TimeoutError:
                pass

    def stop(self) -> None:
        self._stopping.set()
