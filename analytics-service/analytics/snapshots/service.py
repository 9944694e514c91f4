"""Publishing each finished day's figures once per scope (chain, then every store) through the outbox."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.db import outbox
from analytics.kpis.schemas import Figures, Rate
from analytics.kpis.service import Scoring, figures_for
from analytics.org.models import stores
from analytics.snapshots.models import kpi_snapshots
from closeloop.contracts.kpi import KpiSnapshot


def flatten(figures: Figures) -> dict[str, float | int | None]:
    """The figures as the snapshot event carries them (see KpiSnapshot.figures)."""
    flat: dict[str, Any] = {"volume": figures.volume, "complaints": figures.complaints, "breaches": figures.breaches}
    for name, value in figures:
        if isinstance(value, Rate):
            flat[name] = value.value
            flat[f"{name}_numerator"] = value.numerator
            flat[f"{name}_denominator"] = value.denominator
    flat.update(
        csat_rate=figures.csat.rate, csat_mean=figures.csat.mean, csat_answers=figures.csat.answers,
        nps_score=figures.nps.score, nps_answers=figures.nps.answers,
        avg_first_response_seconds=figures.avg_first_response_seconds,
        avg_resolution_seconds=figures.avg_resolution_seconds, csi=figures.csi.value, sqs=figures.sqs.value,
    )
    return flat


async def publish_day(*, session: AsyncSession, day: date, scoring: Scoring) -> int:
    """Snapshots of ``day`` for the chain and each store not yet published; returns how many were added."""
    scopes: list[tuple[str, dict[str, str], str | None, str | None]] = [("chain", {}, None, None)]
    for row in await session.execute(select(stores.c.store_id, stores.c.region_id).order_by(stores.c.store_id)):
        scopes.append((f"store:{row.store_id}", {"store_id": row.store_id}, row.store_id, row.region_id))
    published = 0
    per_store = await figures_for(session=session, start=day, end=day, filters={}, scoring=scoring, group_by="store_id")
    chain = (await figures_for(session=session, start=day, end=day, filters={}, scoring=scoring)).get("")
    for scope, _, store_id, region_id in scopes:
        claimed = await session.scalar(
            insert(kpi_snapshots).values(day=day, scope=scope).on_conflict_do_nothing().returning(kpi_snapshots.c.day)
        )
        if claimed is None:
            continue
        figures = chain if store_id is None else per_store.get(store_id)
        await outbox.add(session, KpiSnapshot(
            period=day, scope=scope, figures=flatten(figures or scoring.figures({})), computed_at=datetime.now(UTC),
            store_id=store_id, region_id=region_id,
        ))
        published += 1
    return published


async def days_due(*, session: AsyncSession, yesterday: date, backfill_days: int) -> list[date]:
    """Finished days without a chain snapshot, from the last one published (at most backfill_days back)."""
    last = await session.scalar(select(kpi_snapshots.c.day).where(kpi_snapshots.c.scope == "chain")
                                .order_by(kpi_snapshots.c.day.desc()).limit(1))
    first = max(last + timedelta(days=1), yesterday - timedelta(days=backfill_days - 1)) if last else yesterday
    return [first + timedelta(days=i) for i in range((yesterday - first).days + 1)]
