"""Case numbers staff quote on the phone: ``CS-YYYYMMDD-NNNNNN``, per day in the chain's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from routing.cases.models import CaseCounter


async def next_number(*, session: AsyncSession, at: datetime, timezone: str) -> str:
    """The day's counter row serialises replicas, so numbers never repeat."""
    day = at.astimezone(ZoneInfo(timezone)).date()
    stmt = (
        insert(CaseCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=[CaseCounter.day], set_={"last": CaseCounter.last + 1})
        .returning(CaseCounter.last)
    )
    last = (await session.execute(stmt)).scalar_one()
    return f"CS-{day:%Y%m%d}-{last:06d}"
