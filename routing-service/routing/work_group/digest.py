"""The supervisor's progress-and-figures digest: once a day per store, posted to the work group.

The timer looks every ``digest_check_seconds``; once a store's local clock passes ``digest_local_time``
it queues that day's digest under the key ``digest:<store>:<day>``, so replicas and restarts post it once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.db import Database
from routing.cases.models import Case
from routing.cases.states import OPEN_STATUSES
from routing.org.models import Store
from routing.outbound.models import OutboundMessage
from routing.outbound.service import queue
from routing.replies.service import figures_notice
from routing.settings import Settings

log = logging.getLogger(__name__)


async def figures(*, session: AsyncSession, store: Store, since: datetime, until: datetime) -> dict[str, object]:
    """The day's movement and what is still open, counted from routing's own cases."""
    def between(column):  # type: ignore[no-untyped-def]
        return select(func.count()).select_from(Case).where(Case.store_id == store.id, column >= since, column < until)

    open_now = select(Case.urgency, Case.breached, func.count()).where(
        Case.store_id == store.id, Case.status.in_(OPEN_STATUSES)).group_by(Case.urgency, Case.breached)
    rows = (await session.execute(open_now)).all()
    return {
        "store_name": store.name, "day": since.astimezone(ZoneInfo(store.timezone)).date().isoformat(),
        "opened": await session.scalar(between(Case.opened_at)) or 0,
        "resolved": await session.scalar(between(Case.resolved_at)) or 0,
        "closed": await session.scalar(between(Case.closed_at)) or 0,
        "open_cases": sum(n for _, _, n in rows),
        "urgent_open": sum(n for u, _, n in rows if u == "urgent"),
        "important_open": sum(n for u, _, n in rows if u == "important"),
        "breached_open": sum(n for _, b, n in rows if b),
    }


async def post_digest(
    *, session: AsyncSession, store: Store, settings: Settings, now: datetime, scheduled: bool
) -> OutboundMessage | None:
    """Queue the store's digest of its local day so far; a scheduled one goes out once per day."""
    zone = ZoneInfo(store.timezone)
    local_midnight = datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)
    values = await figures(session=session, store=store, since=local_midnight, until=now)
    wording = await figures_notice(session=session, values=values, language=settings.work_group_language)
    return await queue(
        session=session, settings=settings, audience="work_group", purpose="digest",
        channel=settings.work_group_channel, recipient=f"group:{settings.work_group_id}", body=wording.text,
        language=wording.language, template_ids=wording.template_ids,
        dedupe_key=f"digest:{store.id}:{values['day']}" if scheduled else None,
    )


def due_today(store: Store, *, at: str, now: datetime) -> bool:
    hour, minute = (int(part) for part in at.split(":"))
    local = now.astimezone(ZoneInfo(store.timezone))
    return local.time() >= time(hour, minute)


class DigestTimer:
    """Posts each store's daily digest once its local digest time has passed."""

    def __init__(self, *, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.post_due(datetime.now(UTC))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("digest timer retrying after error: %s", type(exc).__name__)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self.settings.digest_check_seconds)
            except TimeoutError:
                pass

    async def post_due(self, now: datetime) -> int:
        posted = 0
        async with self.database.unit_of_work() as session:
            for store in (await session.scalars(select(Store).where(Store.active.is_(True)))).all():
                if not due_today(store, at=self.settings.digest_local_time, now=now):
                    continue
                day = now.astimezone(ZoneInfo(store.timezone)).date().isoformat()
                if await session.scalar(select(OutboundMessage.id).where(
                        OutboundMessage.dedupe_key == f"digest:{store.id}:{day}")) is not None:
                    continue
                if await post_digest(session=session, store=store, settings=self.settings, now=now, scheduled=True):
                    posted += 1
        return posted


