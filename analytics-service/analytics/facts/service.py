"""Recording case facts and counting them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.models import CaseFact
from closeloop.contracts.case import CaseOpened


async def record_opened(*, session: AsyncSession, case: CaseOpened) -> None:
    await session.execute(
        insert(CaseFact)
        .values(
            case_id=case.case_id, store_id=case.store_id, channel=case.channel, category=case.category,
            urgency=case.urgency, kind=case.kind, opened_at=case.occurred_at,
        )
        .on_conflict_do_nothing()
    )


async def volume(*, session: AsyncSession, start: datetime | None, end: datetime | None, store_id: str | None) -> int:
    query = select(func.count()).select_from(CaseFact)
    if start:
        query = query.where(CaseFact.opened_at >= start)
    if end:
        query = query.where(CaseFact.opened_at < end)
    if store_id:
        query = query.where(CaseFact.store_id == store_id)
    return int(await session.scalar(query) or 0)
