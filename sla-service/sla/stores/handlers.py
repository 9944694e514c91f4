"""Org events → sla's read copy of stores and staff."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent
from closeloop.contracts.org import StaffUpserted, StoreUpserted
from sla.stores import service


async def on_store_upserted(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, StoreUpserted)
    await service.upsert_store(session=session, store=payload)


async def on_staff_upserted(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, StaffUpserted)
    await service.upsert_staff(session=session, staff=payload)


HANDLERS = {StoreUpserted.event_type: on_store_upserted, StaffUpserted.event_type: on_staff_upserted}
