"""The retention worker: purges expired idempotency keys and uploads no feedback claimed."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from closeloop.db import Database
from intake.attachments import service as attachments
from intake.attachments.storage import ObjectStore
from intake.idempotency import service as idempotency

log = logging.getLogger(__name__)


class RetentionWorker:
    def __init__(
        self, *, database: Database, objects: ObjectStore, interval_seconds: float, orphan_after: timedelta
    ) -> None:
        self.database = database
        self.objects = objects
        self.interval_seconds = interval_seconds
        self.orphan_after = orphan_after
        self._stopping = asyncio.Event()

    async def sweep(self) -> tuple[int, int]:
        """One pass; returns (keys purged, uploads purged)."""
        async with self.database.unit_of_work() as session:
            keys = await idempotency.purge_expired(session=session)
        async with self.database.unit_of_work() as session:
            uploads = await attachments.purge_orphans(
                session=session, objects=self.objects, older_than=self.orphan_after
            )
        return keys, uploads

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                keys, uploads = await self.sweep()
                if keys or uploads:
                    log.info("retention purged %d idempotency keys and %d unclaimed uploads", keys, uploads)
            except Exception as exc:  # the database may be away; try again next round
                log.warning("retention sweep failed: %s", exc)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self.interval_seconds)
            except TimeoutError:
                pass

    def stop(self) -> None:
        self._stopping.set()
