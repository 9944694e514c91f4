"""Scorecards: the KPI figures grouped by assignee or department, ranked by SQS."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.appraisal.schemas import Appraisal, Scorecard
from analytics.kpis.service import Scoring, figures_for
from analytics.rollups.service import Filters

LEVELS = {"assignee": "assignee_id", "department": "department"}


async def appraisal(
    *, session: AsyncSession, start: date, end: date, filters: Filters, level: str, scoring: Scoring
) -> Appraisal:
    per = await figures_for(session=session, start=start, end=end, filters=filters, scoring=scoring,
                            group_by=LEVELS[level])
    ordered = sorted(per.items(), key=lambda kv: (-(kv[1].sqs.value or -1), -kv[1].volume, kv[0]))
    cards = [Scorecard(key=key, rank=i + 1, figures=f) for i, (key, f) in enumerate(ordered) if f.volume or f.breaches]
    return Appraisal(start=start, end=end, level=level, scorecards=cards)  # type: ignore[arg-type]
