"""Answering a KPI question from the rollups: totals, breakdowns and a series, never a scan of the facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.kpis.figures import figures
from analytics.kpis.periods import periods
from analytics.kpis.schemas import Figures, Kpis, PeriodFigures
from analytics.rollups import service as rollups
from analytics.rollups.grains import CASES
from analytics.rollups.service import Filters

BREAKDOWNS = ("category", "urgency", "channel", "kind")


@dataclass(frozen=True)
class Scoring:
    """Targets and composite weights (from Settings, optionally overridden per request)."""

    targets: Mapping[str, float] = field(default_factory=dict)
    csi_weights: Mapping[str, float] = field(default_factory=dict)
    sqs_weights: Mapping[str, float] = field(default_factory=dict)

    def figures(self, sums: Mapping[str, int]) -> Figures:
        return figures(sums, targets=self.targets, csi_weights=self.csi_weights, sqs_weights=self.sqs_weights)


async def kpis(
    *, session: AsyncSession, start: date, end: date, filters: Filters, granularity: str | None, scoring: Scoring
) -> Kpis:
    """Figures for [start, end] under the filters, their breakdowns and (with a granularity) their series."""
    series = None
    if granularity:
        daily = await rollups.sums(session=session, family=CASES, start=start, end=end, filters=filters, by_day=True)
        buckets: dict[tuple[date, date], dict[str, int]] = {p: defaultdict(int) for p in periods(start, end, granularity)}
        bounds = sorted(buckets)
        totals: dict[str, int] = defaultdict(int)
        for row in daily:
            day = row.pop("day")
            bucket = next(buckets[b] for b in bounds if b[0] <= day <= b[1])
            for name, amount in row.items():
                bucket[name] += amount
                totals[name] += amount
        series = [
            PeriodFigures(start=b[0], end=b[1], **scoring.figures(buckets[b]).model_dump()) for b in bounds
        ]
    else:
        rows = await rollups.sums(session=session, family=CASES, start=start, end=end, filters=filters)
        totals = rows[0] if rows else {}
    found = await rollups.breakdowns(
        session=session, family=CASES, start=start, end=end, filters=filters, dims=BREAKDOWNS, measure="opened"
    )
    breakdowns = {f"by_{dim}": values for dim, values in found.items()}
    return Kpis(
        start=start, end=end, filters=dict(filters), granularity=granularity, series=series,
        **breakdowns, **scoring.figures(totals).model_dump(),
    )


async def figures_for(
    *, session: AsyncSession, start: date, end: date, filters: Filters, scoring: Scoring, group_by: str | None = None
) -> dict[str, Figures]:
    """Figures per value of one dimension (or for the whole filter under the key '')."""
    rows = await rollups.sums(
        session=session, family=CASES, start=start, end=end, filters=filters, group_by=[group_by] if group_by else []
    )
    return {(r.pop(group_by) if group_by else ""): scoring.figures(r) for r in rows}
