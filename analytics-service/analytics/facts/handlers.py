"""Case events → facts."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts import service
from closeloop.contracts import CloudEvent
from closeloop.contracts.case import CaseOpened


async def on_case_opened(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, CaseOpened)
    await service.record_opened(session=session, case=payload)


HANDLERS = {CaseOpened.event_type: on_case_opened}
