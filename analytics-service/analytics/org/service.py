"""Keeping the read copy of stores and placing each case in its store's region and time zone."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts.state import CaseState
from analytics.org.models import stores as stores_table
from closeloop.contracts.org import StoreUpserted

Stores = dict[str, StoreUpserted]


async def load_stores(*, session: AsyncSession) -> Stores:
    """The stores, share-locked: a batch placing cases waits for a store change in flight, and the change
    (which re-buckets the store's cases) waits for batches already placing cases with the old values."""
    rows = (await session.execute(select(stores_table).with_for_update(read=True))).mappings()
    return {r["store_id"]: StoreUpserted(**dict(r)) for r in rows}


def fold_store_events(stores: Stores, events: Iterable[StoreUpserted]) -> tuple[set[str], set[str]]:
    """Apply store events newest-wins; returns the stores that changed and those whose region or time zone
    moved (their cases move to other rollup rows)."""
    changed: set[str] = set()
    moved: set[str] = set()
    for event in events:
        current = stores.get(event.store_id)
        if current is not None and current.updated_at > event.updated_at:
            continue
        if current is None or (current.timezone, current.region_id) != (event.timezone, event.region_id):
            moved.add(event.store_id)
        changed.add(event.store_id)
        stores[event.store_id] = event
    return changed, moved


async def save_stores(*, session: AsyncSession, stores: Stores) -> None:
    for store in sorted(stores.values(), key=lambda s: s.store_id):
        values = store.model_dump(include={"store_id", "name", "region_id", "timezone", "active", "updated_at"})
        stmt = insert(stores_table).values(**values)
        await session.execute(stmt.on_conflict_do_update(index_elements=["store_id"], set_=values))


def place(state: CaseState, store: StoreUpserted | None) -> None:
    """A case's figures follow its store's time zone and region once the store is known."""
    if store is None:
        return
    state.timezone = store.timezone
    if store.region_id:
        state.region_id = store.region_id
