"""Keeping intake's copy of the stores current, and judging whether a store id is real."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.org import StoreUpserted
from intake.admission.errors import invalid_field
from intake.stores.models import Store

log = logging.getLogger(__name__)


async def upsert(*, session: AsyncSession, store: StoreUpserted) -> None:
    """Apply routing's latest word on a store; an older event arriving late never overwrites a newer one."""
    values = {
        "store_id": store.store_id, "name": store.name, "region_id": store.region_id,
        "timezone": store.timezone, "active": store.active, "updated_at": store.updated_at,
    }
    stmt = insert(Store).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Store.store_id],
        set_={k: stmt.excluded[k] for k in values if k != "store_id"},
        where=Store.updated_at <= stmt.excluded.updated_at,
    )
    await session.execute(stmt)


async def ensure_known(*, session: AsyncSession, store_id: str) -> None:
    """Reject feedback for a store the organisation does not have.

    Until intake has heard of any store at all (a fresh system whose org events are still on their
    way) it cannot tell, and accepts rather than turn a customer away.
    """
    row = (
        await session.execute(
            select(
                select(Store.store_id).where(Store.store_id == store_id).exists(),
                select(Store.store_id).limit(1).exists(),
            )
        )
    ).one()
    is_known, any_known = bool(row[0]), bool(row[1])
    if is_known:
        return
    if not any_known:
        log.warning("store copy is empty; accepting feedback for an unverified store")
        return
    raise invalid_field("store_id", "unknown store", type_="unknown_store")
