"""Case events → clocks."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent
from closeloop.contracts.case import CaseOpened
from sla.clocks import service


async def on_case_opened(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, CaseOpened)
    await service.start_first_contact(session=session, case=payload)


HANDLERS = {CaseOpened.event_type: on_case_opened}
