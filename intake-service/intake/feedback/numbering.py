"""Feedback numbers (反饋編號) ``FB-YYYYMMDD-NNNNNN``: in time order, unique per day across replicas."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

NUMBER_PATTERN = re.compile(r"^FB-\d{8}-\d{6,}$")


def numbering_day(at: datetime, zone: ZoneInfo) -> date:
    """The business day a feedback is numbered under: the chain's local date, not UTC's."""
    return at.astimezone(zone).date()


def format_number(day: date, sequence: int) -> str:
    """Six digits, more only past a million items a day so numbers never collide."""
    return f"FB-{day:%Y%m%d}-{sequence:06d}"


async def next_number(*, session: AsyncSession, at: datetime, zone: ZoneInfo) -> str:
    """Take the day's next number from the day's own sequence: unique across replicas and lock-free, so no
    submission waits for another's commit. A rolled-back submission leaves a gap, never a repeat."""
    day = numbering_day(at, zone)
    sequence = await session.scalar(text("SELECT intake.next_feedback_sequence(:day)"), {"day": day})
    assert sequence is not None
    return format_number(day, int(sequence))
