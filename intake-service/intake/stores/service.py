"""Keeping intake's copy of the stores current, and judging whether a store id is real."""

from __future__ import annotations

import logging
import time

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


class KnownStores:
    """A replica's memory of stores it has already confirmed, so the hot path skips the lookup.

    Only positive answers are remembered (a store that just arrived on the org topic is accepted at
    once); stores are never deleted, only deactivated, so a remembered store stays valid.
    """

    def __init__(self, *, ttl_seconds: float = 300.0, empty_ttl_seconds: float = 5.0) -> None:
        self.ttl_seconds = ttl_seconds
        self.empty_ttl_seconds = empty_ttl_seconds
        self._known: dict[str, float] = {}
        self._empty_until = 0.0
        self._warned = False

    def knows(self, store_id: str) -> bool:
        now = time.monotonic()
        return self._known.get(store_id, 0.0) > now or self._empty_until > now

    def remember(self, store_id: str) -> None:
        self._known[store_id] = time.monotonic() + self.ttl_seconds

    def remember_empty(self) -> None:
        self._empty_until = time.monotonic() + self.empty_ttl_seconds
        if not self._warned:
            log.warning("intake's store copy is empty; accepting feedback for stores it cannot verify yet")
            self._warned = True


async def ensure_known(*, session: AsyncSession, store_id: str, known: KnownStores) -> None:
    """Reject feedback for a store the organisation does not have.

    Until intake has heard of any store at all (a fresh system whose org events are still on their
    way) it cannot tell, and accepts rather than turn a customer away.
    """
    if known.knows(store_id):
        return
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
        known.remember(store_id)
        return
    if not any_known:
        known.remember_empty()
        return
    raise invalid_field("store_id", "unknown store", type_="unknown_store")
