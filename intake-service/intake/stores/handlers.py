"""Org events → intake's copy of the stores."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent
from closeloop.contracts.org import StoreUpserted
from intake.stores import service


async def on_store_upserted(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, StoreUpserted)
    await service.upsert(session=session, store=payload)


HANDLERS = {StoreUpserted.event_type: on_store_upserted}
