"""Keeping initiatives and judging them: their scope's figures before and after they started."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.initiatives.models import initiatives
from analytics.initiatives.schemas import Comparison, Initiative, InitiativeIn, InitiativeWithFigures
from analytics.kpis.schemas import Figures, Rate
from analytics.kpis.service import Scoring, figures_for
from closeloop.problems import NotFound

SCOPE_DIMENSIONS = {"region": "region_id", "assignee": "assignee_id"}
LOWER_IS_BETTER = {"escalation_rate", "repeat_rate", "volume", "complaints"}


async def create(*, session: AsyncSession, initiative: InitiativeIn, created_by: str) -> Initiative:
    values = {"id": str(uuid.uuid4()), "created_by": created_by, **initiative.model_dump()}
    row = (await session.execute(initiatives.insert().values(**values).returning(initiatives))).mappings().one()
    return Initiative.model_validate(dict(row))


async def listed(*, session: AsyncSession) -> list[Initiative]:
    rows = (await session.execute(select(initiatives).order_by(initiatives.c.start_date.desc()))).mappings()
    return [Initiative.model_validate(dict(r)) for r in rows]


def _value(figures: Figures, name: str) -> float | None:
    figure = getattr(figures, name)
    return figure.value if isinstance(figure, Rate) else float(figure)


async def with_figures(
    *, session: AsyncSession, initiative_id: str, today: date, days: int, scoring: Scoring
) -> InitiativeWithFigures:
    """The scope's figures in ``days`` days before the start and in up to ``days`` days from it (to today)."""
    row = (await session.execute(select(initiatives).where(initiatives.c.id == initiative_id))).mappings().first()
    if row is None:
        raise NotFound("initiative", initiative_id)
    initiative = Initiative.model_validate(dict(row))
    filters = {SCOPE_DIMENSIONS.get(k, k): v for k, v in initiative.scope.items()}
    start = initiative.start_date
    before = (start - timedelta(days=days), start - timedelta(days=1))
    after = (start, max(start, min(today, start + timedelta(days=days - 1))))
    figures = []
    for first, last in (before, after):
        found = await figures_for(session=session, start=first, end=last, filters=filters, scoring=scoring)
        figures.append(found.get("") or scoring.figures({}))
    name = initiative.target_figure
    before_value, after_value = _value(figures[0], name), _value(figures[1], name)
    met = None
    if after_value is not None:
        met = after_value <= initiative.target_value if name in LOWER_IS_BETTER else after_value >= initiative.target_value
    return InitiativeWithFigures(
        **initiative.model_dump(),
        comparison=Comparison(
            before_start=before[0], before_end=before[1], after_start=after[0], after_end=after[1],
            before=figures[0], after=figures[1], target_figure=name, target_value=initiative.target_value,
            before_value=before_value, after_value=after_value, target_met=met,
        ),
    )
