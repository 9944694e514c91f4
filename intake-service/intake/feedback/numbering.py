"""Feedback numbers (反饋編號) ``FB-YYYYMMDD-NNNNNN``: in time order, unique per day across replicas."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.feedback.models import DailyCounter

NUMBER_PATTERN = re.compile(r"^FB-\d{8}-\d{6,}$")


def numbering_day(at: datetime, zone: ZoneInfo) -> date:
    """The business day a feedback is numbered under: the chain's local date, not UTC's."""
    return at.astimezone(zone).date()


def format_number(day: date, sequence: int) -> str:
    """Six digits, more only past a million items a day so numbers never collide."""
    return f"FB-{day:%Y%m%d}-{sequence:06d}"


async def next_number(*, session: AsyncSession, at: datetime, zone: ZoneInfo) -> str:
    """Take the day's next number; the counter row stays locked until the caller commits, which
    serialises replicas, so callers take it as late in their transaction as they can."""
    day = numbering_day(at, zone)
    stmt = (
        insert(DailyCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=[DailyCounter.day], set_={"last": DailyCounter.last + 1})
        .returning(DailyCounter.last)
    )
    sequence = (await session.execute(stmt)).scalar_one()
    return format_number(day, sequence)
