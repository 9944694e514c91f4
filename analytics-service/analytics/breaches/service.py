"""Breach counts from the breach rollups; currently-breached cases from the facts (a partial index keeps it small)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.breaches.schemas import BreachCounts, BreachedCase, BreachedCases
from analytics.facts.models import case_facts
from analytics.rollups import service as rollups
from analytics.rollups.grains import BREACHES
from analytics.rollups.service import Filters


async def breach_counts(*, session: AsyncSession, start: date, end: date, filters: Filters) -> BreachCounts:
    by: dict[str, dict[str, int]] = {}
    for dim in ("clock", "department", "store_id"):
        rows = await rollups.sums(session=session, family=BREACHES, start=start, end=end, filters=filters,
                                  group_by=[dim], order_by="breaches")
        by[dim] = {r[dim]: r["breaches"] for r in rows if r["breaches"]}
    return BreachCounts(start=start, end=end, total=sum(by["clock"].values()), by_clock=by["clock"],
                        by_department=by["department"], by_store=by["store_id"])


_FACT_FILTERS = {"store_id", "region_id", "department", "category", "urgency", "channel", "kind", "assignee_id"}


async def breached_cases(*, session: AsyncSession, filters: Filters, limit: int) -> BreachedCases:
    query = select(case_facts).where(case_facts.c.breached_open)
    for dim, wanted in filters.items():
        if dim in _FACT_FILTERS:
            column = case_facts.c[dim]
            query = query.where(column == wanted if isinstance(wanted, str) else column.in_(list(wanted)))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = (await session.execute(query.order_by(case_facts.c.opened_at).limit(limit))).mappings()
    items = []
    for row in rows:
        late = [c for c in row["clocks"].values() if c.get("breached_at") and not c.get("stopped_at")]
        items.append(BreachedCase(
            **{k: row[k] for k in ("case_id", "store_id", "department", "assignee_id", "category", "urgency", "opened_at")},
            breached_clocks=sorted({c.get("clock", "") for c in late}),
            first_breached_at=min((datetime.fromisoformat(c["breached_at"]) for c in late), default=None),
        ))
    return BreachedCases(total=total or 0, items=items)
