"""Reference data sla starts with: the store's rules as policies, default calendars and ladders.

Idempotent: a policy, calendar or ladder that already exists (perhaps edited since) is left alone.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.db import Database
from sla.calendars.models import Calendar
from sla.calendars.schemas import CalendarIn
from sla.calendars.service import create_calendar
from sla.escalations.models import Ladder
from sla.escalations.schemas import LadderIn
from sla.escalations.service import create_ladder
from sla.models import load_models
from sla.policies.defaults import DEFAULT_CALENDARS, DEFAULT_LADDERS, default_policies
from sla.policies.models import Policy
from sla.policies.schemas import PolicyIn
from sla.policies.service import create_policy
from sla.settings import Settings


async def seed_defaults(*, session: AsyncSession) -> list[str]:
    """Add whatever default is missing; returns what was added."""
    added: list[str] = []
    for calendar_id, calendar in DEFAULT_CALENDARS.items():
        if await session.get(Calendar, calendar_id) is None:
            await create_calendar(session=session, calendar_id=calendar_id, calendar=CalendarIn.model_validate(calendar))
            added.append(f"calendar {calendar_id}")
    for ladder_id, ladder in DEFAULT_LADDERS.items():
        if await session.get(Ladder, ladder_id) is None:
            await create_ladder(session=session, ladder_id=ladder_id, ladder=LadderIn.model_validate(ladder))
            added.append(f"ladder {ladder_id}")
    for key, policy in default_policies().items():
        if await session.scalar(select(Policy.id).where(Policy.key == key).limit(1)) is None:
            await create_policy(session=session, key=key, policy=PolicyIn.model_validate(policy), by="seed")
            added.append(f"policy {key}")
    return added


async def seed(settings: Settings) -> None:
    load_models()
    database = Database(settings.database_url, pool_size=1, application_name="sla-seed")
    try:
        async with database.unit_of_work() as session:
            await seed_defaults(session=session)
    finally:
        await database.dispose()
